/**
 * The real profile editor in Chromium on a profile whose every string is hostile (HTML, script,
 * javascript: URLs, bidi controls, 100 KB names; see xss-profile.ts): every tab, the flame
 * tooltip, the metadata, the sample type and label selectors, the Labels tab show each string literally, nothing
 * executes, no request leaves the page's origin, and no CSP violation happens — counted both by
 * the page and through the product's own report path (webview/csp-report.ts → host).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureResultsDir } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost, flameOf, flamePoint } from './editor-driver';
import { nodeNamed } from './flame-geometry';
import { HOSTILE_FRAMES, HOSTILE_META, writeEveryStringHostileProfile } from './xss-profile';

const SOURCE = '<img src=x onerror=alert(13)>\u202Efdp.pb.gz';

/** Short, printable form of a hostile string for assertion messages. */
function show(s: string | null | undefined): string {
  return JSON.stringify((s ?? '').slice(0, 80));
}

describe('every string of the profile hostile: literal text everywhere, nothing runs, no CSP violation', () => {
  const editor = useEditorPage({ callGraphLayout: true });
  let host: EditorHost;
  const foreignRequests: string[] = [];
  let requests = 0;
  const notFound: string[] = [];

  before(async () => {
    const { page, scratch, server } = editor;
    const file = join(scratch, 'hostile.pb.gz');
    writeEveryStringHostileProfile(file);
    const origin = new URL(server.url).origin;
    page.on('response', (r) => {
      if (r.status() >= 400) notFound.push(`${r.status()} ${r.url()}`);
    });
    page.on('request', (r) => {
      requests++;
      if (new URL(r.url()).origin !== origin) foreignRequests.push(r.url());
    });
    host = new EditorHost(file, undefined, SOURCE);
    await editor.open(host);
  });

  test('flame graph: each frame’s tooltip shows its name and file:line exactly', async () => {
    const { page } = editor;
    const view = flameOf(host);
    for (const frame of HOSTILE_FRAMES) {
      const node = nodeNamed(view, frame.name);
      // The file as the views carry it (cleaned like pprof does: "//" becomes "/").
      const file = view.frames[view.frame[node]!]!.file;
      assert.ok(file.length > 0, `the frame of ${show(frame.name)} has a file`);
      const p = await flamePoint(page, view, node);
      await page.mouse.move(1, 1);
      await page.mouse.move(p.x, p.y);
      await page.waitForSelector('.gp-flame-tooltip:not([hidden]) .gp-name');
      const name = await page.textContent('.gp-flame-tooltip .gp-name');
      assert.ok(name === frame.name, `tooltip name ${show(name)} is ${show(frame.name)} (length ${name?.length} vs ${frame.name.length})`);
      const where = await page.textContent('.gp-flame-tooltip .gp-file');
      assert.ok(where === `${file}:${frame.line}`, `tooltip location ${show(where)}`);
    }
    await page.screenshot({ path: join(ensureResultsDir(), 'hostile-every-string-flame.png') });
  });

  test('metadata, sample type and label selectors show the strings literally', async () => {
    const { page } = editor;
    const meta = await page.$$eval('[data-testid="profile-meta"] dd', (dds) => dds.map((d) => d.textContent ?? ''));
    assert.ok(meta.includes(SOURCE), `file name shown literally: ${meta.map(show).join(' | ')}`);
    for (const comment of HOSTILE_META.comments) assert.ok(meta.includes(comment), `comment ${show(comment)}`);
    const types = await page.$$eval('[data-testid="sample-type-select"] option', (os) => os.map((o) => o.textContent ?? ''));
    assert.ok(types.some((t) => t.startsWith(HOSTILE_META.sampleType)), `sample types: ${types.map(show).join(' | ')}`);
    const tags = await page.$$eval('[data-testid="tag-select"] option', (os) => os.map((o) => o.textContent ?? ''));
    const tagText = tags.join('\n');
    assert.ok(tagText.includes(HOSTILE_META.labelKey) && tagText.includes(HOSTILE_META.labelValue), `label options: ${tags.map(show).join(' | ')}`);
  });

  test('top table and call tree list every name exactly', async () => {
    const { page, session } = editor;
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    const top = await page.$$eval('td[data-col="name"]', (tds) => tds.map((td) => td.textContent ?? ''));
    assert.deepEqual([...top].sort(), HOSTILE_FRAMES.map((f) => f.name).sort());
    await page.click('[data-testid="tab-tree"]');
    await session.idle();
    await page.click('[data-testid="expand-hot-path"]');
    await session.idle();
    const tree = await page.$$eval('[data-testid="tree-row"] td[data-col="name"]', (tds) => tds.map((td) => (td.textContent ?? '').replace(/^[▸▾]/, '')));
    for (const frame of HOSTILE_FRAMES) assert.ok(tree.includes(frame.name), `tree row ${show(frame.name)}`);
    await page.waitForSelector('[data-testid="peek-name"]');
    await page.screenshot({ path: join(ensureResultsDir(), 'hostile-every-string-tree.png') });
  });

  test('call graph: one node per function, its title the exact name', async () => {
    const { page } = editor;
    await page.click('[data-testid="tab-callgraph"]');
    await page.waitForSelector('[data-testid="callgraph-svg"] .cg-node');
    const titles = await page.$$eval('[data-testid="callgraph-svg"] g.cg-node > title', (ts) => ts.map((t) => t.textContent ?? ''));
    const names = titles.map((t) => t.slice(0, t.indexOf('\n') < 0 ? t.length : t.indexOf('\n')));
    assert.deepEqual([...names].sort(), HOSTILE_FRAMES.map((f) => f.name).sort());
    await page.screenshot({ path: join(ensureResultsDir(), 'hostile-every-string-callgraph.png') });
  });

  test('Source and Disassembly tabs: the function and its missing file named literally', async () => {
    const { page, session } = editor;
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    let last = '';
    for (let i = 0; i < 3; i++) {
      await page.click('[data-testid="tab-top"]');
      const cell = page.locator('td[data-col="name"]').nth(i);
      const name = (await cell.textContent()) ?? '';
      assert.ok(HOSTILE_FRAMES.some((f) => f.name === name), `top row ${show(name)}`);
      await cell.click({ button: 'right' });
      await page.click('[data-testid="function-menu"] [data-testid="menu-source"]');
      await session.idle();
      await page.waitForFunction((n) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="source-name"]')?.textContent === n, name);
      const error = (await page.textContent('[data-testid="source-error"]')) ?? '';
      const file = flameOf(host).frames.find((f) => f.name === name)?.file ?? '';
      assert.ok(file !== '' && error.startsWith(`Source of ${file} not found`), `source error ${show(error)} names ${show(file)}`);
      if (i === 0) await page.screenshot({ path: join(ensureResultsDir(), 'hostile-every-string-source.png') });
      last = name;
    }
    await page.click('[data-testid="tab-disasm"]');
    await session.idle();
    await page.waitForSelector('[data-testid="choose-binary"]');
    assert.equal(await page.textContent('[data-testid="disasm-name"]'), last);
  });

  test('labels tab: the key and value literal; grouped by the key, the value is a literal top row', async () => {
    const { page, session } = editor;
    await page.click('[data-testid="tab-labels"]');
    await session.idle();
    const keys = await page.$$eval('[data-testid="labels-key"]', (ss) => ss.map((s) => s.getAttribute('data-key') ?? ''));
    const index = keys.indexOf(HOSTILE_META.labelKey);
    assert.ok(index >= 0, `label keys: ${keys.map(show).join(' | ')}`);
    const section = page.locator('[data-testid="labels-key"]').nth(index);
    assert.ok(((await section.locator('.lb-key').textContent()) ?? '').startsWith(HOSTILE_META.labelKey), 'key heading');
    const values = await section.locator('.lb-value').allTextContents();
    assert.ok(values.includes(HOSTILE_META.labelValue), `label values: ${values.map(show).join(' | ')}`);
    await section.locator('[data-testid="labels-group-root"]').click();
    await session.idle();
    await page.click('[data-testid="tab-top"]');
    await session.idle();
    const top = await page.$$eval('td[data-col="name"]', (tds) => tds.map((td) => td.textContent ?? ''));
    assert.ok(top.includes(HOSTILE_META.labelValue), 'the label frame is a top row, literally');
    await page.click('[data-testid="filters-undo"]');
    await session.idle();
  });

  test('goroutines tab of the same strings as a goroutine profile: every frame literal', async () => {
    const { page, scratch } = editor;
    const file = join(scratch, 'hostile-goroutine.pb.gz');
    writeEveryStringHostileProfile(file, 'goroutine');
    const goroutines = new EditorHost(file, undefined, SOURCE);
    await editor.open(goroutines, 'goroutines');
    await page.waitForSelector('[data-testid="goroutine-group"]');
    const fns = await page.$$eval('.gr-frame .gr-fn', (els) => els.map((e) => e.textContent ?? ''));
    for (const f of HOSTILE_FRAMES) assert.ok(fns.includes(f.name), `goroutine frame ${show(f.name)}`);
    const titles = await page.$$eval('.gr-frame', (els) => els.map((e) => e.getAttribute('data-name') ?? ''));
    for (const f of HOSTILE_FRAMES) assert.ok(titles.includes(f.name), `data-name ${show(f.name)}`);
    assert.equal(await page.$$eval('img, b, script:not([src]), iframe', (els) => els.length), 0);
    await page.screenshot({ path: join(ensureResultsDir(), 'hostile-every-string-goroutines.png') });
    assert.deepEqual(goroutines.cspViolations, []);
    // Back to the CPU profile for the last checks.
    await editor.open(host);
  });

  test('no element was made from a string, no dialog, no request off the origin, no CSP violation', async () => {
    const { page, session, seen } = editor;
    const goroutinesTab = await page.$('[data-testid="tab-goroutines"]');
    assert.ok(!goroutinesTab || !(await goroutinesTab.isVisible()), 'no Goroutines tab for a CPU profile');
    // One script element: the page's own, nonce'd bundle.
    assert.deepEqual(await page.$$eval('img, b, script:not([src]), iframe, a[href^="javascript"]', (els) => els.map((e) => e.outerHTML.slice(0, 80))), []);
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(notFound, []);
    assert.deepEqual(seen.errors, []);
    assert.ok(requests > 0, 'requests were observed at all');
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(await session.cspViolations(), []);
    assert.deepEqual(host.cspViolations, []);
  });
});
