/** How the CLI's text reports write a profile's strings: escaped for a terminal, as they are for a pipe (printable.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printable } from '../../../src/analysis/printable';
import { decodeUtf8Escaped } from '../../../src/pprof/utf8-escape';

test('escape (the default): C0, DEL and C1 controls as escapes, printable text as it is', () => {
  const cases: [string, string][] = [
    ['main.f', 'main.f'],
    ['a\u0000b', 'a\\x00b'],
    ['bell\u0007', 'bell\\x07'],
    ['\u001b[31mred', '\\x1b[31mred'],
    ['tab\tnew\nret\r', 'tab\\tnew\\nret\\r'],
    ['del\u007f', 'del\\x7f'],
    ['csi\u009b31m', 'csi\\u009b31m'],
    ['\u00a0é€\u{1F600}', '\u00a0é€\u{1F600}'],
  ];
  for (const [text, expected] of cases) {
    assert.equal(printable(text), expected, JSON.stringify(text));
    assert.equal(printable(text, 'escape'), expected, JSON.stringify(text));
  }
});

test('escape: bytes 0x80-0x9f that were not UTF-8 (8-bit C1 controls) as \\xHH, 0xa0-0xff kept raw, astral pairs untouched', () => {
  const text = decodeUtf8Escaped(Uint8Array.from([0x61, 0x80, 0x9b, 0x9f, 0xa0, 0xff, 0xf0, 0x90, 0x82, 0x80]));
  assert.equal(printable(text), `a\\x80\\x9b\\x9f\udca0\udcff\u{10080}`);
});

test('raw: every string exactly as it is', () => {
  const text = `\u0000\u0007\u001b[2J\t\n\r\u007f\u009b${decodeUtf8Escaped(Uint8Array.of(0x9b, 0xff))}`;
  assert.equal(printable(text, 'raw'), text);
});
