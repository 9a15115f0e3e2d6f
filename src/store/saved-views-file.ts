/**
 * The workspace's saved views file on disk (format: src/shared/saved-views.ts). Reading a
 * corrupt file throws, naming the file; nothing here ever writes over a file it could not
 * read (callers read before they write). Writes go through a temp file renamed into place.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatSavedViews, parseSavedViews, SAVED_VIEWS_FILE, SavedViewsError, type SavedView } from '../shared/saved-views';
import { exists } from './profile-store';
import { replaceAtomically } from './save-as';
import { errorCode } from './write-errors';

/** The views file of the workspace folder `folder`. */
export function savedViewsPath(folder: string): string {
  return join(folder, SAVED_VIEWS_FILE);
}

/** The views in `path`; [] when the file does not exist. Throws SavedViewsError naming the file otherwise. */
export async function readSavedViews(path: string): Promise<SavedView[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return [];
    throw new SavedViewsError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parseSavedViews(text);
  } catch (e) {
    throw new SavedViewsError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function writeSavedViews(path: string, views: readonly SavedView[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await replaceAtomically(path, formatSavedViews(views));
}

/** Reads the views in `path`, changes them with `change` and writes the result; a corrupt file throws and is left as is. */
export async function updateSavedViews(path: string, change: (views: readonly SavedView[]) => SavedView[]): Promise<SavedView[]> {
  const next = change(await readSavedViews(path));
  await writeSavedViews(path, next);
  return next;
}

/** The views file of the nearest folder from `dir` upwards that has one (as `go` finds go.mod). */
export async function findSavedViewsFile(dir: string): Promise<string | undefined> {
  for (let at = dir; ; at = dirname(at)) {
    const path = savedViewsPath(at);
    if (await exists(path)) return path;
    if (dirname(at) === at) return undefined;
  }
}
