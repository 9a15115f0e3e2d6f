/**
 * The Source and Disassembly tabs in real Chromium, on a CPU profile of a Go program built and
 * run here: every listed line carries what `go tool pprof -list` prints for it, every
 * instruction what `go tool pprof -disasm` prints (both run here), a line's calls equal
 * pprof's `-lines -peek` edges, clicks post the source line to open, no binary → Choose Binary….
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { run, goEnv } from '../support/go-fixtures';
import { goPprofRaw } from '../support/go-pprof';
import { parsePeek } from '../support/pprof-peek';
import { ensureResultsDir } from './harness';
import { useEditorPage } from './page-fixture';
import { EditorHost } from './editor-driver';

const PROGRAM = `package main

import (
	"os"
	"runtime/pprof"
	"time"
)

var sink uint64

//go:noinline
func step(x uint64) uint64 {
	for i := 0; i < 200; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

//go:noinline
func burn(d time.Duration) {
	end := time.Now().Add(d)
	x := uint64(1)
	for time.Now().Before(end) {
		for i := 0; i < 1000; i++ {
			x ^= x << 13
			x ^= x >> 7
		}
		x = step(x)
	}
	sink = x
}

func main() {
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
	burn(1500 * time.Millisecond)
	pprof.StopCPUProfile()
	f.Close()
}
`;

const NAME = 'main.burn';
const REGEX = '^main\\.burn$';

/** pprof -list / -disasm rows: key (line number or address) -> "flat cum" as printed, and the rest. */
function pprofRows(text: string, row: RegExp): Map<string, { values: string; rest: string }> {
  const rows = new Map<string, { values: string; rest: string }>();
  for (const line of text.split('\n')) {
    const m = row.exec(line);
    if (m) rows.set(m[3]!, { values: `${m[1]!} ${m[2]!}`, rest: m[4] ?? '' });
  }
  return rows;
}

/** The page's rows: key attribute -> "flat cum" of the first two cells, and the text cell. */
async function pageRows(page: Page, testId: string, key: string): Promise<Map<string, { values: string; rest: string }>> {
  const rows = await page.$$eval(
    `[data-testid="${testId}"]`,
    (trs, k) =>
      trs.map((tr) => {
        const cells = tr.querySelectorAll('td');
        const text = tr.querySelector('.listing-code > span:last-child');
        return [tr.getAttribute(k) ?? '', `${cells[0]?.textContent ?? ''} ${cells[1]?.textContent ?? ''}`, text?.textContent ?? ''] as const;
      }),
    key,
  );
  return new Map(rows.map(([k, values, rest]) => [k, { values, rest }]));
}

