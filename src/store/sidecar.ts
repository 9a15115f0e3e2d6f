/** The JSON written beside each saved profile: where it came from and how. Pure. */

export interface SidecarCapture {
  /** cpu, heap, heap-nogc, allocs, goroutine, block, mutex, threadcreate, or a go test profile. */
  readonly kind: string;
  readonly seconds?: number;
  /** How it was obtained. */
  readonly source: 'agent' | 'whole-run' | 'attach' | 'go-test' | 'import' | 'server';
  /** Base URL for 'attach'. */
  readonly url?: string;
  /** Test or benchmark selector for 'go-test'. */
  readonly test?: string;
  /** For 'server': the query the server merged the profile for. */
  readonly query?: SidecarServerQuery;
}

/** A Pyroscope or Parca query as a saved copy records it (never credentials). */
export interface SidecarServerQuery {
  readonly server: string;
  readonly kind: 'pyroscope' | 'parca';
  readonly url: string;
  readonly tenant?: string;
  readonly profileType: string;
  readonly selector: string;
  /** ISO times. */
  readonly from: string;
  readonly to: string;
  readonly maxNodes?: number;
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
  /** File name (same folder) of the program binary kept for disassembly (kept-binary.ts). */
  readonly binaryFile?: string;
}

const SOURCES: readonly SidecarCapture['source'][] = ['agent', 'whole-run', 'attach', 'go-test', 'import', 'server'];

/** A file name in the same folder: no path separators, not "." or "..". Pure. */
function isPlainFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/\0]/.test(name);
}

/**
 * Parses and checks a sidecar; throws an Error naming `source` and what is wrong. Every
 * field's type is checked (a sidecar is a file anyone could have edited), and the result is
 * a fresh object holding only the known fields.
 */
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
  if (!isObject(value)) return fail('expected a JSON object');
  const o = value;
  if (o.version !== 1) fail(`unsupported version ${JSON.stringify(o.version)}`);
  const stringField = (key: string, from: Record<string, unknown> = o, where = ''): string => {
    const v = from[key];
    return typeof v === 'string' ? v : fail(`"${where}${key}" must be a string`);
  };
  const optionalString = (key: string, from: Record<string, unknown> = o, where = ''): string | undefined =>
    from[key] === undefined ? undefined : stringField(key, from, where);
  const fileName = (key: string, required: boolean): string | undefined => {
    const name = required ? stringField(key) : optionalString(key);
    if (name !== undefined && !isPlainFileName(name)) fail(`"${key}" must be a file name in the same folder`);
    return name;
  };

  const program = stringField('program');
  const [startedAt, endedAt, savedAt] = [stringField('startedAt'), stringField('endedAt'), stringField('savedAt')];
  const profileFile = fileName('profileFile', true)!;
  const textFile = fileName('textFile', false);
  const binaryFile = fileName('binaryFile', false);
  if (!Array.isArray(o.args) || !o.args.every((a) => typeof a === 'string')) fail('"args" must be a list of strings');
  const args = [...(o.args as string[])];
  const packagePath = optionalString('packagePath');
  const goVersion = optionalString('goVersion');
  const sourceRoot = optionalString('sourceRoot');
  let module: ProfileSidecar['module'];
  if (o.module !== undefined) {
    if (!isObject(o.module)) fail('"module" must be an object with a path and a root');
    const m = o.module as Record<string, unknown>;
    module = { path: stringField('path', m, 'module.'), root: stringField('root', m, 'module.') };
  }

  const c = o.capture;
  if (!isObject(c) || typeof c.kind !== 'string' || typeof c.source !== 'string') return fail('"capture" must have a kind and a source');
  const captureSource = SOURCES.find((s) => s === c.source) ?? fail(`"capture.source" must be one of ${SOURCES.join(', ')}`);
  if (c.seconds !== undefined && !(typeof c.seconds === 'number' && Number.isFinite(c.seconds) && c.seconds >= 0)) {
    fail('"capture.seconds" must be a number of seconds');
  }
  const url = optionalString('url', c, 'capture.');
  const test = optionalString('test', c, 'capture.');
  const query = c.query === undefined ? undefined : parseServerQuery(c.query, fail);
  const capture: SidecarCapture = {
    kind: c.kind,
    source: captureSource,
    ...(c.seconds !== undefined ? { seconds: c.seconds as number } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(test !== undefined ? { test } : {}),
    ...(query !== undefined ? { query } : {}),
  };
  return {
    version: 1,
    program,
    ...(packagePath !== undefined ? { packagePath } : {}),
    args,
    ...(goVersion !== undefined ? { goVersion } : {}),
    ...(module !== undefined ? { module } : {}),
    ...(sourceRoot !== undefined ? { sourceRoot } : {}),
    capture,
    startedAt,
    endedAt,
    savedAt,
    profileFile,
    ...(textFile !== undefined ? { textFile } : {}),
    ...(binaryFile !== undefined ? { binaryFile } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseServerQuery(value: unknown, fail: (problem: string) => never): SidecarServerQuery {
  if (!isObject(value)) return fail('"capture.query" must be an object');
  const text = (key: string): string => (typeof value[key] === 'string' ? value[key] : fail(`"capture.query.${key}" must be a string`));
  const kind = value.kind === 'pyroscope' || value.kind === 'parca' ? value.kind : fail('"capture.query.kind" must be pyroscope or parca');
  const tenant = value.tenant === undefined ? undefined : text('tenant');
  const maxNodes = value.maxNodes;
  if (maxNodes !== undefined && !(typeof maxNodes === 'number' && Number.isInteger(maxNodes) && maxNodes > 0)) {
    fail('"capture.query.maxNodes" must be a positive whole number');
  }
  return {
    server: text('server'),
    kind,
    url: text('url'),
    ...(tenant !== undefined ? { tenant } : {}),
    profileType: text('profileType'),
    selector: text('selector'),
    from: text('from'),
    to: text('to'),
    ...(maxNodes !== undefined ? { maxNodes: maxNodes as number } : {}),
  };
}
