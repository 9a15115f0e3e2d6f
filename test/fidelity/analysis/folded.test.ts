/** Folded stacks against `go tool pprof -top`: reading the lines back gives pprof's flat and cum. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofTop, type GoPprofOptions } from '../../support/go-pprof';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildFolded } from '../../../src/analysis/folded';

async function compare(file: string, options: GoPprofOptions): Promise<void> {
  const lines = buildFolded(await readProfileFile(file), options);
  const top = await goPprofTop(file, options);
  const totals = new Map<string, { flat: number; cum: number }>();
  const seen = new Set<string>();
  let sum = 0;
  for (const line of lines) {
    const m = /^(.+) (-?\d+)$/.exec(line);
    assert.ok(m, `folded line "${line}"`);
    const frames = (m[1] ?? '').split(';');
    const value = Number(m[2]);
    sum += value;
    const key = m[1] ?? '';
    assert.ok(!seen.has(key), `stack "${key}" appears once`);
    seen.add(key);
    const at = (name: string): { flat: number; cum: number } => {
      let t = totals.get(name);
      if (!t) totals.set(name, (t = { flat: 0, cum: 0 }));
      return t;
    };
    at(frames[frames.length - 1]!).flat += value;
    for (const name of new Set(frames)) at(name).cum += value;
  }
  assert.equal(sum, top.shown);
  assert.deepEqual(totals, new Map(top.rows.map((r) => [r.name, { flat: r.flat, cum: r.cum }])), `folded ${file}`);
}

test('folded stacks of real Go fixtures read back to pprof -top flat and cum', async () => {
  const f = await ensureGoFixtures();
  await compare(f.cpu, {});
  await compare(f.cpu, { granularity: 'lines' });
  await compare(f.heap, { sampleIndex: 'inuse_space' });
  await compare(f.goroutine, {});
});

test('folded lines are root first', async () => {
  const f = await ensureGoFixtures();
  const lines = buildFolded(await readProfileFile(f.cpu), {});
  assert.ok(lines.length > 0);
  for (const line of lines) assert.match(line, /^runtime\.\w+/, 'Go stacks start at a runtime entry point');
  assert.ok(lines.some((l) => l.startsWith('runtime.main;main.main;')));
});
