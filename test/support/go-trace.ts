/**
 * Real Go execution traces for the tests, and `go tool trace` as the oracle: the tracer
 * program under test/fixtures/go-trace built and run into a folder, the tool's own parse of
 * a trace (-d=parsed) reduced to one comparable line per event, and its profiles (-pprof).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { goEnv, repoRoot, run } from './go-fixtures';

const traceSources = join(repoRoot, 'test', 'fixtures', 'go-trace');

/** Builds the tracer program into `dir` and runs it; resolves with the trace file it wrote. */
export async function makeTrace(dir: string, rounds = 1): Promise<string> {
  const bin = join(dir, 'tracer');
  await run('go', ['build', '-o', bin, './tracer'], { cwd: traceSources, env: goEnv(), timeoutMs: 300_000 });
  const out = join(dir, 'run.trace');
  await run(bin, ['-o', out, '-rounds', String(rounds)], { cwd: dir, timeoutMs: 120_000 });
  return out;
}

/**
 * `go tool trace -d=parsed FILE` as one line per event: "M=.. P=.. G=.. Kind Time=.." and,
 * for a goroutine's change of state, " GoID=N From->To Reason=\"..\"". Stack lines and the
 * other event details are left out. Also the GC cycles begun ("GC concurrent mark phase" ranges).
 */
export async function parsedByGoTool(file: string): Promise<{ lines: string[]; gcCycles: number }> {
  const { stdout } = await run('go', ['tool', 'trace', '-d=parsed', file], { env: goEnv(), timeoutMs: 300_000 });
  const lines: string[] = [];
  let gcCycles = 0;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('M=')) continue;
    if (/ RangeBegin .* Name="GC concurrent mark phase"/.test(line)) gcCycles++;
    const head = line.split(' ').slice(0, 5).join(' ');
    const transition = / (GoID=\d+ \w+->\w+ Reason=".*")$/.exec(line);
    lines.push(transition ? `${head} ${transition[1]}` : head);
  }
  if (lines.length === 0) throw new Error(`go tool trace -d=parsed printed no events for ${file}`);
  return { lines, gcCycles };
}

/** Writes `go tool trace -pprof=TYPE FILE` to `out`. */
export async function goTraceProfile(file: string, type: string, out: string): Promise<void> {
  // The profile is binary: stdout is taken as a Buffer, not text.
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    execFile('go', ['tool', 'trace', `-pprof=${type}`, file], { env: goEnv(), encoding: 'buffer', maxBuffer: 1 << 30, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`go tool trace -pprof=${type} ${file} failed: ${stderr.toString().trim()}`));
      else resolve(stdout);
    });
  });
  await writeFile(out, bytes);
}
