// The pure tier: every test/unit/**/*.test.ts, in seconds, without the Go toolchain (fixture
// profiles are the committed ones; running `go` or pprof there is an error). Arguments filter
// test files by substring.
import { filtersOf, runTier } from './test-tier.mjs';

process.exit(runTier({ dir: 'test/unit', filters: filtersOf(process.argv.slice(2)), oracle: 'none' }));
