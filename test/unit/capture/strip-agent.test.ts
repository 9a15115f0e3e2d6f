// strip-agent on hand-built profiles: which samples go, and that nothing of the agent is
// left in the bytes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topTable } from '../../../src/analysis/top';
import type { AgentFootprint } from '../../../src/capture/agent-footprint';
import { stripAgent } from '../../../src/capture/strip-agent';
import { decodeProfile } from '../../../src/pprof/decode-profile';
import { inflateNode } from '../../../src/pprof/inflate-node';
import type { Profile } from '../../../src/pprof/profile';
import { buildProfile, encodeProfile, type SampleSpec } from '../../support/profile-builder';

const NONE: AgentFootprint = { agentOnlyPackages: new Set(), cpuProfilerUsed: false };

function raw(samples: readonly SampleSpec[], extra: { comments?: string[] } = {}): Uint8Array {
  return encodeProfile(buildProfile({ sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']], samples, ...extra }));
}

function decode(bytes: Uint8Array): Profile {
  return decodeProfile(bytes, { source: 'stripped', inflate: inflateNode });
}

/** Every stack as "leaf;...;root" with its cpu value, sorted. */
function stacks(p: Profile): string[] {
  const out: string[] = [];
  for (let s = 0; s < p.samples.count; s++) {
    const names: string[] = [];
    for (let k = p.samples.stackStart[s]!; k < p.samples.stackStart[s + 1]!; k++) {
      const l = p.samples.stackLocations[k]!;
      for (let j = p.locations.lineStart[l]!; j < p.locations.lineStart[l + 1]!; j++) names.push(p.strings[p.functions.name[p.locations.lineFunction[j]!]!]!);
    }
    out.push(`${names.join(';')} ${p.samples.values[s * p.samples.valueCount + 1]}`);
  }
  return out.sort();
}

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

describe('stripAgent', () => {
  it("drops samples with a frame of the agent's (any depth, inlined too) and keeps the rest as they were", () => {
    const input = raw([
      { stack: ['main.work main.go:5', 'main.main main.go:10'], values: [1, 10] },
      { stack: ['runtime/pprof.writeHeap pprof.go:1', 'main.goprofilerAgentWriteProfile agent.go:5', 'net/http.(*conn).serve server.go:1'], values: [1, 20] },
      { stack: [['bytes.(*Buffer).Write buffer.go:1', 'main.goprofilerAgentSave agent.go:9'], 'runtime.main proc.go:1'], values: [1, 40] },
      // methods of the agent's types
      { stack: ['sync.(*Once).Do once.go:1', 'main.(*goprofilerAgentLimitedConn).Close agent.go:20'], values: [1, 80] },
    ]);
    const out = stripAgent(input, NONE);
    const p = decode(out);
    assert.deepEqual(stacks(p), ['main.work;main.main 10']);
    assert.equal(topTable(p, { sampleIndex: 'cpu' }).total, 10);
    assert.doesNotMatch(latin1(out), /goprofilerAgent|writeHeap|net\/http|buffer\.go|once\.go/);
    assert.ok(p.strings.includes('main.work') && p.strings.includes('main.go'));
  });

  it('drops samples under the agent label and keeps other labels and their strings', () => {
    const input = raw([
      { stack: ['main.a a.go:1'], values: [1, 1], labels: { go_profiler: 'agent' } },
      { stack: ['main.b b.go:1'], values: [1, 2], labels: { phase: 'hot' } },
      { stack: ['main.c c.go:1'], values: [1, 4], labels: { go_profiler: 'other' } },
    ]);
    const p = decode(stripAgent(input, NONE));
    assert.deepEqual(stacks(p), ['main.b 2', 'main.c 4']);
    assert.ok(p.strings.includes('phase') && p.strings.includes('hot') && p.strings.includes('other'));
    assert.ok(!p.strings.includes('agent'));
  });

  it('drops frames of packages only the agent brings in', () => {
    const footprint = { ...NONE, agentOnlyPackages: new Set(['net/http', 'crypto/tls']) };
    const input = raw([
      { stack: ['bufio.NewReaderSize bufio.go:1', 'net/http.(*conn).serve server.go:1'], values: [1, 5] },
      { stack: ['bufio.NewReaderSize bufio.go:1', 'main.read main.go:1'], values: [1, 7] },
      { stack: ['crypto/tls.init.0 tls.go:1', 'runtime.main proc.go:1'], values: [1, 9] },
    ]);
    assert.deepEqual(stacks(decode(stripAgent(input, footprint))), ['bufio.NewReaderSize;main.read 7']);
  });

  it("drops stacks rooted in the CPU profiler's writer only once the agent has run the profiler", () => {
    const input = raw([
      { stack: ['compress/flate.NewWriter deflate.go:1', 'runtime/pprof.profileWriter pprof.go:1', 'runtime.goexit asm.s:1'], values: [1, 3] },
      { stack: ['main.f main.go:1', 'runtime/pprof.profileWriter pprof.go:1', 'main.g main.go:2'], values: [1, 5] },
    ]);
    assert.equal(stacks(decode(stripAgent(input, NONE))).length, 2);
    assert.deepEqual(stacks(decode(stripAgent(input, { ...NONE, cpuProfilerUsed: true }))), ['main.f;runtime/pprof.profileWriter;main.g 5']);
  });

  it("keeps main.main (the user's, which defers the agent's finish) and drops the finish's samples under it", () => {
    const input = raw([
      { stack: ['main.work main.go:5', 'main.main main.go:12', 'runtime.main proc.go:1'], values: [1, 10] },
      { stack: ['runtime.GC mgc.go:1', 'main.goprofilerAgentFinish agent.go:1', 'main.main main.go:11', 'runtime.main proc.go:1'], values: [1, 20] },
    ]);
    const out = stripAgent(input, NONE);
    assert.deepEqual(stacks(decode(out)), ['main.work;main.main;runtime.main 10']);
    assert.doesNotMatch(latin1(out), /goprofilerAgent|runtime\.GC|mgc\.go/);
  });

  it('returns the very same bytes when nothing is the agent\'s, and keeps comments and sample types', () => {
    const input = raw([{ stack: ['main.f main.go:1'], values: [1, 1] }], { comments: ['note'] });
    assert.equal(stripAgent(input, { ...NONE, agentOnlyPackages: new Set(['net/http']), cpuProfilerUsed: true }), input);
    const stripped = decode(stripAgent(raw([{ stack: ['main.f f.go:1'], values: [1, 1] }, { stack: ['main.goprofilerAgentX x.go:1'], values: [1, 1] }], { comments: ['note'] }), NONE));
    assert.deepEqual(stripped.comments, ['note']);
    assert.deepEqual(stripped.sampleTypes, [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
  });
});
