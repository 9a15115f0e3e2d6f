/** The buffer -traces is written into (trace-writer.ts): copies from its head and from the trace before, and the same bytes as the general path. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TraceWriter, type LocationBlockBytes } from '../../../src/analysis/trace-writer';
import { tracesBytes } from '../../../src/analysis/traces-bytes';
import { formatStacksAsTracesBytes, ValueColumn } from '../../../src/analysis/traces';
import { buildStacks } from '../../../src/analysis/stacks';
import type { ReportOptions } from '../../../src/analysis/options';
import type { Profile } from '../../../src/pprof/profile';
import { buildProfile, type SampleSpec } from '../../support/profile-builder';

const SEPARATOR = '-----------+-------------------------------------------------------';
const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

/** Blocks of the given frame lines per location, laid out in order (each location's lines after the last's). */
function blocks(lines: readonly (readonly string[])[]): LocationBlockBytes {
  const start = new Int32Array(lines.length);
  const end = new Int32Array(lines.length);
  let all = '';
  lines.forEach((own, l) => {
    start[l] = all.length;
    for (const name of own) all += `             ${name}\n`;
    end[l] = all.length;
  });
  return { bytes: Uint8Array.from(all, (c) => c.charCodeAt(0)), start, end };
}

test('traces written from a buffer far too small: its head (blocks, separator) and every trace survive its growth', () => {
  const out = new TraceWriter(blocks([['a', 'a.inlined'], ['b'], ['c'], ['d']]), 1);
  const column = new ValueColumn('count');
  const stacks = Uint16Array.from([0, 1, 2, /* */ 0, 1, 3, /* */ 0, 1, 3, /* */ 1, 2, /* */ 0, 1]);
  out.text('Type: goroutine', true);
  out.opening(5, column);
  out.trace(stacks, 0, 3);
  out.opening(5, column);
  out.trace(stacks, 3, 6);
  out.opening(7, column);
  out.trace(stacks, 6, 9);
  out.separator();
  out.text('     phase:  hot', true);
  out.text(column.of(5, undefined), false);
  out.trace(stacks, 9, 11);
  out.opening(5, column);
  out.trace(stacks, 11, 13);
  out.separator();
  const trace = (value: string, first: string, ...rest: string[]): string[] => [SEPARATOR, `${value.padStart(10)}   ${first}`, ...rest.map((r) => `             ${r}`)];
  assert.equal(
    text(out.finish()),
    [
      'Type: goroutine',
      ...trace('5', 'a', 'a.inlined', 'b', 'c'),
      ...trace('5', 'a', 'a.inlined', 'b', 'd'),
      ...trace('7', 'a', 'a.inlined', 'b', 'd'),
      SEPARATOR,
      '     phase:  hot',
      '         5   b',
      '             c',
      ...trace('5', 'a', 'a.inlined', 'b'),
      SEPARATOR,
      '',
    ].join('\n'),
  );
});

/**
 * A goroutine profile's shape: deep stacks of a recursion (x and y) that differ near the root,
 * so a trace shares most of its first locations with the trace before, in turn with equal
 * stacks, a stack that is the start of the one before, labelled samples and several values.
 */
function goroutineLike(): Profile {
  const samples: SampleSpec[] = [];
  for (let n = 0; n < 40; n++) {
    const path: string[] = [];
    for (let bit = 5; bit >= 0; bit--) path.push((n >> bit) & 1 ? `main.y m.go:${40 + bit}` : `main.x m.go:${30 + bit}`);
    const stack = [['runtime.gopark proc.go:1', 'runtime.chanrecv chan.go:2'], 'main.park m.go:20', ...path, 'runtime.goexit asm.s:1'];
    samples.push({ stack, values: [n % 7 === 3 ? 2 : 5], ...(n % 9 === 4 ? { labels: { worker: String(n % 2) } } : {}) });
    if (n % 5 === 0) samples.push({ stack, values: [5] });
    if (n % 6 === 0) samples.push({ stack: stack.slice(0, 4), values: [5] });
  }
  return buildProfile({ sampleTypes: [['goroutine', 'count']], binary: '/usr/bin/app', samples });
}

test('the same bytes as the general path on a goroutine profile\'s shape, at every granularity and with tag filters', () => {
  const profile = goroutineLike();
  const header = (): string[] => ['Type: goroutine'];
  const cases: ReportOptions[] = [{}, { granularity: 'lines' }, { granularity: 'files' }, { noInlines: true }, { tagFocus: 'worker=1' }, { tagIgnore: 'worker=0' }];
  for (const options of cases) {
    const fast = tracesBytes(profile, options, header);
    assert.ok(fast !== undefined, JSON.stringify(options));
    const stacks = buildStacks(profile, options, { mergeStacks: false, keepZeroValues: true });
    const general = formatStacksAsTracesBytes(profile, stacks, stacks.sampleType.unit, header());
    assert.equal(text(fast), text(general), JSON.stringify(options));
  }
});
