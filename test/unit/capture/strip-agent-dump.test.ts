// strip-agent-dump on a goroutine dump laid out as Go 1.26 writes it (debug=2).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentFootprint } from '../../../src/capture/agent-footprint';
import { stripAgentDump } from '../../../src/capture/strip-agent-dump';

const FOOTPRINT: AgentFootprint = { agentOnlyPackages: new Set(['net/http']), cpuProfilerUsed: true };

const DUMP = `goroutine 12 [running]:
runtime/pprof.writeGoroutineStacks({0x5191c8, 0x17fe3cae4048})
	/usr/local/go/src/runtime/pprof/pprof.go:819 +0x6b
main.goprofilerAgentWriteProfile({0x51a0a0, 0xc0000b2000}, {0x4f0e2c, 0x9}, 0x2)
	/tmp/x/zz_goprofiler_agent.go:140 +0x5d
net/http.(*conn).serve(0xc0000a2000, {0x51a2b8, 0xc00009c0f0})
	/usr/local/go/src/net/http/server.go:2102 +0x625
created by net/http.(*Server).Serve in goroutine 7
	/usr/local/go/src/net/http/server.go:3454 +0x485

goroutine 1 [chan receive]:
main.main()
	/tmp/x/main.go:30 +0x1a5

goroutine 7 [IO wait]:
internal/poll.runtime_pollWait(0x7f, 0x72)
	/usr/local/go/src/runtime/netpoll.go:351 +0x85
main.goprofilerAgentGo.func1()
	/tmp/x/zz_goprofiler_agent.go:300 +0x80
created by main.goprofilerAgentGo in goroutine 1
	/tmp/x/zz_goprofiler_agent.go:297 +0x25

goroutine 9 [chan receive]:
main.worker(...)
	/tmp/x/main.go:10
created by main.main.func1 in goroutine 1
	/tmp/x/main.go:16 +0xbf

goroutine 13 [select]:
runtime/pprof.profileWriter({0x519e20, 0xc0001a2000})
	/usr/local/go/src/runtime/pprof/pprof.go:935 +0x65
created by runtime/pprof.StartCPUProfile in goroutine 12
	/usr/local/go/src/runtime/pprof/pprof.go:918 +0x13a

goroutine 14 [select]:
runtime/pprof.profileWriter({0x519e20, 0xc0001a2000})
	/usr/local/go/src/runtime/pprof/pprof.go:935 +0x65
created by runtime/pprof.StartCPUProfile in goroutine 99
	/usr/local/go/src/runtime/pprof/pprof.go:918 +0x13a
`;

describe('stripAgentDump', () => {
  it("leaves out the agent's goroutines, those they started and the CPU profiler's writer (its starter gone too)", () => {
    const out = stripAgentDump(DUMP, FOOTPRINT);
    assert.equal(
      out,
      `goroutine 1 [chan receive]:
main.main()
	/tmp/x/main.go:30 +0x1a5

goroutine 9 [chan receive]:
main.worker(...)
	/tmp/x/main.go:10
created by main.main.func1 in goroutine 1
	/tmp/x/main.go:16 +0xbf
`,
    );
  });

  it("with nothing of the agent in it the dump is unchanged; the writer stays when the agent never ran the profiler", () => {
    const plain = 'goroutine 1 [running]:\nmain.main()\n\t/tmp/x/main.go:3 +0x1\n';
    assert.equal(stripAgentDump(plain, FOOTPRINT), plain);
    const writer = 'goroutine 14 [select]:\nruntime/pprof.profileWriter({0x1, 0x2})\n\t/go/src/runtime/pprof/pprof.go:935 +0x65\n';
    assert.equal(stripAgentDump(writer, { ...FOOTPRINT, cpuProfilerUsed: false }), writer);
    assert.equal(stripAgentDump(writer, FOOTPRINT), '\n');
  });
});
