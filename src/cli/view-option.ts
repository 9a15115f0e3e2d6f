/**
 * `--view NAME|FILE.json`: a saved view's options under the explicit flags. NAME is looked up
 * in the workspace's views file, found from the current folder upwards; FILE.json is a views
 * file holding one view, or one view object (`{ "name": …, "state": … }`).
 */
import { readFile } from 'node:fs/promises';
import { reportOptionsFromView } from '../analysis/view-options';
import { parseSavedViews, parseView, SAVED_VIEWS_FILE, SavedViewsError, type SavedView } from '../shared/saved-views';
import { isRecord } from '../shared/guards';
import { findSavedViewsFile, readSavedViews } from '../store/saved-views-file';
import { UsageError, type CliArgs } from './args';

export async function withViewOptions<T extends CliArgs>(args: T, cwd: string): Promise<T> {
  if (args.view === undefined) return args;
  const view = await loadView(args.view, cwd);
  return { ...args, report: { ...reportOptionsFromView(view.state), ...args.report } };
}

async function loadView(spec: string, cwd: string): Promise<SavedView> {
  try {
    return spec.endsWith('.json') ? await viewOfFile(spec) : await namedView(spec, cwd);
  } catch (e) {
    if (e instanceof SavedViewsError) throw new UsageError(`--view: ${e.message}`);
    throw e;
  }
}

async function namedView(name: string, cwd: string): Promise<SavedView> {
  const path = await findSavedViewsFile(cwd);
  if (path === undefined) throw new UsageError(`--view ${name}: no ${SAVED_VIEWS_FILE} in ${cwd} or a folder above it`);
  const views = await readSavedViews(path);
  const view = views.find((v) => v.name === name);
  if (view === undefined) throw new UsageError(`--view: no view named "${name}" in ${path}; its views: ${namesOf(views)}`);
  return view;
}

async function viewOfFile(path: string): Promise<SavedView> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SavedViewsError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const json: unknown = JSON.parse(text);
    if (!isRecord(json) || !Array.isArray(json.views)) return parseView(json, 'the file');
    const views = parseSavedViews(text);
    if (views.length !== 1) throw new SavedViewsError(`holds ${views.length} views (${namesOf(views)}): give one NAME with the file in ${SAVED_VIEWS_FILE}, or a file with one view`);
    return views[0]!;
  } catch (e) {
    throw new SavedViewsError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function namesOf(views: readonly SavedView[]): string {
  return views.length === 0 ? '(none)' : views.map((v) => `"${v.name}"`).join(', ');
}
