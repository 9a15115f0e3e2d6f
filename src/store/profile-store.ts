/**
 * The profiles folder on disk. Every file is written to a temp name and then hard-linked
 * to its final name, which fails instead of overwriting; a taken name gets a "-n" suffix.
 * A save that fails part-way removes what it wrote and throws a StoreWriteError in words.
 */
import { link, mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PROFILE_EXTENSION, SIDECAR_EXTENSION, TEXT_EXTENSION, profileStem, stemOf } from './naming';
import { keepBinary } from './kept-binary';
import { MAX_SIDECAR_BYTES, readRegularFile } from './regular-file';
import { parseSidecar, type ProfileSidecar } from './sidecar';
import { removeStaleTemps, tempFileName } from './temp-files';
import { StoreWriteError } from './write-errors';

export interface NewProfile {
  readonly program: string;
  /** Becomes the `<type>` part of the name. */
  readonly type: string;
  /** The profile bytes as produced (gzipped profile.proto). */
  readonly profile: Uint8Array;
  /** The file's extension; default PROFILE_EXTENSION (TRACE_EXTENSION for an execution trace). */
  readonly extension?: string;
  /** Optional text saved beside it (`.txt`, same stem), e.g. a goroutine dump. */
  readonly text?: string;
  /** The sidecar without the file names, which the store fills in. */
  readonly sidecar: Omit<ProfileSidecar, 'profileFile' | 'textFile' | 'savedAt' | 'binaryFile'>;
  /** Time used in the name; default now. */
  readonly date?: Date;
  /** The program binary to keep beside it, for disassembly (sidecar `binaryFile`). */
  readonly binary?: string;
}

export interface SavedProfile {
  readonly profilePath: string;
  readonly sidecarPath: string;
  readonly textPath?: string;
  readonly sidecar: ProfileSidecar;
}

