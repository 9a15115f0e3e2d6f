/** peek against `go tool pprof -peek` on real profiles: same nodes, callers, callees and weights. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureGoFixtures, repoRoot } from '../../support/go-fixtures';
import { goPprofRaw, pprofUnitFlag } from '../../support/go-pprof';
import { parsePeek } from '../../support/pprof-peek';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildPeek } from '../../../src/analysis/peek';
import { OptionError } from '../../../src/shared/option-error';
import type { ReportOptions } from '../../../src/analysis/options';

async function comparePeek(file: string, regex: string, options: ReportOptions, flags: string[]): Promise<number> {
  const profile = await readProfileFile(file);
  const report = buildPeek(profile, regex, options);
  const text = await goPprofRaw(file, [`-peek=${regex}`, `-unit=${pprofUnitFlag(report.graph.sampleType.unit)}`, ...flags]);
  const expected = parsePeek(text);
  const edge = (name: string, weight: number, inline: boolean): string => `${name}${inline ? ' (inline)' : ''} ${weight}`;
  const actual = report.entries.map(({ node, callers, callees }) => ({
    name: node.name,
    flat: node.flat,
    cum: node.cum,
    callers: callers.map((e) => edge(report.graph.nodes[e.from]!.name, e.weight, e.inline)),
    callees: callees.map((e) => edge(report.graph.nodes[e.to]!.name, e.weight, e.inline)),
  }));
  assert.ok(expected.length > 0, `pprof -peek ${regex} matched nothing in ${file}`);
  assert.deepEqual(actual, expected, `peek ${regex} ${flags.join(' ')} on ${file}`);
  return expected.length;
}

const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

test('peek on the large CPU profile equals pprof -peek, at functions and lines granularity', async () => {
  await comparePeek(large, 'time\\.', {}, []);
  await comparePeek(large, 'main\\.', { granularity: 'lines' }, ['-lines']);
  await comparePeek(large, 'runtime\\.(mallocgc|gcBgMarkWorker)$', { focus: 'runtime' }, ['-focus=runtime']);
});

test('peek on real Go fixtures equals pprof -peek (recursion, inlining, heap sample types)', async () => {
  const f = await ensureGoFixtures();
  assert.ok((await comparePeek(f.cpu, 'main\\.', {}, [])) >= 5);
  await comparePeek(f.cpu, 'ping|pong|recurse', { granularity: 'lines' }, ['-lines']);
  await comparePeek(f.heap, 'main\\.', { sampleIndex: 'alloc_space' }, ['-sample_index=alloc_space']);
  await comparePeek(f.heap, '.', { sampleIndex: 'inuse_objects', hide: 'runtime' }, ['-sample_index=inuse_objects', '-hide=runtime']);
  await comparePeek(f.goroutine, 'runtime\\.gopark', {}, []);
});

test('peek with a regex that matches nothing has no entries; a bad regex is an OptionError', async () => {
  const f = await ensureGoFixtures();
  const profile = await readProfileFile(f.cpu);
  assert.equal(buildPeek(profile, 'no\\.such\\.function').entries.length, 0);
  assert.throws(() => buildPeek(profile, '(unclosed'), OptionError);
});
