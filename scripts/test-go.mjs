// The tier that builds and runs real Go programs: test/go (capture, go-profiler run, go test,
// agent sessions, the fixture programs), with the real `go tool pprof` where a test compares
// with it. Arguments filter test files by substring.
import { filtersOf, runTier } from './test-tier.mjs';

process.exit(runTier({ dir: 'test/go', filters: filtersOf(process.argv.slice(2)), oracle: 'live' }));
