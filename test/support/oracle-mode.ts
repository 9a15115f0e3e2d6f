/**
 * Where the tests' facts about Go come from, chosen by GO_PROFILER_ORACLE (the test-*.mjs
 * scripts set it; see docs/architecture.md, "Tests"):
 *
 * - `auto` (unset): the committed fixture profiles; a stored golden output of `go tool pprof`
 *   when there is one for the same inputs and flags, else the real tool.
 * - `golden`: the committed fixture profiles and the stored goldens only; a missing golden
 *   fails with the command that makes it. Needs no Go toolchain.
 * - `live`: fixture profiles made now by the real Go programs and the real `go tool pprof`.
 * - `update`: like live, and writes the fixture profiles and every golden back into the
 *   repository (scripts/test-fidelity.mjs --update).
 * - `none`: the pure tier (test/unit): committed fixtures; running `go` or pprof is an error.
 */
export type OracleMode = 'auto' | 'golden' | 'live' | 'update' | 'none';

const MODES: readonly OracleMode[] = ['auto', 'golden', 'live', 'update', 'none'];

export function oracleMode(): OracleMode {
  const value = process.env.GO_PROFILER_ORACLE ?? 'auto';
  const mode = MODES.find((m) => m === (value === '' ? 'auto' : value));
  if (mode === undefined) throw new Error(`GO_PROFILER_ORACLE=${value}: expected one of ${MODES.join(', ')}`);
  return mode;
}

/** True when fixture profiles are made now by running the Go programs. */
export function makesFixturesNow(mode: OracleMode = oracleMode()): boolean {
  return mode === 'live' || mode === 'update';
}

/** The error for a test in the pure tier that reached for the Go toolchain. */
export function pureTierError(what: string): Error {
  return new Error(`${what}: test/unit is the pure tier and runs no Go toolchain; move this test to test/fidelity or test/go`);
}
