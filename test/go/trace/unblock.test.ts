/**
 * "What unblocked it", against go tool trace: for every time a goroutine started running in a
 * real program's trace, the event that last made it runnable as `go tool trace -d=parsed`
 * prints it (its time, the goroutine and P of that event, the stack of that event, and the
 * reason of the goroutine's block before) equals the cause the Go Trace view model gives the slice.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { READY_KINDS, sliceAt, type TraceViewModel } from '../../../src/shared/trace-view';
import { readProfileBytes } from '../../../src/pprof/read-file-node';
import { readTrace } from '../../../src/trace/read';
import { traceViewModel } from '../../../src/trace/trace-view-model';
import { goEnv, run } from '../../support/go-fixtures';
import { makeTrace } from '../../support/go-trace';

interface Cause {
  readonly ready: number;
  readonly unblocker: number;
  readonly proc: number;
  readonly from: string;
  readonly waitReason: string;
  /** Function names of the event's stack, innermost first. */
  readonly stack: readonly string[];
}

/** Per "goroutine@start time" of each run (Runnable->Running on a P), the last ->Runnable event before it, from go tool trace -d=parsed. */
async function causesByGoTool(file: string): Promise<{ causes: Map<string, Cause | undefined>; t0: number }> {
  const { stdout } = await run('go', ['tool', 'trace', '-d=parsed', file], { env: goEnv(), timeoutMs: 300_000 });
  const lines = stdout.split('\n');
  const causes = new Map<string, Cause | undefined>();
  const pending = new Map<number, Cause>();
  const waitReason = new Map<number, string>();
  let t0 = NaN;
  let syncTime = NaN;
  for (let i = 0; i < lines.length; i++) {
    const m = /^M=\S+ P=(-?\d+) G=(-?\d+) (\w+) Time=(\d+)(?: GoID=(\d+) (\w+)->(\w+) Reason="(.*)")?/.exec(lines[i]!);
    if (!m) continue;
    const time = Number(m[4]);
    if (Number.isNaN(t0)) t0 = time;
    if (m[3] === 'Sync') syncTime = time;
    // A state restated at a generation's start (From == To) is no change.
    if (m[5] === undefined || m[6] === m[7]) continue;
    const [p, g, id, from, to, reason] = [Number(m[1]), Number(m[2]), Number(m[5]), m[6]!, m[7]!, m[8]!];
    const stack: string[] = [];
    // The event's own stack ("Stack="), not the new goroutine's ("TransitionStack=").
    for (let k = i + 1; k < lines.length && !lines[k]!.startsWith('M='); k++) {
      if (lines[k] !== 'Stack=') continue;
      for (k++; lines[k]?.startsWith('\t'); k += 2) stack.push(/^\t(.*) @ 0x/.exec(lines[k]!)![1]!);
      break;
    }
    if (to === 'Waiting') waitReason.set(id, reason || 'blocked');
    if (to === 'Runnable') {
      const caused = from === 'Waiting' || from === 'NotExist';
      // First seen runnable: runnable since the generation began, as go tool trace's goroutine analysis counts it.
      pending.set(id, { ready: from === 'Undetermined' ? syncTime : time, unblocker: caused ? g : -1, proc: caused ? p : -1, from, waitReason: from === 'Waiting' ? (waitReason.get(id) ?? '') : '', stack: caused ? stack : [] });
    }
    if (to === 'Running' && p >= 0 && from !== 'Undetermined') {
      causes.set(`${id}@${time}`, pending.get(id));
      pending.delete(id);
    }
  }
  return { causes, t0 };
}

describe('what made a goroutine runnable, against go tool trace -d=parsed', () => {
  let dir: string;
  let model: TraceViewModel;
  let oracle: Awaited<ReturnType<typeof causesByGoTool>>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-trace-unblock-'));
    const file = await makeTrace(dir);
    model = traceViewModel(readTrace(await readProfileBytes(file), file), 'run.trace');
    oracle = await causesByGoTool(file);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every run: when it became runnable, by which goroutine on which P, with which stack, after which wait', (t) => {
    let compared = 0;
    let byGoroutine = 0;
    const kinds = new Set<string>();
    for (let i = 0; i < model.slices.count; i++) {
      const s = sliceAt(model.slices, i);
      const key = `${s.goroutine}@${s.start + oracle.t0}`;
      if (!oracle.causes.has(key)) continue;
      const want = oracle.causes.get(key);
      compared++;
      if (want === undefined) {
        assert.equal(s.ready, -1, key);
        continue;
      }
      const got = {
        ready: s.ready + oracle.t0,
        unblocker: s.unblocker,
        proc: s.unblockerProc,
        waitReason: model.reasons[s.waitReason] ?? '',
        stack: (model.stacks[s.unblockStack] ?? []).map((f) => model.frames[f]!.func),
      };
      assert.deepEqual(got, { ready: want.ready, unblocker: want.unblocker, proc: want.proc, waitReason: want.waitReason, stack: want.stack }, key);
      kinds.add(READY_KINDS[s.readyKind]!);
      if (want.unblocker >= 0 && want.from === 'Waiting') byGoroutine++;
    }
    t.diagnostic(`${compared} runs compared, ${byGoroutine} unblocked by another goroutine; kinds: ${[...kinds].join(', ')}`);
    assert.equal(compared, oracle.causes.size, 'every run go tool trace shows is a slice of ours');
    assert.ok(compared > 500, `many runs compared (${compared})`);
    assert.ok(byGoroutine > 50, `runs unblocked by another goroutine (${byGoroutine})`);
    assert.ok(kinds.has('created') && kinds.has('unblocked') && kinds.has('preempted or yielded'), [...kinds].join(', '));
  });
});
