/**
 * Parses the `debug=2` goroutine dump (`/debug/pprof/goroutine?debug=2`, the format of a Go
 * panic traceback): one block per goroutine with its id, state, wait time, frames (function,
 * file:line) and the "created by" frame; then groups goroutines with identical stacks.
 */

export interface DumpFrame {
  /** Function name without arguments, e.g. "main.(*T).run". */
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

export interface DumpGoroutine {
  readonly id: number;
  /** "running", "chan receive", "select", "IO wait", … */
  readonly state: string;
  /** Minutes blocked, as printed ("[chan receive, 5 minutes]"); 0 when not printed. */
  readonly waitMinutes: number;
  /** Other header notes, e.g. "locked to thread". */
  readonly notes: readonly string[];
  /** Innermost frame first. */
  readonly frames: readonly DumpFrame[];
  readonly createdBy: DumpFrame | undefined;
  /** The goroutine that started this one ("created by … in goroutine N"), 0 when unknown. */
  readonly parent: number;
}

export interface DumpGroup {
  readonly count: number;
  readonly goroutines: readonly DumpGoroutine[];
  readonly frames: readonly DumpFrame[];
  readonly createdBy: DumpFrame | undefined;
  /** Goroutines per state, most first. */
  readonly states: readonly { readonly state: string; readonly count: number }[];
  readonly minWaitMinutes: number;
  readonly maxWaitMinutes: number;
}

const HEADER = /^goroutine (\d+)\b[^[]*\[(.*)\]:\s*$/;
const LOCATION = /^\t(.*):(\d+)(?: \+0x[0-9a-f]+)?\s*$/;
const CREATED_BY = /^created by (.+?)(?: in goroutine (\d+))?\s*$/;
const WAIT = /^(\d+) minutes?$/;

/** Is this text a debug=2 dump (starts with a goroutine header)? */
export function looksLikeGoroutineDump(text: string): boolean {
  return HEADER.test(text.trimStart().split('\n', 1)[0] ?? '');
}

export function parseGoroutineDump(text: string): DumpGoroutine[] {
  const out: DumpGoroutine[] = [];
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const header = HEADER.exec(lines[i]!);
    i++;
    if (!header) continue;
    const { state, waitMinutes, notes } = parseStatus(header[2]!);
    const frames: DumpFrame[] = [];
    let createdBy: DumpFrame | undefined;
    let parent = 0;
    while (i < lines.length && lines[i]!.trim() !== '' && !HEADER.test(lines[i]!)) {
      const line = lines[i]!;
      i++;
      if (line.startsWith('\t')) continue; // a location without its function line
      const location = i < lines.length ? LOCATION.exec(lines[i]!) : null;
      const created = CREATED_BY.exec(line);
      if (created) {
        if (location) i++;
        createdBy = { name: created[1]!, file: location?.[1] ?? '', line: location ? Number(location[2]) : 0 };
        parent = created[2] ? Number(created[2]) : 0;
        continue;
      }
      if (!location) continue; // "...additional frames elided...", "[originating from goroutine 1]:"
      i++;
      frames.push({ name: functionName(line), file: location[1]!, line: Number(location[2]) });
    }
    out.push({ id: Number(header[1]), state, waitMinutes, notes, frames, createdBy, parent });
  }
  return out;
}

function parseStatus(status: string): { state: string; waitMinutes: number; notes: string[] } {
  const parts = status.split(', ');
  const state = parts.shift() ?? '';
  let waitMinutes = 0;
  const notes: string[] = [];
  for (const p of parts) {
    const wait = WAIT.exec(p);
    if (wait) waitMinutes = Number(wait[1]);
    else notes.push(p);
  }
  return { state, waitMinutes, notes };
}

/** "main.(*T).run(0xc000010000, {0x1, 0x2})" → "main.(*T).run"; "main.f(...)" → "main.f". */
export function functionName(line: string): string {
  const text = line.trimEnd();
  if (!text.endsWith(')')) return text;
  let depth = 0;
  for (let k = text.length - 1; k >= 0; k--) {
    const c = text[k];
    if (c === ')') depth++;
    else if (c === '(') {
      depth--;
      if (depth === 0) return k > 0 ? text.slice(0, k) : text;
    }
  }
  return text;
}

function frameKey(f: DumpFrame | undefined): string {
  return f ? `${f.name}\u0000${f.file}\u0000${f.line}` : '';
}

/** Goroutines with the same frames (function, file, line) and creator, biggest groups first. */
export function groupGoroutines(goroutines: readonly DumpGoroutine[]): DumpGroup[] {
  const byKey = new Map<string, DumpGoroutine[]>();
  for (const g of goroutines) {
    const key = [...g.frames.map(frameKey), '\u0001', frameKey(g.createdBy)].join('\u0002');
    const list = byKey.get(key);
    if (list) list.push(g);
    else byKey.set(key, [g]);
  }
  const groups: DumpGroup[] = [];
  for (const members of byKey.values()) {
    const states = new Map<string, number>();
    let minWait = Infinity;
    let maxWait = 0;
    for (const g of members) {
      states.set(g.state, (states.get(g.state) ?? 0) + 1);
      minWait = Math.min(minWait, g.waitMinutes);
      maxWait = Math.max(maxWait, g.waitMinutes);
    }
    const first = members[0]!;
    groups.push({
      count: members.length,
      goroutines: members,
      frames: first.frames,
      createdBy: first.createdBy,
      states: [...states].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)),
      minWaitMinutes: minWait === Infinity ? 0 : minWait,
      maxWaitMinutes: maxWait,
    });
  }
  return groups.sort((a, b) => b.count - a.count || (a.frames[0]?.name ?? '').localeCompare(b.frames[0]?.name ?? ''));
}
