/**
 * The product's CSP violation report, end to end in Chromium: the real webview bundle under the
 * extension's CSP reports each `securitypolicyviolation` as a typed `cspViolation` message; the
 * host's own validator and counter (what src/profile-editor/profile-panel.ts uses) accept and count it.
 * This is what makes "0 violations" in the other tests mean something.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseWebviewToHost } from '../../src/shared/validate-messages';
import { CspViolationCounter } from '../../src/profile-editor/csp-violations';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';
import { writeHostileProfile } from './xss-profile';

describe('CSP violations reach the host through the protocol', () => {
  const editor = useEditorPage();
  let host: EditorHost;
  const requested: string[] = [];
  const failed: string[] = [];

  before(async () => {
    const { page, scratch } = editor;
    const file = join(scratch, 'hostile.pb.gz');
    writeHostileProfile(file);
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    host = new EditorHost(file);
    await editor.open(host);
  });

  test('a loaded profile causes none', async () => {
    const { session } = editor;
    assert.deepEqual(await session.cspViolations(), []);
    assert.deepEqual(host.cspViolations, []);
  });

  test('a remote image and an inline script are blocked, reported and counted', async () => {
    const { page, session } = editor;
    const ran = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { createElement(t: string): { src: string; textContent: string }; body: { append(e: unknown): void } };
        injected?: number;
      };
      const img = g.document.createElement('img');
      img.src = 'https://example.invalid/blocked.png';
      g.document.body.append(img);
      const script = g.document.createElement('script');
      script.textContent = 'globalThis.injected = 1';
      g.document.body.append(script);
      return g.injected ?? 0;
    });
    assert.equal(ran, 0, 'the inline script did not run');
    await page.waitForFunction(() => (globalThis as unknown as { editorTest: { cspViolations: string[] } }).editorTest.cspViolations.length >= 2);
    await session.idle();

    const reported = [...host.cspViolations].sort((a, b) => a.directive.localeCompare(b.directive));
    assert.deepEqual(reported, [
      { kind: 'cspViolation', directive: 'img-src', blockedUri: 'https://example.invalid/blocked.png', sample: '' },
      // No 'report-sample' in the policy, so the browser sends no sample of the code.
      { kind: 'cspViolation', directive: 'script-src-elem', blockedUri: 'inline', sample: '' },
    ]);
    // Chromium shows the attempt as a request event, then fails it before it leaves the browser.
    assert.ok(requested.includes('https://example.invalid/blocked.png'), requested.join('\n'));
    assert.deepEqual(failed.filter((f) => f.includes('example.invalid')), ['https://example.invalid/blocked.png csp']);

    // The host's side: its validator keeps the message as is, its counter counts it per panel.
    const counter = new CspViolationCounter();
    const other = counter.track('other.pb.gz');
    const panel = counter.track('hostile.pb.gz');
    const lines = reported.map((m) => {
      const parsed = parseWebviewToHost(JSON.parse(JSON.stringify(m)));
      assert.deepEqual(parsed, m);
      if (parsed?.kind !== 'cspViolation') return assert.fail('not a cspViolation');
      return panel.record(parsed);
    });
    other.close();
    assert.equal(lines[0], 'CSP violation in hostile.pb.gz (panel 2): img-src blocked https://example.invalid/blocked.png');
    assert.equal(lines[1], 'CSP violation in hostile.pb.gz (panel 2): script-src-elem blocked inline');
    assert.deepEqual(
      counter.counts().map((c) => [c.profile, c.open, c.violations]),
      [
        ['other.pb.gz', false, 0],
        ['hostile.pb.gz', true, 2],
      ],
    );
    assert.equal(counter.total(), 2);
  });
});
