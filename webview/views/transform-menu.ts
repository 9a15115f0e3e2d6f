/** The transform items of a function's right-click menu (flame frames, Tree and Top rows). */
import { functionOfFrame, packageTransform, type Transform } from '../../src/shared/transforms';
import type { GranularityView } from '../../src/shared/view-model';
import type { FunctionMenuItem } from './function-menu';

/**
 * Items for the frame printed `name` at `granularity`; `path` is its call path from the root
 * (printable names, the frame last) when the view knows it (flame graph, Tree). None at files
 * granularity or for a frame without a function: transforms name functions.
 */
export function transformMenuItems(
  name: string,
  path: readonly string[] | undefined,
  granularity: GranularityView,
  apply: (t: Transform) => void,
): FunctionMenuItem[] {
  const fn = functionOfFrame(name, granularity);
  if (fn === undefined) return [];
  const item = (label: string, testId: string, t: Transform): FunctionMenuItem => ({ label, testId, run: () => apply(t) });
  const items = [item('Focus on function', 'menu-focus', { kind: 'focus', name: fn })];
  const functions = path?.map((p) => functionOfFrame(p, granularity));
  if (functions && functions.length > 0 && functions.every((f) => f !== undefined)) {
    items.push(item('Focus on subtree', 'menu-focus-subtree', { kind: 'focusSubtree', path: functions }));
  }
  items.push(item('Merge function', 'menu-merge', { kind: 'merge', name: fn }));
  const pkg = packageTransform(fn);
  if (pkg?.kind === 'mergePackage') items.push(item(`Merge package ${pkg.package}`, 'menu-merge-package', pkg));
  if (pkg?.kind !== 'mergePackage' || pkg.package !== 'runtime') {
    items.push(item('Merge runtime.* frames', 'menu-merge-runtime', { kind: 'mergePackage', package: 'runtime' }));
  }
  items.push(
    item('Collapse recursion', 'menu-collapse-recursion', { kind: 'collapseRecursion', name: fn }),
    item('Drop samples with this function', 'menu-drop', { kind: 'drop', name: fn }),
    item('Show from here', 'menu-show-from', { kind: 'showFrom', name: fn }),
    item('Hide', 'menu-hide', { kind: 'hide', name: fn }),
  );
  return items;
}

/** Root-first printable names from the root's child down to `node` of a stack tree (flame graph, Tree). */
export function namePath(tree: { readonly parent: ArrayLike<number>; readonly frame: ArrayLike<number>; readonly frames: readonly { readonly name: string }[] }, node: number): string[] {
  const names: string[] = [];
  for (let n = node; n > 0; n = tree.parent[n]!) names.push(tree.frames[tree.frame[n]!]?.name ?? '');
  return names.reverse();
}
