// The pure tier: every test/unit/**/*.test.ts, in seconds, without the Go toolchain (fixture
// profiles are the committed ones; running `go` or pprof there is an error). All files run in
// one process (see test-tier.mjs); --isolated runs each file in its own. Other arguments
// filter test files by substring.
import { filtersOf, runTier } from './test-tier.mjs';

const argv = process.argv.slice(2);
process.exit(runTier({ dir: 'test/unit', filters: filtersOf(argv), oracle: 'none', oneProcess: !argv.includes('--isolated') }));