/** Creates `path` with `data` atomically; false if `path` already exists (never overwrites). */
async function writeNew(path: string, data: Uint8Array | string, dir: string): Promise<boolean> {
  const temp = join(dir, tempFileName());
  try {
    // Inside the try: a write that fails part-way (disk full) leaves no temp file behind.
    await writeFile(temp, data, { mode: 0o644 });
    await link(temp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
    // A filesystem without hard links: check, then rename (atomic, tiny race on the check).
    if (await exists(path)) return false;
    await rename(temp, path);
    return true;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Whether anything is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves a profile, its sidecar and optional text under one fresh stem. A file system failure
 * removes the files of this save already written and throws a StoreWriteError.
 * `onProfileWritten` hears the profile's final path as soon as its bytes are there, before the
 * text and sidecar are written (a capture can be opened from memory meanwhile).
 */
export async function saveProfile(dir: string, item: NewProfile, onProfileWritten?: (profilePath: string) => void): Promise<SavedProfile> {
  const written: string[] = [];
  let fileName = profileStem(item.program, item.type, item.date ?? new Date()) + (item.extension ?? PROFILE_EXTENSION);
  try {
    return await saveUnder(dir, item, written, (name) => (fileName = name), onProfileWritten);
  } catch (e) {
    if (e instanceof StoreWriteError || (e instanceof Error && !('code' in e))) throw e;
    for (const path of written.reverse()) await unlink(path).catch(() => undefined);
    throw new StoreWriteError(dir, fileName, e);
  }
}

/** The save itself; `written` collects the files made, `naming` hears the profile's file name. */
async function saveUnder(
  dir: string,
  item: NewProfile,
  written: string[],
  naming: (fileName: string) => void,
  onProfileWritten?: (profilePath: string) => void,
): Promise<SavedProfile> {
  await mkdir(dir, { recursive: true });
  // The binary is kept beside the profile, not in front of it: the profile opens once written.
  const keeping = item.binary === undefined ? undefined : keepBinary(dir, item.binary, item.program);
  const date = item.date ?? new Date();
  for (let attempt = 1; attempt < 10_000; attempt++) {
    const stem = profileStem(item.program, item.type, date, attempt);
    const extension = item.extension ?? PROFILE_EXTENSION;
    const profilePath = join(dir, stem + extension);
    const sidecarPath = join(dir, stem + SIDECAR_EXTENSION);
    const textPath = item.text === undefined ? undefined : join(dir, stem + TEXT_EXTENSION);
    if ((await exists(sidecarPath)) || (textPath && (await exists(textPath)))) continue;
    naming(basename(profilePath));
    if (!(await writeNew(profilePath, item.profile, dir))) continue;
    written.push(profilePath);
    onProfileWritten?.(profilePath);
    const binaryFile = await keeping;
    const sidecar: ProfileSidecar = {
      ...item.sidecar,
      savedAt: new Date().toISOString(),
      profileFile: stem + extension,
      ...(textPath ? { textFile: stem + TEXT_EXTENSION } : {}),
      ...(binaryFile !== undefined ? { binaryFile } : {}),
    };
    if (textPath && !(await writeNew(textPath, item.text ?? '', dir))) {
      throw new Error(`${textPath}: appeared while saving ${profilePath}; the profile is saved, its text is not`);
    }
    if (textPath) written.push(textPath);
    if (!(await writeNew(sidecarPath, JSON.stringify(sidecar, null, 2) + '\n', dir))) {
      throw new Error(`${sidecarPath}: appeared while saving ${profilePath}; the profile is saved, its sidecar is not`);
    }
    return { profilePath, sidecarPath, sidecar, ...(textPath ? { textPath } : {}) };
  }
  throw new Error(`${dir}: no free file name for ${item.program} ${item.type}`);
}

export interface ListedProfile {
  readonly profilePath: string;
  readonly sizeBytes: number;
  readonly modified: Date;
  /** Present when a readable sidecar sits beside the profile. */
  readonly sidecar?: ProfileSidecar;
  /** Why the sidecar beside it could not be read, if one exists but is broken. */
  readonly sidecarProblem?: string;
  readonly textPath?: string;
}

/**
 * Profiles in `dir`, newest first, each with its sidecar when there is one. A missing folder
 * is empty. Temp files left by a crash mid-write are never listed, and old ones are removed.
 * Only regular files are listed or read (a FIFO, device or folder is skipped; as a sidecar
 * it becomes the sidecarProblem).
 */
export async function listProfiles(dir: string): Promise<ListedProfile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  await removeStaleTemps(dir, names);
  const present = new Set(names);
  const listed: ListedProfile[] = [];
  for (const name of names) {
    const stem = stemOf(name);
    if (stem === undefined || name.startsWith('.')) continue;
    const profilePath = join(dir, name);
    const info = await stat(profilePath).catch(() => undefined);
    if (!info?.isFile()) continue;
    let sidecar: ProfileSidecar | undefined;
    let sidecarProblem: string | undefined;
    const sidecarPath = join(dir, stem + SIDECAR_EXTENSION);
    if (present.has(stem + SIDECAR_EXTENSION)) {
      try {
        // Never a plain read: a FIFO of that name would block the listing forever.
        sidecar = parseSidecar((await readRegularFile(sidecarPath, MAX_SIDECAR_BYTES)).toString('utf8'), sidecarPath);
      } catch (e) {
        sidecarProblem = (e as Error).message;
      }
    }
    listed.push({
      profilePath,
      sizeBytes: info.size,
      modified: info.mtime,
      ...(sidecar ? { sidecar } : {}),
      ...(sidecarProblem ? { sidecarProblem } : {}),
      ...(present.has(stem + TEXT_EXTENSION) ? { textPath: join(dir, stem + TEXT_EXTENSION) } : {}),
    });
  }
  return listed.sort((a, b) => b.modified.getTime() - a.modified.getTime() || b.profilePath.localeCompare(a.profilePath));
}
