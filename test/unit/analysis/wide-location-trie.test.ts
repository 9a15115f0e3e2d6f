/**
 * wideTrieOfUniqueStacks builds the first flame's wide trie from the unique location stacks.
 * Expected: buildWideStackTrie over buildStacks' merged frame stacks (itself checked against
 * the whole trie in wide-stack-trie.test.ts), node for node and frame for frame, on every
 * profile of the examples and of the external corpus (inlined frames, locations sharing
 * frames, samples of value 0, several sample types), at two granularities.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeProfile, type Profile } from '../../../src/pprof';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { buildStacks } from '../../../src/analysis/stacks';
import type { StackTrie } from '../../../src/analysis/stack-trie';
import { buildWideStackTrie } from '../../../src/analysis/wide-trie-builder';
import { wideTrieOfUniqueStacks } from '../../../src/analysis/wide-location-trie';
import type { Granularity, ReportOptions } from '../../../src/analysis/options';
import { buildProfile, encodeProfile } from '../../support/profile-builder';

function profilesIn(folder: URL): { name: string; profile: Profile }[] {
  const out: { name: string; profile: Profile }[] = [];
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.md')) continue;
    const path = `${entry.parentPath}/${entry.name}`;
    try {
      out.push({ name: path.slice(path.indexOf('fixtures/') + 9), profile: decodeProfile(readFileSync(path), { source: path, inflate: inflateNode }) });
    } catch {
      // Not a pprof profile (the corpus has a few, for the error messages).
    }
  }
  return out;
}

const profiles = [
  ...profilesIn(new URL('../../../examples/profiles/', import.meta.url)),
  ...profilesIn(new URL('../../fixtures/external/', import.meta.url)),
];

const frameFacts = (t: StackTrie): string[] => t.frames.map((f) => `${f.name} ${f.file}:${f.line} ${f.inlined} ${f.partialInline}`);

function assertSameTrie(got: StackTrie & { cut: boolean }, expected: StackTrie & { cut: boolean }, what: string): void {
  assert.equal(got.cut, expected.cut, `${what}: cut`);
  assert.equal(got.total, expected.total, `${what}: total`);
  assert.equal(got.count, expected.count, `${what}: node count`);
  for (const key of ['frame', 'parent', 'depth', 'value', 'self', 'firstChild', 'childCount'] as const) {
    assert.deepEqual(Array.from(got[key]), Array.from(expected[key]), `${what}: ${key}`);
  }
  assert.deepEqual(frameFacts(got), frameFacts(expected), `${what}: frames`);
}

test('the wide trie from unique location stacks equals the one from merged frame stacks, on every corpus profile', () => {
  let compared = 0;
  for (const { name, profile } of profiles) {
    for (let sampleIndex = 0; sampleIndex < profile.sampleTypes.length; sampleIndex++) {
      for (const granularity of ['functions', 'lines'] as Granularity[]) {
        const options: ReportOptions = { sampleIndex, granularity };
        const stacks = buildStacks(profile, options);
        for (const parts of [8, 4096]) {
          const what = `${name} #${sampleIndex} ${granularity} /${parts}`;
          const got = wideTrieOfUniqueStacks(profile, options, parts, 0);
          if (got === undefined) continue; // negative values: buildStacks' path
          assert.notEqual(got, 'few', what);
          if (got === 'few') continue;
          assertSameTrie(got, buildWideStackTrie(stacks, parts), what);
          compared++;
        }
        // 'few' exactly when the merged stacks hold fewer frames than asked.
        const frames = stacks.stackFrames.length;
        if (wideTrieOfUniqueStacks(profile, options, 8, 0) === undefined) continue;
        assert.notEqual(wideTrieOfUniqueStacks(profile, options, 8, frames), 'few', `${name}: ${frames} frames reach ${frames}`);
        assert.equal(wideTrieOfUniqueStacks(profile, options, 8, frames + 1), 'few', `${name}: ${frames} frames are fewer than ${frames + 1}`);
      }
    }
  }
  assert.ok(compared > 400, `compared ${compared} tries`);
});

const builder = (values: number[]): Profile =>
  decodeProfile(
    encodeProfile(
      buildProfile({
        sampleTypes: [['alloc', 'bytes']],
        samples: [
          { stack: ['main.leaf a.go:3', 'main.main a.go:1'], values: [values[0]!], labels: { kind: 'x' } },
          { stack: ['main.other a.go:5', 'main.main a.go:2'], values: [values[1]!] },
        ],
      }),
    ),
    { source: 'built', inflate: inflateNode },
  );

test('views this path cannot build exactly are left to buildStacks', () => {
  const profile = builder([5, 7]);
  assert.notEqual(wideTrieOfUniqueStacks(profile, {}, 8, 0), undefined, 'the default view takes it');
  assert.equal(wideTrieOfUniqueStacks(profile, { focus: 'leaf' }, 8, 0), undefined, 'focus');
  assert.equal(wideTrieOfUniqueStacks(profile, { hide: 'leaf' }, 8, 0), undefined, 'hide');
  assert.equal(wideTrieOfUniqueStacks(profile, { tagRoot: ['kind'] }, 8, 0), undefined, 'label frames');
  assert.equal(wideTrieOfUniqueStacks(profile, { transforms: [{ kind: 'merge', name: 'main.main' }] }, 8, 0), undefined, 'a transform');
  assert.equal(wideTrieOfUniqueStacks(builder([5, -7]), {}, 8, 0), undefined, 'a negative value');
});

test('tagfocus is applied as buildStacks applies it', () => {
  const profile = builder([5, 7]);
  const options: ReportOptions = { tagFocus: 'kind=x' };
  const got = wideTrieOfUniqueStacks(profile, options, 8, 0);
  if (got === undefined || got === 'few') return assert.fail('the tagfocus view takes the path');
  assertSameTrie(got, buildWideStackTrie(buildStacks(profile, options), 8), 'tagfocus');
  assert.equal(got.total, 5);
});
