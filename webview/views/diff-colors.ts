/**
 * Colours of a comparison, after pprof's rule for diffs: a frame's colour says how big its
 * change is against the whole profile (its delta over the base total), not against the frame
 * itself, so a frame that doubled from almost nothing stays pale and a big shift stands out.
 * Red grew, green shrank; the intensity rises quickly for small shares (a change of a few
 * percent of the total is already visible) and changes under ~1% fade to grey.
 */
import type { ThemeKind } from '../flame/palette';

/** A change of this share of the total (or more) is drawn at full strength. */
const FULL_AT = 0.5;
/** Under this share of the total a change fades towards grey. */
const FADE_BELOW = 0.05;
/** < 1 lifts small shares so they are visible. */
const LIFT = 0.4;

/** How strongly a change shows, 0..1, from its share of the total (signed). */
export function changeStrength(share: number): number {
  const s = Math.abs(share);
  if (!(s > 0)) return 0;
  return Math.pow(Math.min(1, s / FULL_AT), LIFT) * Math.min(1, s / FADE_BELOW);
}

/**
 * The fill for a change of `share` of the total. Light themes go from a pale grey to a strong
 * red or green; dark themes from a dark grey, both keeping the theme's label colour readable.
 */
export function diffFill(share: number, theme: ThemeKind): string {
  const t = changeStrength(share);
  const hue = share > 0 ? 0 : 125;
  if (theme === 'light') return `hsl(${hue} ${Math.round(75 * t)}% ${Math.round(88 - 26 * t)}%)`;
  const base = theme === 'high-contrast' ? 20 : 30;
  return `hsl(${hue} ${Math.round(70 * t)}% ${Math.round(base + 6 * t)}%)`;
}
