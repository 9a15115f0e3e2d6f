// The fidelity tier: test/fidelity, our reports against the output of the real `go tool pprof`.
//
//   node scripts/test-fidelity.mjs            against the stored goldens (test/fidelity/golden),
//                                             on the committed fixture profiles; no Go needed
//   node scripts/test-fidelity.mjs --live     against the real tool, on fixture profiles the
//                                             Go programs make now
//   node scripts/test-fidelity.mjs --golden --live   both, one after the other (npm test, CI)
//   node scripts/test-fidelity.mjs --update   runs the fixture programs and the real tool and
//                                             writes test/fixtures/go-profiles and every golden
//
// Other arguments filter test files by substring. TZ is UTC, so the times pprof prints are the
// same on every machine.
import { rmSync } from 'node:fs';
import { filtersOf, runTier } from './test-tier.mjs';

const argv = process.argv.slice(2);
const filters = filtersOf(argv);
const update = argv.includes('--update');
const live = argv.includes('--live');
const golden = argv.includes('--golden') || (!live && !update);
const run = (oracle) => runTier({ dir: 'test/fidelity', filters, oracle, env: { TZ: 'UTC' } });

if (update) {
  // Goldens are keyed by the content of their inputs: new fixture profiles orphan the old ones.
  if (filters.length === 0) rmSync('test/fidelity/golden', { recursive: true, force: true });
  else console.warn('--update with a filter keeps the other goldens (and any it orphans)');
  const status = run('update');
  if (status !== 0) process.exit(status);
  // What was written must be enough on its own.
  process.exit(run('golden'));
}
let status = 0;
if (golden) status = run('golden') || status;
if (live) status = run('live') || status;
process.exit(status);
