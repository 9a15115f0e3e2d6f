// Production profiles in a real VS Code: a Pyroscope server built on Grafana's official
// generated API (test/servers) serves real Go-runtime profiles; the workspace settings name it.
// "Open from Server…" goes server → last hour → service → CPU → version=v1 → the merged profile
// opens in the profile editor under a title naming service, type, server and range, and its top
// table equals `go tool pprof -top` of `go tool pprof -proto` over the same stored profiles.
// Then: compare with another version (the diff views), the previous period (empty: the error
// names the server), and Save a copy (its sidecar records the query).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { activeWebview, runCommand, waitForActiveTab } from '../../../scripts/vscode/workbench';
import { eventually } from '../../support/eventually';
import { parsePprofValue } from '../../support/go-pprof';
import { goPprofMerge, pyroscopeData, startPyroscope, type RunningServer } from '../../support/pyroscope-server';
import { pprofTop } from './pprof-top';
import type { StepOutcome } from './profile-editor.scenario';
import { runStep } from './run-step';
import { readTopRows } from './table-reader';

const TITLE = 'checkout {version=v1} · CPU · test-pyroscope · last hour';

/**
 * Picks the quick-input row whose label is `label` (the quick input may still be loading).
 * Only visible rows: an earlier step's list can stay in the DOM, hidden, ahead of the current one.
 */
async function choose(page: Page, label: string | RegExp): Promise<void> {
  const row = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row:visible')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

async function toastText(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  return ((await toast.locator('.notification-list-item-message').textContent()) ?? '').trim();
}

export async function runServersScenario(page: Page, workspace: string): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const step = (title: string, shot: string, body: () => Promise<void>): Promise<void> => runStep(outcomes, page, `servers-${shot}`, title, body);
  let server: RunningServer | undefined;
  try {
    await step('servers: Open from Server… pulls checkout version=v1 CPU and the top table equals go tool pprof of the same profiles merged', 'open', async () => {
      const data = await pyroscopeData();
      server = await startPyroscope(['-recent']);
      const settingsDir = join(workspace, '.vscode');
      mkdirSync(settingsDir, { recursive: true });
      const settingsFile = join(settingsDir, 'settings.json');
      const settings = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
      writeFileSync(settingsFile, JSON.stringify({ ...settings, 'goProfiler.servers': [{ name: 'test-pyroscope', kind: 'pyroscope', url: server.url }] }, null, 2));

      await runCommand(page, 'Go Profiler: Focus on Servers View');
      await page.locator('.monaco-list-row', { hasText: 'test-pyroscope' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await runCommand(page, 'Go Profiler: Open from Server');
      await choose(page, /^Last hour$/);
      await choose(page, /^checkout$/);
      await choose(page, /^CPU$/);
      await choose(page, /^version$/);
      await choose(page, /^v1$/);
      await choose(page, 'Open the merged profile');
      await waitForActiveTab(page, TITLE);

      const files = data.index
        .filter((e) => e.name === 'process_cpu' && e.tenant === '' && e.labels.service_name === 'checkout' && e.labels.version === 'v1')
        .map((e) => join(data.profilesDir, e.file));
      assert.equal(files.length, 4);
      const merged = join(mkdtempSync(join(tmpdir(), 'servers-ui-')), 'merged.pb.gz');
      await goPprofMerge(files, merged);
      const want = pprofTop(merged, { sampleIndex: 'cpu', unit: 'ns', nodeCount: 5 });
      assert.ok(want.length > 0, 'pprof printed rows');
      const frame = await activeWebview(page);
      await frame.locator('[data-testid="tab-top"]').click();
      const got = await eventually(
        'the top table shows the merged profile',
        async () => {
          const rows = await readTopRows(frame, want.length);
          return rows.length === want.length && rows[0]!.name === want[0]!.name ? rows : undefined;
        },
        60_000,
      );
      for (const [i, row] of want.entries()) {
        assert.equal(got[i]!.name, row.name, `row ${i + 1} name`);
        assert.equal(got[i]!.rawFlat, parsePprofValue(row.flat, `row ${i + 1}`), `row ${i + 1} flat`);
        assert.equal(got[i]!.rawCum, parsePprofValue(row.cum, `row ${i + 1}`), `row ${i + 1} cum`);
      }
      await frame.locator('[data-testid="tab-flame"]').click().catch(() => undefined);
      await runCommand(page, 'Go Profiler: Focus on Servers View');
      await page.locator('.monaco-list-row', { hasText: 'checkout {version=v1} · CPU · last hour' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.mouse.move(900, 700);
    });

    await step('servers: Compare with another label value opens the diff against version=v2', 'compare-version', async () => {
      await waitForActiveTab(page, TITLE);
      await runCommand(page, 'Go Profiler: Compare Server Profile with Another Label Value');
      await choose(page, /^version$/);
      await choose(page, /^v2$/);
      const frame = await activeWebview(page);
      const base = frame.locator('[data-testid="compare-base"]');
      await base.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match((await base.textContent()) ?? '', /checkout \{version=v2\} · CPU · test-pyroscope/);
      await page.mouse.move(900, 700);
    });

    await step('servers: Compare with previous period says the period is empty, naming the server', 'previous-empty', async () => {
      await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
      await waitForActiveTab(page, TITLE);
      await runCommand(page, 'Go Profiler: Compare Server Profile with Previous Period');
      const text = await toastText(page, 'no process_cpu');
      assert.match(text, /^Go Profiler: test-pyroscope \(http:\/\/127\.0\.0\.1:\d+\): no process_cpu:cpu:nanoseconds:cpu:nanoseconds profiles for checkout between .+$/);
    });

    await step('servers: Save a copy writes the profile and a sidecar that records the query', 'save-copy', async () => {
      await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
      await waitForActiveTab(page, TITLE);
      // Focus the editor area first (a notification may hold the focus), then use the palette.
      await page.locator('.tabs-container .tab.active').click();
      await runCommand(page, 'Go Profiler: Save a Copy of Server Profile');
      const text = await toastText(page, 'records the query');
      const path = /saved (\/.+\.pb\.gz) \(/.exec(text)?.[1];
      assert.ok(path && existsSync(path), text);
      const sidecar = JSON.parse(readFileSync(path.replace(/\.pb\.gz$/, '.json'), 'utf8')) as { capture: { source: string; query: { selector: string } } };
      assert.equal(sidecar.capture.source, 'server');
      assert.equal(sidecar.capture.query.selector, '{service_name="checkout",version="v1"}');
    });
  } finally {
    await server?.stop();
  }
  return outcomes;
}
