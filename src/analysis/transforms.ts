/**
 * The transform chain (src/shared/transforms.ts) applied to one stack of frames at a time, in
 * the stack walk, after pprof's filters: so every report sees the same transformed stacks.
 * Each transform is resolved once to the profile's functions it names (by full name, as the
 * report prints it), so the per-stack work only reads flags.
 */
import type { ProfileMetadata } from '../pprof/profile';
import { packageOfFunction } from '../shared/go-symbol';
import type { Transform } from '../shared/transforms';

type Step =
  | { readonly kind: 'focus' | 'drop' | 'remove' | 'showFrom' | 'collapseRecursion'; readonly match: Uint8Array }
  | { readonly kind: 'focusSubtree'; readonly path: readonly Uint8Array[] };

/** A compiled chain; apply() rewrites stacks in place. */
export class TransformChain {
  /** Every step only keeps or drops whole samples (focus, drop): frames are never changed. */
  readonly keepsFrames: boolean;

  private constructor(private readonly steps: readonly Step[]) {
    this.keepsFrames = steps.every((s) => s.kind === 'focus' || s.kind === 'drop');
  }

  /** The chain for `transforms`, or undefined when there is none. */
  static compile(profile: ProfileMetadata, transforms: readonly Transform[] | undefined): TransformChain | undefined {
    if (!transforms || transforms.length === 0) return undefined;
    const names = new FunctionNames(profile);
    return new TransformChain(transforms.map((t) => compileStep(t, names)));
  }

  /**
   * Applies the chain to the stack frames[0 .. length - 1] (leaf first), whose parallel
   * `functions` holds each frame's profile function (-1 for none). Removed frames are squeezed
   * out of all three arrays. Returns the new length; 0 drops the sample.
   */
  apply(frames: Int32Array, inlined: Uint8Array, functions: Int32Array, length: number): number {
    let n = length;
    for (const step of this.steps) {
      if (n === 0) return 0;
      switch (step.kind) {
        case 'focus':
          if (!anyMatch(step.match, functions, n)) return 0;
          break;
        case 'drop':
          if (anyMatch(step.match, functions, n)) return 0;
          break;
        case 'remove':
          n = removeMatching(step.match, frames, inlined, functions, n);
          break;
        case 'showFrom': {
          let top = n - 1;
          while (top >= 0 && !matches(step.match, functions[top]!)) top--;
          n = top + 1;
          break;
        }
        case 'collapseRecursion':
          n = collapseRecursion(step.match, frames, inlined, functions, n);
          break;
        case 'focusSubtree': {
          const k = step.path.length;
          if (n < k) return 0;
          for (let j = 0; j < k; j++) if (!matches(step.path[j]!, functions[n - 1 - j]!)) return 0;
          // The root-first path is the stack's tail: cut all of it but its last frame, the new root.
          n -= k - 1;
          break;
        }
      }
    }
    return n;
  }
}

function compileStep(t: Transform, names: FunctionNames): Step {
  switch (t.kind) {
    case 'focusSubtree':
      return { kind: 'focusSubtree', path: t.path.map((name) => names.named(name)) };
    case 'mergePackage':
      return { kind: 'remove', match: names.where((name) => packageOfFunction(name) === t.package) };
    case 'merge':
    case 'hide':
      return { kind: 'remove', match: names.named(t.name) };
    default:
      return { kind: t.kind, match: names.named(t.name) };
  }
}

/** Per profile function, whether a name test holds. */
class FunctionNames {
  private byName: Map<string, number[]> | undefined;

  constructor(private readonly profile: ProfileMetadata) {}

  named(name: string): Uint8Array {
    const out = new Uint8Array(this.profile.functions.count);
    for (const fn of this.index().get(name) ?? []) out[fn] = 1;
    return out;
  }

  where(test: (name: string) => boolean): Uint8Array {
    const out = new Uint8Array(this.profile.functions.count);
    for (const [name, fns] of this.index()) if (test(name)) for (const fn of fns) out[fn] = 1;
    return out;
  }

  private index(): Map<string, number[]> {
    if (this.byName) return this.byName;
    const { strings, functions } = this.profile;
    const map = new Map<string, number[]>();
    for (let fn = 0; fn < functions.count; fn++) {
      const name = strings[functions.name[fn]!] ?? '';
      if (name === '') continue;
      const list = map.get(name);
      if (list) list.push(fn);
      else map.set(name, [fn]);
    }
    return (this.byName = map);
  }
}

function matches(match: Uint8Array, fn: number): boolean {
  return fn >= 0 && match[fn] === 1;
}

function anyMatch(match: Uint8Array, functions: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (matches(match, functions[i]!)) return true;
  return false;
}

function removeMatching(match: Uint8Array, frames: Int32Array, inlined: Uint8Array, functions: Int32Array, n: number): number {
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (matches(match, functions[i]!)) continue;
    frames[w] = frames[i]!;
    inlined[w] = inlined[i]!;
    functions[w++] = functions[i]!;
  }
  return w;
}

/**
 * Keeps the outermost frame of the function and drops everything from its innermost frame up
 * to it (inner calls and the frames between them), so callees of the innermost call hang from
 * the outermost one and the time spent in inner calls becomes its own.
 */
function collapseRecursion(match: Uint8Array, frames: Int32Array, inlined: Uint8Array, functions: Int32Array, n: number): number {
  let inner = 0;
  while (inner < n && !matches(match, functions[inner]!)) inner++;
  let outer = n - 1;
  while (outer > inner && !matches(match, functions[outer]!)) outer--;
  if (outer <= inner) return n;
  const cut = outer - inner;
  for (let i = outer; i < n; i++) {
    frames[i - cut] = frames[i]!;
    inlined[i - cut] = inlined[i]!;
    functions[i - cut] = functions[i]!;
  }
  return n - cut;
}
