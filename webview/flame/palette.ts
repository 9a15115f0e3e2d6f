/**
 * Frame colours: the hue comes from a hash of the Go package path, so a package keeps its
 * colour across profiles and sessions; lightness varies a little by function so neighbours
 * in the same package stay distinguishable. Two lightness bands, one per theme kind, keep
 * the label text readable.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

/** "github.com/a/b.(*T).M" -> "github.com/a/b"; "main.f" -> "main"; other names as they are. */
export function packageOf(name: string): string {
  const bracket = name.indexOf('[');
  const plain = bracket >= 0 ? name.slice(0, bracket) : name;
  const slash = plain.lastIndexOf('/');
  const dot = plain.indexOf('.', slash + 1);
  return dot > 0 ? plain.slice(0, dot) : plain;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Palette {
  readonly kind: ThemeKind;
  /** Fill of a frame with this name. */
  frameFill(name: string): string;
  readonly frameText: string;
  readonly dimmedFill: string;
  readonly dimmedText: string;
  readonly mergedFill: string;
  readonly border: string;
}

export function makePalette(kind: ThemeKind): Palette {
  const dark = kind !== 'light';
  const cache = new Map<string, string>();
  return {
    kind,
    frameFill(name: string): string {
      let c = cache.get(name);
      if (c === undefined) {
        const hue = hashString(packageOf(name)) % 360;
        const jitter = (hashString(name) % 9) - 4;
        c = kind === 'high-contrast' ? `hsl(${hue} 60% ${22 + jitter}%)` : dark ? `hsl(${hue} 48% ${34 + jitter}%)` : `hsl(${hue} 70% ${74 + jitter}%)`;
        cache.set(name, c);
      }
      return c;
    },
    frameText: kind === 'high-contrast' ? '#ffffff' : dark ? '#f2f2f2' : '#1b1b1b',
    dimmedFill: dark ? 'hsl(0 0% 24%)' : 'hsl(0 0% 88%)',
    dimmedText: kind === 'high-contrast' ? 'hsl(0 0% 85%)' : dark ? 'hsl(0 0% 62%)' : 'hsl(0 0% 42%)',
    mergedFill: kind === 'high-contrast' ? 'hsl(0 0% 18%)' : dark ? 'hsl(0 0% 32%)' : 'hsl(0 0% 80%)',
    border: kind === 'high-contrast' ? '#ffffff' : dark ? 'rgba(0,0,0,0.35)' : 'rgba(255,255,255,0.7)',
  };
}
