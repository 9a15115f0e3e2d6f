/** EdgeIndex: edge numbers by (source, destination), as a Map of the pair would give them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EdgeIndex } from '../../../src/analysis/edge-index';

test('pairs get back the edge number they were given, through growth; unknown pairs give -1', () => {
  const index = new EdgeIndex(4);
  const reference = new Map<string, number>();
  let seed = 11;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  // Node numbers far apart and close together, some past 2^15 so src * N + dst would pass 2^30.
  const node = (): number => (random(2) === 0 ? random(50) : 40_000 + random(30_000));
  for (let k = 0; k < 20_000; k++) {
    const src = node();
    const dst = node();
    const key = `${src}>${dst}`;
    const known = reference.get(key);
    assert.equal(index.get(src, dst), known ?? -1, key);
    if (known === undefined) {
      reference.set(key, reference.size);
      index.set(src, dst, reference.size - 1);
    }
  }
  for (const [key, e] of reference) {
    const [src, dst] = key.split('>').map(Number) as [number, number];
    assert.equal(index.get(src, dst), e);
    assert.equal(index.get(dst, src), reference.get(`${dst}>${src}`) ?? -1, 'the pair is ordered');
  }
});
