/**
 * Start-up of the `go-profiler` command from V8's code cache. Node 20 compiles a script from its
 * source on every start, and functions again when they first run: for the CLI bundle that is
 * ~20 ms of parsing plus lazy compiles, more than a small report costs. `npm run build` runs the
 * bundle once on small profiles (scripts/cli-code-cache.ts) and stores the compiled code next to
 * it; dist/cli.js (cached-start.ts) compiles the bundle with that cache.
 *
 * V8 checks a cache only against the source's length, so the build ends the bundle with a line
 * naming its content hash, and the cache starts with the same hash: a bundle rebuilt without a new
 * cache (watch mode, an edited file) is compiled from source, never run with stale code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** The last line of a bundle the build stamped: this prefix, then the id (hex), then a newline. */
export const BUILD_ID_PREFIX = '// go-profiler build ';
const ID_LENGTH = 16;

/** The cache of `bundle` (the script's path): its build id, a newline, then V8's data. */
export function codeCachePath(bundle: string): string {
  return `${bundle}.cache`;
}

/** The id stamped at the end of `source`, or undefined when the bundle was not stamped. */
export function buildId(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_ID_PREFIX);
  if (at < 0) return undefined;
  const id = source.slice(at + BUILD_ID_PREFIX.length).trimEnd();
  return id.length === ID_LENGTH && /^[0-9a-f]+$/.test(id) ? id : undefined;
}

/** The cache's V8 data when the cache was made for the bundle with this id. */
export function cachedDataFor(cache: Buffer | undefined, id: string | undefined): Buffer | undefined {
  if (cache === undefined || id === undefined || cache.length <= ID_LENGTH + 1) return undefined;
  if (cache.toString('latin1', 0, ID_LENGTH) !== id || cache[ID_LENGTH] !== 0x0a) return undefined;
  return cache.subarray(ID_LENGTH + 1);
}

/** A cache file's bytes: the bundle's id and V8's data. */
export function cacheFile(id: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${id}\n`, 'latin1'), data]);
}

/** Set on the module object this loader gives the bundle: the loader, not the bundle, starts the CLI. */
export const STARTED_BY_LOADER = 'goProfilerStartedByLoader';

export interface LoadedBundle {
  readonly script: Script;
  readonly exports: Record<string, unknown>;
  /** Whether V8 took the cache (false: none, made for another bundle, or refused by V8). */
  readonly cached: boolean;
  readonly id: string | undefined;
}

/**
 * Compiles and runs the CommonJS bundle at `bundle` as Node's loader would (same wrapper
 * arguments; `require` resolves from the bundle's folder), with its code cache when it fits.
 * `useCache` false compiles from source (the build's own run that makes the cache).
 */
export function loadBundle(bundle: string, useCache = true): LoadedBundle {
  const source = readFileSync(bundle, 'utf8');
  const id = buildId(source);
  let data: Buffer | undefined;
  if (useCache && id !== undefined) {
    try {
      data = cachedDataFor(readFileSync(codeCachePath(bundle)), id);
    } catch {
      data = undefined; // no cache: compile from source
    }
  }
  // The wrapper stays on the first line, so line numbers (and the source map) are the file's.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  // No import() of anything outside the bundle in it: a vm.Script has no loader for that (see worker-threads.ts).
  const script = new Script(wrapped, { filename: bundle, cachedData: data });
  const module = { exports: {} as Record<string, unknown>, [STARTED_BY_LOADER]: true };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { script, exports: module.exports, cached: data !== undefined && !script.cachedDataRejected, id };
}
