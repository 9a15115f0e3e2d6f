/** Colours of a diff flame graph: red grew, green shrank, stronger for a bigger change. */

/** Change of a node from `base` to `current` in [-1, 1] (relative to the larger of the two). */
export function changeRatio(current: number, base: number): number {
  const scale = Math.max(Math.abs(current), Math.abs(base));
  return scale === 0 ? 0 : (current - base) / scale;
}

/** Fill for a change ratio; `dark` picks lightness that reads on a dark background. */
export function diffFill(ratio: number, dark: boolean): string {
  const strength = Math.min(1, Math.abs(ratio));
  if (strength < 0.02) return dark ? 'hsl(0 0% 34%)' : 'hsl(0 0% 82%)';
  const hue = ratio > 0 ? 0 : 120;
  const saturation = Math.round(35 + 55 * strength);
  const lightness = dark ? Math.round(30 + 12 * strength) : Math.round(86 - 36 * strength);
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}
