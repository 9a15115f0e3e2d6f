/**
 * pprof's default name simplification (its symbolizer's demangling step, on by default and off
 * with -symbolize=none): a function whose name is its system name (or has no name) gets its
 * system name with the parameter lists "(...)" and template/generic arguments "<...>" removed,
 * when that name looks like demangled C++ (it has "<", ">", "[", "]" or "::"; not Java's
 * "class.<init>" nor Go's "pkg.(*T[...]).M"). Several functions may end up with one name and
 * then one report node, as in pprof. Mangled names ("_Z...") are left as they are: we have no
 * demangler.
 */
import type { ProfileMetadata } from '../pprof/profile';

/** pprof's looksLikeDemangledCPlusPlus. */
function looksLikeDemangledCpp(name: string): boolean {
  if (name.includes('.<') || name.includes(']).')) return false;
  return /[<>[\]]/.test(name) || name.includes('::');
}

/**
 * `name` without each outermost open..close group (pprof's removeMatching): an unclosed group
 * stays, and a close without an open stops the removal there.
 */
function removeNested(name: string, open: string, close: string): string {
  let out = '';
  let depth = 0;
  let from = 0;
  let first = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === open) {
      if (depth === 0) first = i;
      depth++;
    } else if (c === close) {
      depth--;
      if (depth < 0) break;
      if (depth === 0) {
        out += name.slice(from, first);
        from = i + 1;
      }
    }
  }
  return out + name.slice(from);
}

/** The name pprof shows for a function named `name` with system name `systemName`. */
export function pprofShortName(name: string, systemName: string): string {
  if (name !== '' && systemName !== name) return name;
  if (!looksLikeDemangledCpp(systemName)) return systemName;
  return removeNested(removeNested(systemName, '(', ')'), '<', '>');
}

const cache = new WeakMap<object, object>();

/**
 * `profile` with each function's name as pprof shows it by default (the strings it needs are
 * appended to the string table; nothing else changes). The same profile object when no name
 * changes.
 */
export function withShortNames<P extends ProfileMetadata>(profile: P): P {
  const known = cache.get(profile);
  if (known) return known as P;
  const { functions } = profile;
  const strings = [...profile.strings];
  const added = new Map<string, number>();
  let name: Int32Array | undefined;
  for (let f = 0; f < functions.count; f++) {
    const current = profile.strings[functions.name[f]!] ?? '';
    const short = pprofShortName(current, profile.strings[functions.systemName[f]!] ?? '');
    if (short === current) continue;
    name ??= functions.name.slice();
    let index = added.get(short);
    if (index === undefined) {
      index = strings.length;
      strings.push(short);
      added.set(short, index);
    }
    name[f] = index;
  }
  const result = name ? { ...profile, strings, functions: { ...functions, name } } : profile;
  cache.set(profile, result);
  return result;
}
