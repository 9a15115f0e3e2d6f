/**
 * Call-tree transforms: an ordered chain the user builds from a frame's right-click menu,
 * applied to every sample's stack (after the toolbar's filters) before any report is made.
 * Functions are named by their full name as the views print it at functions granularity.
 */
import { isRecord, isStringArray } from './guards';
import { packageOfFunction } from './go-symbol';
import type { GranularityView } from './view-model';

/** Transforms that name one function. */
export type FunctionTransformKind =
  /** Keep only samples with the function on their stack (pprof -focus with the exact name). */
  | 'focus'
  /** Drop samples with the function on their stack (pprof -ignore). */
  | 'drop'
  /** Remove the function's frames; their time goes to their caller. */
  | 'merge'
  /** Remove the function's frames (pprof -hide with the exact name). */
  | 'hide'
  /** Drop the frames above the outermost frame of the function (pprof -show_from). */
  | 'showFrom'
  /** Keep only the outermost frame of the function: inner calls, direct or through others, fold into it. */
  | 'collapseRecursion';

export type Transform =
  | { readonly kind: FunctionTransformKind; readonly name: string }
  /** Remove every frame of the package (its time goes to the nearest caller outside it). */
  | { readonly kind: 'mergePackage'; readonly package: string }
  /** Keep only samples under this root-first call path; the path's last function becomes the root. */
  | { readonly kind: 'focusSubtree'; readonly path: readonly string[] };

export const FUNCTION_TRANSFORM_KINDS: readonly FunctionTransformKind[] = ['focus', 'drop', 'merge', 'hide', 'showFrom', 'collapseRecursion'];

/** A chain longer than this is refused: no one builds it by hand. */
export const MAX_TRANSFORMS = 64;

const MAX_NAME_LENGTH = 4096;

function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_NAME_LENGTH;
}

/** A transform from a message or saved state; undefined when it is not one. */
export function parseTransform(value: unknown): Transform | undefined {
  if (!isRecord(value)) return undefined;
  const kind = value.kind;
  if (kind === 'mergePackage') return isName(value.package) ? { kind, package: value.package } : undefined;
  if (kind === 'focusSubtree') {
    const path = value.path;
    return isStringArray(path) && path.length > 0 && path.length <= 10_000 && path.every(isName) ? { kind, path: [...path] } : undefined;
  }
  const fk = FUNCTION_TRANSFORM_KINDS.find((k) => k === kind);
  return fk && isName(value.name) ? { kind: fk, name: value.name } : undefined;
}

/** A whole chain, or undefined when it is not an array of transforms (one bad entry refuses all). */
export function parseTransforms(value: unknown): readonly Transform[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_TRANSFORMS) return undefined;
  const out: Transform[] = [];
  for (const v of value) {
    const t = parseTransform(v);
    if (!t) return undefined;
    out.push(t);
  }
  return out;
}

export function sameTransforms(a: readonly Transform[] | undefined, b: readonly Transform[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

const VERBS: Record<FunctionTransformKind, string> = {
  focus: 'Focus',
  drop: 'Drop',
  merge: 'Merge',
  hide: 'Hide',
  showFrom: 'From',
  collapseRecursion: 'Collapse recursion',
};

/** The chip's text, e.g. "Merge main.work" or "Subtree main.main › main.work". */
export function transformLabel(t: Transform): string {
  switch (t.kind) {
    case 'mergePackage':
      return `Merge ${t.package}.*`;
    case 'focusSubtree':
      return `Subtree ${t.path.join(' › ')}`;
    default:
      return `${VERBS[t.kind]} ${t.name}`;
  }
}

/**
 * The function of a frame as the views print it: its whole printable name at functions
 * granularity, the name before the file otherwise (Go names have no spaces); undefined at files
 * granularity and for frames without a function ("<unknown>", "[binary]").
 */
export function functionOfFrame(printable: string, granularity: GranularityView): string | undefined {
  if (granularity === 'files' || printable === '' || printable.startsWith('<') || printable.startsWith('[')) return undefined;
  if (granularity === 'functions') return printable;
  const space = printable.indexOf(' ');
  return space < 0 ? printable : printable.slice(0, space);
}

/** The package a "Merge package" item of this function removes, if the name has one. */
export function packageTransform(functionName: string): Transform | undefined {
  const pkg = packageOfFunction(functionName);
  return pkg ? { kind: 'mergePackage', package: pkg } : undefined;
}
