/**
 * Part of `npm run bench`: what the injected agent costs while idle (a CPU-bound Go program
 * built with and without it, runs interleaved, median ns/op by wall and by CPU time), and how
 * long a capture takes from the request to a decoded profile.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_ADDRESS_FILE, ENV_TOKEN } from '../../src/capture/agent-protocol';
import { buildWithAgent, type AgentBuild } from '../../src/capture/build';
import { findGo } from '../../src/capture/find-go';
import { launchWithAgent } from '../../src/capture/launcher';
import { runTool } from '../../src/capture/process';
import { saveCaptureResult, sessionContext } from '../../src/capture/save-capture';
import { readProfileFile } from '../../src/pprof/read-file-node';
import { repoRoot } from '../../test/support/go-fixtures';

const fixture = join(repoRoot, 'test', 'fixtures', 'go-session');
const ROUNDS = '50';

interface PerOp {
  readonly wallNs: number;
  readonly cpuNs: number;
}

function parsePerOp(stdout: string): PerOp {
  const m = /ns\/op (\d+) cpu-ns\/op (\d+)/.exec(stdout);
  if (!m) throw new Error(`spinbench printed no ns/op line: ${stdout.slice(0, 200)}`);
  return { wallNs: Number(m[1]), cpuNs: Number(m[2]) };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function plainRun(binary: string): Promise<PerOp> {
  const r = await runTool(binary, ['-n', ROUNDS]);
  if (r.code !== 0) throw new Error(`spinbench failed: ${r.stderr}`);
  return parsePerOp(r.stdout);
}

/** One run of the agent build with the agent's environment, so the agent starts and listens. */
async function agentRun(build: AgentBuild, n: number): Promise<PerOp> {
  const addressFile = join(build.workDir, `address-${n}.json`);
  const env = { ...process.env, [ENV_TOKEN]: randomBytes(16).toString('hex'), [ENV_ADDRESS_FILE]: addressFile };
  // The same spawn path as the plain run, so only the binary differs.
  const run = await runTool(build.binary, ['-n', ROUNDS], { env });
  if (run.code !== 0) throw new Error(`spinbench with the agent failed: ${run.stderr}`);
  if (!existsSync(addressFile)) throw new Error('the agent never wrote its address: it did not listen during the run');
  return parsePerOp(run.stdout);
}

async function overhead(runs: number): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'go-profiler-bench-'));
  try {
    const binary = join(dir, 'spinbench');
    const built = await runTool('go', ['build', '-o', binary, '.'], { cwd: join(fixture, 'spinbench') });
    if (built.code !== 0) throw new Error(`go build spinbench: ${built.stderr}`);
    // Both binaries are built before timing: a go command's background work must not overlap a run.
    const build = await buildWithAgent({ go: findGo(), pattern: '.', cwd: join(fixture, 'spinbench') });
    const plain: PerOp[] = [];
    const agent: PerOp[] = [];
    try {
      // Alternate which goes first, so load that drifts during a pair does not favour one side.
      for (let i = 0; i < runs; i++) {
        if (i % 2 === 0) {
          plain.push(await plainRun(binary));
          agent.push(await agentRun(build, i));
        } else {
          agent.push(await agentRun(build, i));
          plain.push(await plainRun(binary));
        }
      }
    } finally {
      await build.cleanup();
    }
    const pct = (a: number, b: number): string => `${(((a - b) / b) * 100).toFixed(2)} %`;
    const [pw, aw] = [median(plain.map((p) => p.wallNs)), median(agent.map((p) => p.wallNs))];
    const [pc, ac] = [median(plain.map((p) => p.cpuNs)), median(agent.map((p) => p.cpuNs))];
    return [
      `Idle agent overhead (spinbench: ${ROUNDS} rounds of countPrimes(100000), ${runs} alternating runs each, medians):`,
      `  without agent: ${(pw / 1e6).toFixed(2)} ms/op wall, ${(pc / 1e6).toFixed(2)} ms/op CPU`,
      `  with agent:    ${(aw / 1e6).toFixed(2)} ms/op wall, ${(ac / 1e6).toFixed(2)} ms/op CPU`,
      `  overhead: ${pct(aw, pw)} by wall time, ${pct(ac, pc)} by CPU time (target ≤ 1 %; on a shared machine wall time is noisy)`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Request → saved → decoded, for heap and for CPU stop (1 s recording not counted). */
async function captureLatency(runs: number): Promise<string[]> {
  const out = await mkdtemp(join(tmpdir(), 'go-profiler-bench-out-'));
  const session = await launchWithAgent({ pattern: '.', cwd: join(fixture, 'burner'), stdio: 'pipe' });
  try {
    const client = await session.ready;
    const context = sessionContext(session, client.address.goVersion);
    const heapMs: number[] = [];
    const cpuMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const heap = await session.capture({ kind: 'heap' });
      await readProfileFile((await saveCaptureResult(out, heap, context, { source: 'agent' })).profilePath);
      heapMs.push(performance.now() - t);

      const startedAt = new Date();
      await client.startCpu();
      await new Promise((r) => setTimeout(r, 1000));
      t = performance.now();
      const profile = await client.stopCpu();
      const cpu = { kind: 'cpu' as const, profile, startedAt, endedAt: new Date() };
      await readProfileFile((await saveCaptureResult(out, cpu, context, { source: 'agent' })).profilePath);
      cpuMs.push(performance.now() - t);
    }
    return [
      `Capture request → saved → decoded (burner fixture, median of ${runs}):`,
      `  heap (GC first): ${median(heapMs).toFixed(0)} ms`,
      `  CPU stop (after a 1 s recording): ${median(cpuMs).toFixed(0)} ms`,
    ];
  } finally {
    await session.dispose();
    await rm(out, { recursive: true, force: true });
  }
}

export async function agentBenchReport(runs: number): Promise<string> {
  const lines = ['', ...(await overhead(Math.max(runs, 5))), '', ...(await captureLatency(Math.max(runs, 3)))];
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('agent-overhead.ts')) {
  const at = process.argv.indexOf('--runs');
  agentBenchReport(at >= 0 ? Number(process.argv[at + 1]) : 5).then(
    (text) => process.stdout.write(text),
    (e: unknown) => {
      process.stderr.write(`agent bench: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
