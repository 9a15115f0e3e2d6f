/**
 * Which processes belong to a program's tree, from the kernel's process table (Linux
 * /proc/<pid>/stat lines). Pure: the caller reads the table.
 *
 * A program's tree is every process whose parent chain reaches one of the known members,
 * plus every process in the program's own process group. Members are remembered with their
 * start time, so a child that was reparented to init (its parent exited) is still found,
 * and a pid reused by an unrelated process later is not mistaken for it.
 */

export interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** One-letter state; 'Z' (zombie) and 'X' (dead) have exited already. */
  readonly state: string;
  /** Clock ticks since boot when it started: with the pid, identifies one process. */
  readonly startTime: number;
}

/** Parses one /proc/<pid>/stat line; undefined if it is not one. The name may hold spaces and ')'. */
export function parseProcStat(line: string): ProcEntry | undefined {
  const open = line.indexOf(' (');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(line.slice(0, open));
  // After the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
  // utime stime cutime cstime priority nice num_threads itrealvalue starttime ...
  const fields = line.slice(close + 2).split(' ');
  const [state = '', ppid, pgid] = fields;
  const startTime = Number(fields[19]);
  if (!Number.isInteger(pid) || pid <= 0 || state.length !== 1 || !Number.isInteger(startTime)) return undefined;
  return { pid, ppid: Number(ppid), pgid: Number(pgid), state, startTime };
}

export function hasExited(entry: ProcEntry): boolean {
  return entry.state === 'Z' || entry.state === 'X';
}

/** A tree's members seen so far: pid → start time. */
export type TreeMembers = Map<number, number>;

/**
 * Adds to `members` every process of `table` that is a descendant of a member (or of
 * `rootPid`) or belongs to process group `group`; returns the members still running
 * (not zombies, same start time), the root included while it runs. Pass no `rootPid` once
 * the program has exited and been reaped: its pid may already belong to another process.
 */
export function updateTree(table: readonly ProcEntry[], rootPid: number | undefined, group: number | undefined, members: TreeMembers): ProcEntry[] {
  const byPid = new Map(table.map((e) => [e.pid, e]));
  const isMember = (e: ProcEntry): boolean => members.get(e.pid) === e.startTime;
  const root = rootPid === undefined ? undefined : byPid.get(rootPid);
  if (root && !members.has(root.pid)) members.set(root.pid, root.startTime);
  for (const e of table) if (group !== undefined && e.pgid === group) members.set(e.pid, e.startTime);
  // Parents come before children only by chance; repeat until nothing new joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of table) {
      if (isMember(e)) continue;
      const parent = byPid.get(e.ppid);
      if (parent && isMember(parent)) {
        members.set(e.pid, e.startTime);
        grew = true;
      }
    }
  }
  return table.filter((e) => isMember(e) && !hasExited(e));
}
