/**
 * The activation figures the extension logs ("activated in N ms (loading code L ms, VS Code
 * before activate() V ms, activate() A ms)").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Activation {
  readonly totalMs: number;
  readonly loadingMs: number;
  /** VS Code's time between the bundle's last line and its call of activate(). */
  readonly vscodeMs: number;
  readonly activateMs: number;
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
    const line = /activated in ([\d.]+) ms \(loading code ([\d.]+) ms, VS Code before activate\(\) ([\d.]+) ms, activate\(\) ([\d.]+) ms\)/g;
    for (const m of readFileSync(file, 'utf8').matchAll(line)) {
      found.push({ totalMs: Number(m[1]), loadingMs: Number(m[2]), vscodeMs: Number(m[3]), activateMs: Number(m[4]) });
    }
  }
  return found;
}
