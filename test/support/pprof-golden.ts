/**
 * Stored outputs of `go tool pprof` ("goldens"), so the fidelity tier compares with what the
 * real tool printed without running it. One file per input profile(s) and flags:
 * test/fidelity/golden/<input name>/<key>.txt (.txt.gz when large), where the key hashes the *content* of every
 * input profile (not its path) with the flags, so a changed fixture never meets an old golden.
 * `node scripts/test-fidelity.mjs --update` writes them from the real tool; live runs use the
 * real tool and ignore them (pprof orders ties differently from run to run in -dot and
 * -files reports, so its text is not compared with a stored one: the tests parse both the
 * same way). Modes: see oracle-mode.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { goVersion, repoRoot } from './go-fixtures';
import { oracleMode, pureTierError, type OracleMode } from './oracle-mode';

export const goldenRoot = join(repoRoot, 'test', 'fidelity', 'golden');

/** What one run of pprof ended in: its exit status and output. */
export interface PprofResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The error a failed run is reported with (names the command, its status and stderr). */
  readonly message?: string;
}

const SEPARATOR = '----';
/** Goldens larger than this are stored gzipped (<key>.txt.gz): some reports of large.cpu run to megabytes. */
const GZIP_ABOVE_BYTES = 256 * 1024;

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A hash of a profile's decoded bytes: the same profile gzipped by another zlib keeps its key. */
function contentHash(path: string): string {
  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return sha256(bytes).slice(0, 12);
}

function inputName(path: string): string {
  return basename(path).replace(/\.(pb\.gz|pb|pprof|prof|gz)$/, '').replace(/[^\w.-]/g, '_') || 'profile';
}

function replaceAll(text: string, from: string, to: string): string {
  return from === '' ? text : text.split(from).join(to);
}

/** Where a golden is and how its text is made independent of the paths of this run. */
interface GoldenKey {
  readonly path: string;
  /** The pprof command line with the inputs as $INPUT0.., for people reading the file. */
  readonly command: string;
  readonly inputs: string;
  /** Input paths of this run, $INPUT0 first (the profile), then files named by flags. */
  readonly files: readonly string[];
}

function goldenKey(root: string, file: string, flags: readonly string[]): GoldenKey {
  const files = [file];
  for (const flag of flags) {
    const value = /^-[\w.]+=(.*)$/.exec(flag)?.[1] ?? (flag.startsWith('-') ? '' : flag);
    if (value !== '' && !files.includes(value) && isFile(value)) files.push(value);
  }
  const placeholders = files.map((f, i) => [f, `$INPUT${i}`] as const).sort((a, b) => b[0].length - a[0].length);
  const normalized = flags.map((flag) => replaceAll(placeholders.reduce((text, [f, p]) => replaceAll(text, f, p), flag), repoRoot, '$REPO'));
  const inputs = files.map((f, i) => `$INPUT${i}=${inputName(f)}@${contentHash(f)}`).join(' ');
  const key = sha256(JSON.stringify({ inputs, flags: normalized, tz: process.env.TZ ?? '' })).slice(0, 16);
  return { path: join(root, inputName(file), `${key}.txt`), command: `go tool pprof ${[...normalized, '$INPUT0'].join(' ')}`, inputs, files };
}

/** Output text with this run's input paths as placeholders, or back. */
function toStored(text: string, key: GoldenKey): string {
  return key.files.reduce((t, f, i) => replaceAll(t, f, `$INPUT${i}`), text);
}
function fromStored(text: string, key: GoldenKey): string {
  // Highest index first, so $INPUT1 is not read as $INPUT1 inside $INPUT10.
  return key.files.reduceRight((t, f, i) => replaceAll(t, `$INPUT${i}`, f), text);
}

/** The golden's text and the file it was in, plain or gzipped; undefined if there is none. */
function readStored(path: string): { text: string; path: string } | undefined {
  try {
    return { text: readFileSync(path, 'utf8'), path };
  } catch {
    try {
      return { text: gunzipSync(readFileSync(`${path}.gz`)).toString('utf8'), path: `${path}.gz` };
    } catch {
      return undefined;
    }
  }
}

function readGolden(key: GoldenKey): PprofResult | undefined {
  const found = readStored(key.path);
  if (found === undefined) return undefined;
  const stored = found.text;
  const lines = stored.split('\n');
  const status = /^exit: (\d+)$/.exec(lines[3] ?? '')?.[1];
  if (status === undefined || lines[4] !== SEPARATOR) throw new Error(`${found.path}: not a golden file (expected four header lines and ${SEPARATOR})`);
  const text = fromStored(lines.slice(5).join('\n'), key);
  const where = relative(repoRoot, found.path);
  return Number(status) === 0
    ? { status: 0, stdout: text, stderr: '' }
    : {
        status: Number(status),
        stdout: '',
        stderr: text,
        message: `\`${fromStored(key.command, key)}\` exited with status ${status} (stored in ${where}):\n${text.trim()}`,
      };
}

async function writeGolden(key: GoldenKey, result: PprofResult, toolVersion: string): Promise<void> {
  const text = toStored(result.status === 0 ? result.stdout : result.stderr, key);
  const header = [key.command, `inputs: ${key.inputs}`, `go: ${toolVersion}`, `exit: ${result.status}`, SEPARATOR];
  mkdirSync(dirname(key.path), { recursive: true });
  const content = Buffer.from(`${header.join('\n')}\n${text}`);
  const gzip = content.length > GZIP_ABOVE_BYTES;
  const path = gzip ? `${key.path}.gz` : key.path;
  // Test files run in parallel and may ask for the same report: write whole files only.
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, gzip ? gzipSync(content, { level: 9 }) : content);
  renameSync(temp, path);
  rmSync(gzip ? key.path : `${key.path}.gz`, { force: true });
}

export interface GoldenOptions {
  /** Default: test/fidelity/golden. */
  readonly root?: string;
  /** Default: GO_PROFILER_ORACLE. */
  readonly mode?: OracleMode;
  /** The Go version written into goldens; default `go env GOVERSION`. */
  readonly toolVersion?: () => Promise<string>;
}

/**
 * The result of `go tool pprof FLAGS FILE` as the mode says: stored, live, or live and
 * stored. `live` runs the real tool.
 */
export async function pprofThroughGoldens(
  file: string,
  flags: readonly string[],
  live: () => Promise<PprofResult>,
  { root = goldenRoot, mode = oracleMode(), toolVersion = goVersion }: GoldenOptions = {},
): Promise<PprofResult> {
  if (mode === 'none') throw pureTierError(`go tool pprof ${flags.join(' ')} ${file}`);
  const key = goldenKey(root, file, flags);
  const stored = mode === 'golden' || mode === 'auto' ? readGolden(key) : undefined;
  if (mode === 'golden' || stored !== undefined) {
    if (stored === undefined) {
      throw new Error(
        `no stored output of \`${key.command}\` (${key.inputs}) in ${relative(repoRoot, key.path)}; make the goldens with: node scripts/test-fidelity.mjs --update`,
      );
    }
    return stored;
  }
  const result = await live();
  if (mode === 'update') await writeGolden(key, result, await toolVersion());
  return result;
}
