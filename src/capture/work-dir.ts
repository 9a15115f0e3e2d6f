/**
 * The private temp folders of profiling builds (`go-profiler-build-XXXXXX`, mode 0700): the
 * agent, the overlay, the binary, the agent's address file, whole-run profiles.
 *
 * Every path removes its folder: dispose(), a failed or interrupted build, and an exit hook
 * for Node exiting with folders still in use. When this process cannot (it was SIGKILLed,
 * the machine went down), the agent's watchdog removes the folder of a running program, and
 * the next build sweeps the rest: each folder holds an `owner` file naming the process that
 * made it (pid and start time), and a folder whose owner is gone is a leftover.
 */
import { readFileSync, rmSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasExited, parseProcStat, type ProcEntry } from './process-tree';

export const WORK_DIR_PREFIX = 'go-profiler-build-';
const WORK_DIR_NAME = /^go-profiler-build-[A-Za-z0-9]{6}$/;
const OWNER_FILE = 'owner';
/** A folder without an owner file this old was never finished: its maker died in between. */
export const UNOWNED_STALE_MS = 10 * 60 * 1000;
/**
 * Build folders of versions before owner files (`go-profiler-XXXXXX`, holding an
 * overlay.json) are removed once this old: no session runs that long.
 */
const LEGACY_NAME = /^go-profiler-[A-Za-z0-9]{6}$/;
export const LEGACY_STALE_MS = 24 * 60 * 60 * 1000;

export interface WorkDir {
  readonly path: string;
  /** Removes the folder (never throws); later calls do nothing. */
  remove(): Promise<void>;
}

/** Folders made by this process and not yet removed, for the exit hook. */
const live = new Set<string>();
let exitHookInstalled = false;

/** A process's /proc entry (Linux); undefined if there is no such process or no /proc. */
function procEntry(pid: number | 'self'): ProcEntry | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The owner file's text for this process: "pid start-time" (the start time only with /proc). */
export function ownerTag(): string {
  const self = procEntry('self');
  return self === undefined ? `${process.pid}` : `${process.pid} ${self.startTime}`;
}

/**
 * True while the process an owner tag names runs. With a start time (Linux) it must be the
 * process that started then: its pid may have been reused. Without, any process with that pid counts.
 */
export function ownerAlive(tag: string): boolean {
  const [pidText, startText] = tag.trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (startText !== undefined && procEntry('self') !== undefined) {
    const entry = procEntry(pid);
    return entry !== undefined && entry.startTime === Number(startText) && !hasExited(entry);
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes a private work folder under the temp folder (TMPDIR), owned by this process. */
export async function makeWorkDir(root = tmpdir()): Promise<WorkDir> {
  const path = await mkdtemp(join(root, WORK_DIR_PREFIX));
  live.add(path);
  installExitHook();
  const remove = async (): Promise<void> => {
    if (!live.delete(path)) return;
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    await writeFile(join(path, OWNER_FILE), ownerTag() + '\n', { mode: 0o600 });
  } catch (e) {
    await remove();
    throw e;
  }
  return { path, remove };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous: nothing asynchronous runs in an 'exit' handler.
  process.once('exit', () => {
    for (const path of live) rmSync(path, { recursive: true, force: true });
  });
}

/**
 * Removes the work folders under `root` left by processes that are gone, unfinished ones
 * (no owner file) older than UNOWNED_STALE_MS, and earlier versions' build folders older than
 * LEGACY_STALE_MS; returns the paths removed. Only folders of this user are looked at.
 * Never throws.
 */
export async function sweepStaleWorkDirs(root = tmpdir(), now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of names) {
    const legacy = LEGACY_NAME.test(name);
    if (!legacy && !WORK_DIR_NAME.test(name)) continue;
    const path = join(root, name);
    if (live.has(path)) continue;
    try {
      const info = await lstat(path);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      let stale: boolean;
      if (legacy) {
        stale = now - info.mtimeMs > LEGACY_STALE_MS && (await lstat(join(path, 'overlay.json')).catch(() => undefined))?.isFile() === true;
      } else {
        const tag = await readFile(join(path, OWNER_FILE), 'utf8').catch(() => undefined);
        stale = tag === undefined ? now - info.mtimeMs > UNOWNED_STALE_MS : !ownerAlive(tag);
      }
      if (!stale) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Removed meanwhile by its owner or another sweep, or not ours to remove.
    }
  }
  return removed;
}
