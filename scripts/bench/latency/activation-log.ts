/** The activation figures the extension logs ("activated in N ms (loading code L ms, waiting for VS Code W ms, activate() A ms); code cache used"). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Activation {
  readonly totalMs: number;
  readonly loadingMs: number;
  /** Between the end of loading and activate(): VS Code preparing the context (undefined: a build that does not say). */
  readonly waitingMs: number | undefined;
  readonly activateMs: number;
  /** Whether V8 took the bundle's code cache (undefined: a build that does not say). */
  readonly codeCache: boolean | undefined;
}

function logFiles(dir: string, depth: number, out: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (depth < 5) logFiles(p, depth + 1, out);
    } else if (name === 'Go Profiler.log' && dir.endsWith('go-profiler.go-profiler')) {
      out.push(p);
    }
  }
  return out;
}

/** Every activation logged under the user data folder (one per extension host started). */
export function loggedActivations(userData: string): Activation[] {
  const found: Activation[] = [];
  for (const file of logFiles(join(userData, 'logs'), 0, [])) {
    for (const m of readFileSync(file, 'utf8').matchAll(/activated in ([\d.]+) ms \(loading code ([\d.]+) ms(?:, waiting for VS Code ([\d.]+) ms)?, activate\(\) ([\d.]+) ms\)(?:; code cache (used|not used))?/g)) {
      const waitingMs = m[3] === undefined ? undefined : Number(m[3]);
      found.push({ totalMs: Number(m[1]), loadingMs: Number(m[2]), waitingMs, activateMs: Number(m[4]), codeCache: m[5] === undefined ? undefined : m[5] === 'used' });
    }
  }
  return found;
}
