import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../../src/cli/main';
import { GO_STATE_NAMES } from '../../../src/trace/events';
import { eventKind, goTransition, transitionReason } from '../../../src/trace/kinds';
import { readProfileBytes } from '../../../src/pprof/read-file-node';
import { TRACE_PROFILE_TYPES } from '../../../src/trace/profiles';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import type { Trace } from '../../../src/trace/trace';
import { goPprofRaw } from '../../support/go-pprof';
import { goTraceProfile, makeTrace, parsedByGoTool } from '../../support/go-trace';

/** Our events in the line form of parsedByGoTool. */
function ourLines(trace: Trace): string[] {
  const e = trace.events;
  const t = { goroutine: 0, from: 0, to: 0 };
  const lines: string[] = [];
  for (let i = 0; i < e.length; i++) {
    let line = `M=${e.m[i]} P=${e.p[i]} G=${e.g[i]} ${eventKind(e.type[i]!)} Time=${e.time[i]}`;
    if (goTransition(e, i, t)) line += ` GoID=${t.goroutine} ${GO_STATE_NAMES[t.from]}->${GO_STATE_NAMES[t.to]} Reason=${JSON.stringify(trace.strings[transitionReason(e, i)])}`;
    lines.push(line);
  }
  return lines;
}

/** `go tool pprof -traces` of one sample index as sorted "value|frame;frame;..." entries (exact nanoseconds). */
async function tracesOf(file: string, sampleIndex: string): Promise<string[]> {
  const text = await goPprofRaw(file, ['-traces', '-unit=ns', `-sample_index=${sampleIndex}`]);
  const out: string[] = [];
  for (const block of text.split(/^-+\+-+$/m).slice(1)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const first = /^\s*(\S+)\s+(.*)$/.exec(lines[0] ?? '');
    if (first === null) continue;
    out.push(`${first[1]}|${[first[2]!, ...lines.slice(1).map((l) => l.trim())].join(';')}`);
  }
  return out.sort();
}

describe('Go execution trace of a real program, against go tool trace', () => {
  let dir: string;
  let file: string;
  let trace: Trace;
  let oracle: string[];
  let oracleGc: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-trace-'));
    file = await makeTrace(dir);
    trace = readTrace(await readProfileBytes(file), file);
    ({ lines: oracle, gcCycles: oracleGc } = await parsedByGoTool(file));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every event in the same order, with the same time, thread, P, goroutine, kind and goroutine transition', () => {
    assert.ok(oracle.length > 1000, `a real trace has many events (${oracle.length})`);
    const ours = ourLines(trace);
    const firstDiff = ours.findIndex((l, i) => l !== oracle[i]);
    assert.equal(firstDiff === -1 ? undefined : `${firstDiff}: ${ours[firstDiff]} / ${oracle[firstDiff]}`, undefined);
    assert.equal(ours.length, oracle.length);
  });

  test('counts of events per kind, goroutines and GC cycles equal the tool', () => {
    const kinds: Record<string, number> = {};
    const goroutines = new Set<string>();
    for (const line of oracle) {
      const kind = line.split(' ')[3]!;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const g = / GoID=(\d+) /.exec(line);
      if (g) goroutines.add(g[1]!);
    }
    const counts = traceCounts(trace);
    assert.deepEqual(counts.byKind, kinds);
    assert.equal(counts.goroutines, goroutines.size);
    assert.ok(counts.goroutines >= 12, 'the workload starts at least 12 goroutines');
    assert.equal(counts.events, oracle.length);
    assert.ok(kinds.TaskBegin === 1 && kinds.RegionBegin === 2 && (kinds.Log ?? 0) >= 21, 'user task, regions and logs are read');
    assert.equal(counts.gcCycles, oracleGc);
    assert.ok(oracleGc >= 1, 'the workload runs the GC');
  });
});

describe('trace-derived profiles: go-profiler trace-profile against go tool trace -pprof', () => {
  let dir: string;
  let file: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-trace-profile-'));
    file = await makeTrace(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const type of TRACE_PROFILE_TYPES) {
    test(`${type}: every stack's count and delay equal go tool trace -pprof=${type} read with go tool pprof`, async () => {
      const ours = join(dir, `ours-${type}.pb.gz`);
      const theirs = join(dir, `go-${type}.pb`);
      const printed: string[] = [];
      const status = await main(['trace-profile', file, '--type', type, '--out', ours], { out: (s) => printed.push(s), err: (s) => printed.push(s) });
      assert.equal(status, 0, printed.join(''));
      assert.equal(printed.join(''), `${type} ${ours}\n`);
      await goTraceProfile(file, type, theirs);
      for (const index of ['contentions', 'delay']) {
        const want = await tracesOf(theirs, index);
        assert.ok(want.length > 0, `the workload blocks in ${type} at least once`);
        assert.deepEqual(await tracesOf(ours, index), want, `${type} ${index}`);
      }
    });
  }
});
