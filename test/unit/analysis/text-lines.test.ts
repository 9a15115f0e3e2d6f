/** A report's lines as one string and as the bytes printed: the same lines, raw profile bytes kept. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteLines, StringLines, type TextLines } from '../../../src/analysis/text-lines';
import { decodeUtf8Escaped } from '../../../src/pprof/utf8-escape';

// Frame 0 "a", frame 1 "é" then a byte that is not UTF-8 (0xff), frame 2 an astral character.
const raw = decodeUtf8Escaped(Uint8Array.from([0xc3, 0xa9, 0xff]));
const repeated = ['  a', '  a (inline)', `  ${raw}`, `  ${raw} (inline)`, '  \u{1F600}', '  \u{1F600} (inline)'];

function write<R>(out: TextLines<R>): R {
  out.line('head');
  out.frameLines([0, 1, 2, 0], [0, 1, 1, 0], 0, 4);
  out.line(`v ${raw}`);
  out.frameLines(Int32Array.of(9, 2, 1), Uint8Array.of(0, 0, 0), 1, 3);
  return out.finish();
}

test('string lines: each line then "\\n", a frame line by frame and inlined', () => {
  assert.equal(write(new StringLines(repeated)), `head\n  a\n  ${raw} (inline)\n  \u{1F600} (inline)\n  a\nv ${raw}\n  \u{1F600}\n  ${raw}\n`);
  assert.equal(new StringLines([]).finish(), '');
});

test('byte lines: the same lines as UTF-8, a byte that was not UTF-8 as itself', () => {
  const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
  const rawBytes = [0xc3, 0xa9, 0xff];
  const smiley = [0xf0, 0x9f, 0x98, 0x80];
  const expected = [
    ...ascii('head\n  a\n  '),
    ...rawBytes,
    ...ascii(' (inline)\n  '),
    ...smiley,
    ...ascii(' (inline)\n  a\nv '),
    ...rawBytes,
    ...ascii('\n  '),
    ...smiley,
    ...ascii('\n  '),
    ...rawBytes,
    0x0a,
  ];
  assert.deepEqual(Array.from(write(new ByteLines(repeated))), expected);
});

test('byte lines grow past their first buffer without losing a byte', () => {
  const long = 'x'.repeat(1000);
  const out = new ByteLines([long, `${long} (inline)`]);
  const frames = new Int32Array(200);
  out.frameLines(frames, new Uint8Array(200), 0, 200);
  out.line('end');
  const bytes = out.finish();
  assert.equal(bytes.length, 200 * 1001 + 4);
  assert.equal(String.fromCharCode(...bytes.subarray(199 * 1001, 200 * 1001 + 4)), `${long}\nend\n`);
});

test('byte lines whose repeated lines hold "\\n" themselves (a name written raw into a pipe) copy each whole', () => {
  // Frame 0's name has a line break and a byte that is not UTF-8 after it; frame 1 is plain.
  const name = `  a\n${raw}`;
  const out = new ByteLines([name, `${name} (inline)`, '  b', '  b (inline)']);
  out.frameLines([1, 0, 1, 0], [0, 1, 0, 0], 0, 4);
  const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
  const frame0 = [...ascii('  a\n'), 0xc3, 0xa9, 0xff];
  assert.deepEqual(Array.from(out.finish()), [...ascii('  b\n'), ...frame0, ...ascii(' (inline)\n  b\n'), ...frame0, 0x0a]);
});
