// StackKeyTable keeps one int per slot: the stack index in the low bits, hash bits above. When
// it fills up it is rebuilt from the keys' bytes (in the file's buffer or its own copies), and
// when there are more keys than the caller said, the index takes more bits. Every key must
// then still be found, with its index, and a key never added must not be.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StackKeyTable } from '../../../src/pprof/stack-interner';

/** Key k: 2 to 9 bytes derived from k, all distinct. */
function keyOf(k: number): Uint8Array {
  const length = 2 + (k % 8);
  const bytes = new Uint8Array(length);
  bytes[0] = k & 0x7f;
  bytes[1] = (k >> 7) & 0x7f;
  for (let i = 2; i < length; i++) bytes[i] = ((k >> 14) + i) & 0x7f;
  return bytes;
}

test('keys are found with their index after the table grows and after the index takes more bits', () => {
  const n = 5000;
  // Even keys lie in the main buffer, odd ones are handed in a buffer of their own (copied).
  const keys = Array.from({ length: n }, (_, k) => keyOf(k));
  const main = new Uint8Array(keys.reduce((sum, key) => sum + key.length, 0));
  const at: number[] = [];
  let p = 0;
  for (const key of keys) {
    at.push(p);
    main.set(key, p);
    p += key.length;
  }
  const where = (k: number): [Uint8Array, number, number] =>
    k % 2 === 0 ? [main, at[k]!, at[k]! + keys[k]!.length] : [keys[k]!, 0, keys[k]!.length];
  // Expecting 10 keys (1,024 slots) and at most 100: both limits are passed.
  const table = new StackKeyTable(10, 100, main);
  for (let k = 0; k < n; k++) {
    const [src, lo, hi] = where(k);
    assert.equal(table.lookup(src, lo, hi), -1, `key ${k} before it is added`);
    assert.equal(table.add(32, src, lo, hi), k);
  }
  assert.equal(table.count, n);
  for (let k = 0; k < n; k++) {
    const [src, lo, hi] = where(k);
    assert.equal(table.lookup(src, lo, hi), k, `key ${k}`);
    // The same bytes from the other buffer.
    const copy = Uint8Array.from(src.subarray(lo, hi));
    assert.equal(table.lookup(copy, 0, copy.length), k, `key ${k}, copied`);
  }
  assert.equal(table.lookup(keyOf(n), 0, keyOf(n).length), -1, 'a key never added');
});
