/** Reading a go.mod's module path (for the profile editor's "only my module" filter). */

/** The `module` directive's path, quoted or not, skipping comments; undefined when absent. */
export function parseModulePath(goMod: string): string | undefined {
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const m = /^module\s+(?:"([^"]+)"|`([^`]+)`|(\S+))$/.exec(line);
    if (m) return m[1] ?? m[2] ?? m[3];
  }
  return undefined;
}
