/** peek against `go tool pprof -peek` on real profiles: same nodes, callers, callees and weights. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureGoFixtures, repoRoot } from '../../support/go-fixtures';
import { goPprofRaw, parsePprofValue, pprofUnitFlag } from '../../support/go-pprof';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildPeek } from '../../../src/analysis/peek';
import { OptionError } from '../../../src/shared/option-error';
import type { ReportOptions } from '../../../src/analysis/options';

interface PeekBlock {
  name: string;
  flat: number;
  cum: number;
  callers: string[];
  callees: string[];
}

const SEPARATOR = '----------------------------------------------------------+-------------';
const nodeLine = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+\| (.*)$/;
const edgeLine = /^\s+(\S+)\s+\S+%\s+\| {3}(.*)$/;

/** The blocks of `pprof -peek` text printed in the base unit; edges as "name weight[ (inline)]". */
function parsePeek(text: string): PeekBlock[] {
  const blocks: PeekBlock[] = [];
  const parts = text.split(SEPARATOR + '\n').slice(2);
  for (const part of parts) {
    const lines = part.split('\n').filter((l) => l !== '');
    if (lines.length === 0) continue;
    let node: { name: string; flat: number; cum: number } | undefined;
    const callers: string[] = [];
    const callees: string[] = [];
    for (const line of lines) {
      const n = nodeLine.exec(line);
      if (n) {
        node = { flat: parsePprofValue(line.trim().split(/\s+/)[0] ?? '', line), cum: parsePprofValue(n[2] ?? '', line), name: n[3] ?? '' };
        continue;
      }
      const e = edgeLine.exec(line);
      if (!e) throw new Error(`cannot parse pprof -peek line "${line}"`);
      (node ? callees : callers).push(`${e[2] ?? ''} ${parsePprofValue(e[1] ?? '', line)}`);
    }
    if (!node) throw new Error(`pprof -peek block without a node line:\n${part}`);
    blocks.push({ ...node, callers, callees });
  }
  return blocks;
}

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
