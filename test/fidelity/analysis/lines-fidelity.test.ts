/** lineCosts against the per-line numbers of the real `go tool pprof -list`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineCosts } from '../../../src/analysis/lines';
import type { ReportOptions } from '../../../src/analysis/options';
import { selectSampleType } from '../../../src/analysis/sample-type';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofRaw, parsePprofValue, pprofUnitFlag } from '../../support/go-pprof';

/** "file:line flat cum" for every listed line with a cost, summed over ROUTINE blocks. */
function parseList(stdout: string): string[] {
  const costs = new Map<string, { flat: number; cum: number }>();
  let file = '';
  for (const line of stdout.split('\n')) {
    const routine = /^ROUTINE =+ .* in (.+)$/.exec(line);
    if (routine) {
      file = routine[1] ?? '';
      continue;
    }
    const m = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(line);
    if (!m) continue;
    const value = (t: string): number => (t === '.' ? 0 : parsePprofValue(t, line));
    const key = `${file}:${m[3]}`;
    const c = costs.get(key) ?? { flat: 0, cum: 0 };
    c.flat += value(m[1] ?? '');
    c.cum += value(m[2] ?? '');
    costs.set(key, c);
  }
  return [...costs].filter(([, c]) => c.flat !== 0 || c.cum !== 0).map(([k, c]) => `${k} ${c.flat} ${c.cum}`).sort();
}

describe('line costs match go tool pprof -list', () => {
  it('every costed line of real CPU, allocs and block profiles, with and without filters', async () => {
    const fx = await ensureGoFixtures();
    const cases: [string, ReportOptions][] = [
      [fx.cpu, {}],
      [fx.cpu, { focus: 'burn', noInlines: true }],
      [fx.allocs, { sampleIndex: 'alloc_space' }],
      [fx.allocs, { sampleIndex: 'inuse_objects' }],
      [fx.block, { sampleIndex: 'delay' }],
    ];
    for (const [path, opts] of cases) {
      const profile = await readProfileFile(path);
      const unit = profile.sampleTypes[selectSampleType(profile, opts.sampleIndex)]!.unit;
      const args = ['-list=.', `-unit=${pprofUnitFlag(unit)}`];
      if (opts.sampleIndex !== undefined) args.push(`-sample_index=${opts.sampleIndex}`);
      if (opts.focus) args.push(`-focus=${opts.focus}`);
      if (opts.noInlines) args.push('-noinlines');
      const theirs = parseList(await goPprofRaw(path, args));
      const ours = [...lineCosts(profile, opts)]
        .flatMap(([file, lines]) => lines.map((l) => `${file}:${l.line} ${l.flat} ${l.cum}`))
        .sort();
      assert.ok(theirs.length > 0, `${path}: pprof listed lines`);
      assert.deepEqual(ours, theirs, `${path} ${JSON.stringify(opts)}`);
    }
  });
});
