// The hardening tier: test/hardening (crashes mid-save, disk full, read-only folders, gzip
// bombs, fuzzing of the decoder). No Go toolchain. Arguments filter test files by substring.
import { filtersOf, runTier } from './test-tier.mjs';

process.exit(runTier({ dir: 'test/hardening', filters: filtersOf(process.argv.slice(2)), oracle: 'none' }));
