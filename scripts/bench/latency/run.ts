/**
 * The latency figures alone: node --import tsx scripts/bench/latency/run.ts [--runs N] [--only PART]
 * (`npm run bench` prints them too). Needs code-server (scripts/install-code-server.sh) and Chromium.
 */
import { ensureBenchProfiles } from '../generate';
import { benchLatency, smallProfile } from './latency-bench';
import { formatLatency } from './report';
import { bigProfileGoals } from './targets';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--runs');
  const runs = at >= 0 ? Number(process.argv[at + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs wants a positive integer');
  const big = bigProfileGoals(await ensureBenchProfiles());
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  process.stdout.write(formatLatency(await benchLatency({ small: smallProfile, big, runs, log, ...(only ? { only } : {}) }), runs));
}

main().catch((e: unknown) => {
  process.stderr.write(`latency bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
