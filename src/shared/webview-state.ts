/**
 * The one parser of `WebviewState` (protocol.ts): the webview reads its saved state with it,
 * and saved views (the workspace's views file, the host, the CLI) validate theirs with it.
 * One entry per field: the mapped type makes the table complete, so a field added to
 * WebviewState is parsed (and saved in views) once its entry is here.
 */
import { isIndex, isRecord, isStringArray, type UnknownRecord } from './guards';
import type { SavedFilters, WebviewState } from './protocol';
import { parseTransforms } from './transforms';
import { granularities } from './view-model';

type Field = keyof WebviewState;

/** Each field's parser: the valid value, or undefined when absent or malformed. */
const fieldParsers: { readonly [K in Field]-?: (value: unknown) => WebviewState[K] | undefined } = {
  sampleIndex: (value) => (isIndex(value) ? value : undefined),
  sampleType: (value) => (typeof value === 'string' && value !== '' ? value : undefined),
  view: (value) => (typeof value === 'string' ? value : undefined),
  filters: parseSavedFilters,
  zoomPath: (value) => (isStringArray(value) ? value : undefined),
  transforms: parseTransforms,
};

/** The known, well-formed fields of `value`; anything else is left out. */
export function parseWebviewState(value: unknown): WebviewState {
  return parseFields(value).state;
}

/**
 * Like parseWebviewState, also naming the fields present but malformed (for a file the user
 * can edit: such a field is an error, not silently dropped). Unknown fields are not errors:
 * a newer version of the extension may have written them.
 */
export function checkWebviewState(value: unknown): { readonly state: WebviewState; readonly invalid: readonly string[] } {
  return parseFields(value);
}

function parseFields(value: unknown): { state: WebviewState; invalid: string[] } {
  const state: { -readonly [K in Field]?: WebviewState[K] } = {};
  const invalid: string[] = [];
  if (!isRecord(value)) return { state, invalid };
  for (const field of Object.keys(fieldParsers) as Field[]) {
    if (!Object.hasOwn(value, field) || value[field] === undefined) continue;
    const parsed = parseField(field, value);
    if (parsed === undefined) invalid.push(field);
    else Object.assign(state, { [field]: parsed });
  }
  return { state, invalid };
}

function parseField(field: Field, value: UnknownRecord): unknown {
  return fieldParsers[field](value[field]);
}

function parseSavedFilters(value: unknown): SavedFilters | undefined {
  if (!isRecord(value)) return undefined;
  const { granularity, focus, ignore, hide, show, tagFocus } = value;
  const g = granularities.find((x) => x === granularity);
  if (!g) return undefined;
  if (typeof focus !== 'string' || typeof ignore !== 'string' || typeof hide !== 'string') return undefined;
  if (typeof show !== 'string' || typeof tagFocus !== 'string') return undefined;
  // Added later: a state saved before them has none.
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { granularity: g, focus, ignore, hide, show, tagFocus, tagIgnore: text(value.tagIgnore), tagRoot: text(value.tagRoot), tagLeaf: text(value.tagLeaf) };
}
