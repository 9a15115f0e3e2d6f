/** compareBytes: Go's string order (UTF-8 bytes), on the UTF-16 strings the decoder makes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareBytes } from '../../../src/analysis/top';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const utf8Order = (a: string, b: string): number => sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

test('valid strings order as their UTF-8 bytes, past U+FFFF included (where UTF-16 order differs)', () => {
  // Units chosen around the surrogate range: UTF-16 puts U+10000.. (D800 DC00..) before U+E000..U+FFFF.
  const alphabet = ['a', 'b', 'é', '\u0800', '\ud7ff', '\ue000', '\uffff', '\u{10000}', '\u{1f525}', '\u{10ffff}'];
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  const word = (): string => Array.from({ length: random(4) }, () => alphabet[random(alphabet.length)]).join('');
  for (let k = 0; k < 20000; k++) {
    const prefix = random(2) === 0 ? 'main.f' : '';
    const a = prefix + word();
    const b = prefix + word();
    assert.equal(sign(compareBytes(a, b)), utf8Order(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
});

test('a string orders before the longer strings it starts', () => {
  assert.equal(compareBytes('main.f', 'main.f2'), -1);
  assert.equal(compareBytes('main.f\u{1f525}', 'main.f'), 1);
  assert.equal(compareBytes('', 'a'), -1);
  assert.equal(compareBytes('x', 'x'), 0);
});

test('a lone surrogate (a byte that was not UTF-8) orders as its own code point', () => {
  assert.equal(compareBytes('a\udc80', 'a\ue000'), -1);
  assert.equal(compareBytes('a\udc80', 'ab'), 1);
  assert.equal(compareBytes('a\ud800', 'a\u{10000}'), -1);
  assert.equal(compareBytes('a\ud800x', 'a\ud800y'), -1);
});
