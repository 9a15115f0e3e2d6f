/**
 * Part of `npm run bench`: what the injected agent costs while idle (a CPU-bound Go program
 * built with and without it, runs interleaved, median ns/op by wall and by CPU time), what
 * its block and mutex sampling from program start costs (a program that contends for a mutex
 * and blocks on channels all the time, run without the agent, with the agent and sampling
 * off, and with the default rates), and how long a capture takes from the request to a
 * decoded profile.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_ADDRESS_FILE, ENV_BLOCK_RATE, ENV_MUTEX_FRACTION, ENV_TOKEN } from '../../src/capture/agent-protocol';
import { DEFAULT_SAMPLING, type SamplingRates } from '../../src/capture/capture-kinds';
import { buildWithAgent, type AgentBuild } from '../../src/capture/build';
import { findGo } from '../../src/capture/find-go';
import { launchWithAgent } from '../../src/capture/launcher';
import { runTool } from '../../src/capture/process';
import { saveCaptureResult, sessionContext } from '../../src/capture/save-capture';
import { readProfileFile } from '../../src/pprof/read-file-node';
import { repoRoot } from '../../test/support/go-fixtures';

const fixture = join(repoRoot, 'test', 'fixtures', 'go-session');
const ROUNDS = '50';
const SAMPLING_OFF: SamplingRates = { mutexProfileFraction: 0, blockProfileRate: 0 };

/** A benchmark program of the fixture folder and what one op of it is. */
interface BenchProgram {
  readonly name: string;
  readonly op: string;
}
const SPIN: BenchProgram = { name: 'spinbench', op: 'countPrimes(100000)' };
const CONTEND: BenchProgram = { name: 'contendbench', op: '8 goroutines x 20,000 mutex Lock/Unlock + 20,000 channel round trips' };

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

async function plainRun(program: BenchProgram, binary: string): Promise<PerOp> {
  const r = await runTool(binary, ['-n', ROUNDS]);
  if (r.code !== 0) throw new Error(`${program.name} failed: ${r.stderr}`);
  return parsePerOp(r.stdout);
}

/** One run of the agent build with the agent's environment, so the agent starts, listens and samples at `rates`. */
async function agentRun(program: BenchProgram, build: AgentBuild, rates: SamplingRates, n: number): Promise<PerOp> {
  const addressFile = join(build.workDir, `address-${n}.json`);
  const env = {
    ...process.env,
    [ENV_TOKEN]: randomBytes(16).toString('hex'),
    [ENV_ADDRESS_FILE]: addressFile,
    [ENV_MUTEX_FRACTION]: String(rates.mutexProfileFraction),
    [ENV_BLOCK_RATE]: String(rates.blockProfileRate),
  };
  // The same spawn path as the plain run, so only the binary and its environment differ.
  const run = await runTool(build.binary, ['-n', ROUNDS], { env });
  if (run.code !== 0) throw new Error(`${program.name} with the agent failed: ${run.stderr}`);
  if (!existsSync(addressFile)) throw new Error('the agent never wrote its address: it did not listen during the run');
  return parsePerOp(run.stdout);
}

interface Variant {
  readonly label: string;
  /** Sampling rates of an agent run; undefined: the plain build. */
  readonly rates?: SamplingRates;
}

/** Medians per variant of `runs` rounds, the variants' order rotating so drifting load favours none. */
async function timeVariants(program: BenchProgram, variants: readonly Variant[], runs: number): Promise<PerOp[]> {
  const dir = await mkdtemp(join(tmpdir(), 'go-profiler-bench-'));
  try {
    const binary = join(dir, program.name);
    const built = await runTool('go', ['build', '-o', binary, '.'], { cwd: join(fixture, program.name) });
    if (built.code !== 0) throw new Error(`go build ${program.name}: ${built.stderr}`);
    // Both binaries are built before timing: a go command's background work must not overlap a run.
    const build = await buildWithAgent({ go: findGo(), pattern: '.', cwd: join(fixture, program.name) });
    const times: PerOp[][] = variants.map(() => []);
    try {
      for (let i = 0; i < runs; i++) {
        for (let k = 0; k < variants.length; k++) {
          const v = (i + k) % variants.length;
          const rates = variants[v]!.rates;
          times[v]!.push(rates ? await agentRun(program, build, rates, i * variants.length + k) : await plainRun(program, binary));
        }
      }
    } finally {
      await build.cleanup();
    }
    return times.map((t) => ({ wallNs: median(t.map((p) => p.wallNs)), cpuNs: median(t.map((p) => p.cpuNs)) }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const pct = (a: number, b: number): string => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(2)} %`;
const ms = (p: PerOp): string => `${(p.wallNs / 1e6).toFixed(2)} ms/op wall, ${(p.cpuNs / 1e6).toFixed(2)} ms/op CPU`;

const rateText = (r: SamplingRates): string => `mutex 1/${r.mutexProfileFraction}, block ${r.blockProfileRate} ns`;

async function overhead(runs: number): Promise<string[]> {
  const spin: Variant[] = [{ label: 'without agent' }, { label: 'agent, sampling off', rates: SAMPLING_OFF }, { label: `agent, default sampling (${rateText(DEFAULT_SAMPLING)})`, rates: DEFAULT_SAMPLING }];
  // The rate decides which waits are recorded; what each blocking event costs hardly depends on it.
  const contend: Variant[] = [
    ...spin,
    { label: 'agent, block 1 ms', rates: { ...DEFAULT_SAMPLING, blockProfileRate: 1_000_000 } },
    { label: 'agent, every event (rates 1)', rates: { mutexProfileFraction: 1, blockProfileRate: 1 } },
  ];
  const lines = [`Agent overhead (${runs} runs of ${ROUNDS} rounds each, variants in rotating order, medians; on a shared machine wall time is noisy):`];
  for (const [program, variants] of [[SPIN, spin], [CONTEND, contend]] as const) {
    const times = await timeVariants(program, variants, runs);
    const [plain, off] = [times[0]!, times[1]!];
    lines.push(`  ${program.name} (${program.op}):`);
    times.forEach((t, i) => {
      const against = i === 1 ? `${pct(t.cpuNs, plain.cpuNs)} CPU against no agent; target ≤ 1 %` : `${pct(t.cpuNs, off.cpuNs)} CPU against sampling off`;
      lines.push(`    ${variants[i]!.label.padEnd(60)} ${ms(t)}${i === 0 ? '' : `  (${against})`}`);
    });
  }
  return lines;
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