describe('Source and Disassembly tabs in Chromium, against go tool pprof -list / -disasm', () => {
  const editor = useEditorPage();
  const files = { binary: '', profile: '' };

  before(async () => {
    const dir = editor.scratch;
    writeFileSync(join(dir, 'go.mod'), 'module hotloop\n\ngo 1.22\n');
    writeFileSync(join(dir, 'main.go'), PROGRAM);
    files.binary = join(dir, 'hotloop');
    files.profile = join(dir, 'cpu.pb.gz');
    await run('go', ['build', '-o', files.binary, '.'], { cwd: dir, env: goEnv() });
    await run(files.binary, [files.profile], { cwd: dir, env: goEnv() });
  });

  test('Top row → Show Source: pprof -list numbers per line, calls per line as pprof -lines -peek, heat, click opens the line', async () => {
    const { page, session, seen } = editor;
    const host = new EditorHost(files.profile);
    await editor.open(host, 'top');
    await page.fill('[data-testid="top-filter"]', REGEX);
    await page.click('[data-testid="top-row"] [data-col="name"]', { button: 'right' });
    await page.click('[data-testid="function-menu"] [data-testid="menu-source"]');
    await session.idle();
    await page.waitForSelector('[data-testid="source-line"]');
    assert.equal(await page.textContent('[data-testid="source-name"]'), NAME);

    const listing = await goPprofRaw(files.profile, [`-list=${REGEX}`]);
    const expected = pprofRows(listing, /^\s*(\S+)\s+(\S+)\s+(\d+):(.*)$/);
    assert.ok([...expected.values()].some((r) => r.values !== '. .'), `pprof lists sampled lines:\n${listing}`);
    assert.deepEqual(await pageRows(page, 'source-line', 'data-line'), expected);

    // The line with the most cum is marked hottest; unsampled lines not at all.
    const heats = await page.$$eval('[data-testid="source-line"]', (trs) => trs.map((tr) => [Number(tr.getAttribute('data-cum')), Number(tr.getAttribute('data-heat'))] as const));
    const hottest = heats.reduce((a, b) => (b[0] > a[0] ? b : a));
    assert.equal(hottest[1], Math.max(...heats.map((h) => h[1])), JSON.stringify(heats));
    assert.ok(hottest[1] >= 1 && heats.every(([cum, h]) => (cum === 0) === (h === 0)), JSON.stringify(heats));

    // The line calling step: its calls are pprof's -lines -peek edges from that line, summed by function.
    const peek = parsePeek(await goPprofRaw(files.profile, ['-lines', '-peek=^main\\.burn\\s', '-unit=ns']));
    const stepLine = PROGRAM.split('\n').findIndex((l) => l.includes('x = step(x)')) + 1;
    const block = peek.find((b) => b.name.endsWith(`main.go:${stepLine}`));
    assert.ok(block, `pprof -lines -peek has main.go:${stepLine}:\n${peek.map((b) => b.name).join('\n')}`);
    const pprofCalls = new Map<string, number>();
    for (const edge of block.callees) {
      const parts = edge.split(' ');
      pprofCalls.set(parts[0]!, (pprofCalls.get(parts[0]!) ?? 0) + Number(parts.at(-1)));
    }
    assert.ok(pprofCalls.has('main.step'), JSON.stringify(block));
    const row = `[data-testid="source-line"][data-line="${stepLine}"]`;
    await page.click(`${row} [data-testid="source-calls-toggle"]`);
    const calls = await page.$$eval(`${row} ~ [data-testid="source-callee"]:not([hidden])`, (trs) => trs.map((tr) => [tr.getAttribute('data-name') ?? '', Number(tr.getAttribute('data-cum'))] as const));
    assert.deepEqual(new Map(calls), pprofCalls);

    await page.click(row);
    const open = await eventually('the line to open', () => host.last('openSource'));
    assert.deepEqual(open && { line: open.line, file: open.file, fn: open.functionName }, { line: stepLine, file: join(editor.scratch, 'main.go'), fn: NAME });
    await page.screenshot({ path: join(ensureResultsDir(), 'editor-source.png') });
    assert.deepEqual(seen.errors, []);
  });

  test('Disassembly: no binary → Choose Binary…; then pprof -disasm numbers per instruction; a click opens its line', async () => {
    const { page, session, seen } = editor;
    const host = session.host!;
    await page.click('[data-testid="tab-disasm"]');
    await session.idle();
    await page.waitForSelector('[data-testid="choose-binary"]');
    assert.match((await page.textContent('[data-testid="disasm-message"]')) ?? '', /binary of this profile is unknown/);

    // A binary without the function: a clear message naming it.
    host.chooseBinary = process.execPath;
    await page.click('[data-testid="choose-binary"]');
    await page.waitForFunction(() => !!(globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid="disasm-message"].error-message'));
    assert.ok(((await page.textContent('[data-testid="disasm-message"]')) ?? '').includes(process.execPath));

    host.chooseBinary = files.binary;
    await page.click('[data-testid="choose-binary"]');
    await page.waitForSelector('[data-testid="disasm-row"]');
    const disasm = await goPprofRaw(files.profile, // pprof matches -disasm against node names that carry more than the function: no anchors.
    ['-disasm=main\\.burn', files.binary]);
    const expected = pprofRows(disasm, /^\s*(\S+)\s+(\S+)\s+([0-9a-f]+): (.*)$/);
    const shown = await pageRows(page, 'disasm-row', 'data-address');
    assert.ok([...expected.values()].some((r) => r.values !== '. .'), `pprof -disasm has sampled instructions:\n${disasm}`);
    // Both ways: each shown instruction has pprof's numbers, each sampled pprof row is shown. (pprof
    // also decodes the bytes past its symbol end, one byte short, as extra rows without samples.)
    for (const [address, r] of shown) assert.equal(r.values, expected.get(address)?.values, `instruction ${address}`);
    for (const [address, r] of expected) if (r.values !== '. .') assert.equal(shown.get(address)?.values, r.values, `instruction ${address}`);
    // Instructions sit under the source line they come from, with its text.
    assert.ok((await page.$$('[data-testid="disasm-source"]')).length >= 2);
    const stepLine = PROGRAM.split('\n').findIndex((l) => l.includes('x = step(x)')) + 1;
    assert.match((await page.textContent(`[data-testid="disasm-source"][data-line="${stepLine}"]`)) ?? '', /x = step\(x\)/);

    const hot = [...shown].find(([, r]) => r.values !== '. .')![0];
    const before = host.posted.length;
    await page.click(`[data-testid="disasm-row"][data-address="${hot}"]`);
    const open = await eventually('the instruction\'s line to open', () => host.posted.slice(before).find((m) => m.kind === 'openSource'));
    assert.equal(open.file, join(editor.scratch, 'main.go'));
    assert.ok(open.line > 0, JSON.stringify(open));
    await page.screenshot({ path: join(ensureResultsDir(), 'editor-disasm.png') });
    assert.deepEqual(seen.errors, []);
  });
});
