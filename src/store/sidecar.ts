/** The JSON written beside each saved profile: where it came from and how. Pure. */

export interface SidecarCapture {
  /** cpu, heap, heap-nogc, allocs, goroutine, block, mutex, threadcreate, or a go test profile. */
  readonly kind: string;
  readonly seconds?: number;
  /** How it was obtained. */
  readonly source: 'agent' | 'whole-run' | 'attach' | 'go-test' | 'import';
  /** Base URL for 'attach'. */
  readonly url?: string;
  /** Test or benchmark selector for 'go-test'. */
  readonly test?: string;
}

export interface ProfileSidecar {
  readonly version: 1;
  readonly program: string;
  /** Import path of the profiled package, when known. */
  readonly packagePath?: string;
  readonly args: readonly string[];
  readonly goVersion?: string;
  readonly module?: { readonly path: string; readonly root: string };
  /** Folder holding the package's sources (for mapping profile paths to files). */
  readonly sourceRoot?: string;
  readonly capture: SidecarCapture;
  /** ISO times. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly savedAt: string;
  /** File names (same folder) of the profile and, for goroutine captures, the debug=2 text. */
  readonly profileFile: string;
  readonly textFile?: string;
}

/** Parses and checks a sidecar; throws an Error naming `source` and what is wrong. */
export function parseSidecar(text: string, source: string): ProfileSidecar {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not JSON (${(e as Error).message})`);
  }
  const fail = (problem: string): never => {
    throw new Error(`${source}: ${problem}`);
  };
  if (typeof value !== 'object' || value === null) return fail('expected a JSON object');
  const o = value as Record<string, unknown>;
  if (o.version !== 1) fail(`unsupported version ${JSON.stringify(o.version)}`);
  for (const key of ['program', 'startedAt', 'endedAt', 'savedAt', 'profileFile'] as const) {
    if (typeof o[key] !== 'string') fail(`"${key}" must be a string`);
  }
  if (!Array.isArray(o.args) || !o.args.every((a) => typeof a === 'string')) fail('"args" must be a list of strings');
  const capture = o.capture as Record<string, unknown> | undefined;
  if (typeof capture !== 'object' || capture === null || typeof capture.kind !== 'string' || typeof capture.source !== 'string') {
    fail('"capture" must have a kind and a source');
  }
  return value as ProfileSidecar;
}
