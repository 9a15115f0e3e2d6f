/**
 * Reads the kernel's process table from /proc (Linux). Elsewhere it returns undefined and
 * callers fall back to signalling the process group alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseProcStat, type ProcEntry } from './process-tree';

/** Synchronous on purpose: it also runs in Node's 'exit' handler, where nothing async does. */
export function readProcTable(): ProcEntry[] | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const table: ProcEntry[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const entry = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (entry) table.push(entry);
    } catch {
      // exited while we looked
    }
  }
  return table;
}
