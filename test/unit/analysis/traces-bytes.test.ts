/** -traces written straight from the samples (traces-bytes.ts): pprof's layout, and the general path's bytes under every option it takes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tracesBytes } from '../../../src/analysis/traces-bytes';
import { formatStacksAsTracesBytes } from '../../../src/analysis/traces';
import { buildStacks } from '../../../src/analysis/stacks';
import type { ReportOptions } from '../../../src/analysis/options';
import type { Profile } from '../../../src/pprof/profile';
import { decodeUtf8Escaped } from '../../../src/pprof/utf8-escape';
import { buildProfile } from '../../support/profile-builder';

// A function name whose last byte is not UTF-8 (0xff): printed as that byte.
const raw = decodeUtf8Escaped(Uint8Array.from([0x6d, 0x2e, 0xc3, 0xa9, 0xff]));

const profile = buildProfile({
  sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
  binary: '/usr/bin/app',
  samples: [
    { stack: [['main.inlined a.go:5', 'main.caller a.go:20'], 'main.main a.go:31'], values: [2, 20_000_000], labels: { phase: 'hot' }, numLabels: { bytes: [2048, 'bytes'] } },
    { stack: ['', 'main.main a.go:31'], values: [1, 0] },
    { stack: [], values: [5, 50_000_000] },
    { stack: [`${raw} b.go:1`, 'std::vector<int>::push(int) c.cc:9', 'main.main a.go:32'], values: [3, 1_500_000_000], labels: { phase: 'cold' } },
  ],
});

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
const header = (): string[] => ['Type: cpu'];
const SEPARATOR = '-----------+-------------------------------------------------------';

test('each trace: its labels, the value with the leaf frame, the other frames with (inline) marks; an empty stack is left out', () => {
  const expected = [
    'Type: cpu',
    SEPARATOR,
    '     phase:  hot',
    '     bytes:  2kB',
    '      20ms   main.inlined (inline)',
    '             main.caller',
    '             main.main',
    SEPARATOR,
    '         0   [app]',
    '             main.main',
    SEPARATOR,
    '     phase:  cold',
    `     1.50s   ${decodeUtf8Escaped(Uint8Array.from([0x6d, 0x2e, 0xc3, 0xa9]))}\uFFFD`,
    '             std::vector<int>::push(int)',
    '             main.main',
    SEPARATOR,
    '',
  ].join('\n');
  assert.equal(text(tracesBytes(profile, { sampleIndex: 'cpu' }, header)), expected);
});

test('a name\'s bytes that are not UTF-8 are written as they were', () => {
  const bytes = tracesBytes(profile, { sampleIndex: 'cpu' }, header)!;
  const at = bytes.indexOf(0xff);
  assert.deepEqual(Array.from(bytes.subarray(at - 4, at + 2)), [0x6d, 0x2e, 0xc3, 0xa9, 0xff, 0x0a]);
});

/** The general path: buildStacks per sample, then the trace text (checked against pprof in test/fidelity). */
function general(p: Profile, options: ReportOptions): Uint8Array {
  const stacks = buildStacks(p, options, { mergeStacks: false, keepZeroValues: true });
  return formatStacksAsTracesBytes(p, stacks, stacks.sampleType.unit, header());
}

test('the same bytes as the general path at every granularity, with -noinlines, tag filters, short names and label frames', () => {
  const cases: ReportOptions[] = [
    {},
    { sampleIndex: 'cpu' },
    { granularity: 'lines' },
    { granularity: 'files' },
    { granularity: 'filefunctions', noInlines: true },
    { noInlines: true },
    { tagFocus: 'phase=hot' },
    { tagIgnore: 'phase=hot', shortNames: true },
    { shortNames: true },
    { tagRoot: ['phase'], tagLeaf: ['bytes'] },
  ];
  for (const options of cases) {
    const fast = tracesBytes(profile, options, header);
    assert.ok(fast !== undefined, JSON.stringify(options));
    assert.deepEqual(Array.from(fast), Array.from(general(profile, options)), JSON.stringify(options));
  }
});

test('name filters (focus, hide, show_from) are left to the general path', () => {
  assert.equal(tracesBytes(profile, { focus: 'main' }, header), undefined);
  assert.equal(tracesBytes(profile, { hide: 'caller' }, header), undefined);
  assert.equal(tracesBytes(profile, { showFrom: 'main' }, header), undefined);
});
