/**
 * Fits frame names into bars. Widths are measured once per name and font; a name that does
 * not fit first loses its package path ("github.com/a/b.F" -> "b.F"), then its tail.
 */

export interface TextMeasurer {
  measureText(text: string): { width: number };
}

export function shortName(name: string): string {
  const bracket = name.indexOf('[');
  const slash = name.lastIndexOf('/', bracket >= 0 ? bracket : name.length);
  return slash >= 0 ? name.slice(slash + 1) : name;
}

export class LabelFitter {
  private font = '';
  private widths = new Map<string, number>();
  private charWidth = 7;
  private ellipsisWidth = 7;

  setFont(ctx: TextMeasurer, font: string): void {
    if (font === this.font) return;
    this.font = font;
    this.widths.clear();
    this.charWidth = ctx.measureText('abcdefghijklmnopqrstuvwxyz.()*/ABCDEF').width / 38;
    this.ellipsisWidth = ctx.measureText('…').width;
  }

  width(ctx: TextMeasurer, text: string): number {
    let w = this.widths.get(text);
    if (w === undefined) {
      w = ctx.measureText(text).width;
      this.widths.set(text, w);
    }
    return w;
  }

  /** The longest label for `name` within `available` pixels, or "" when nothing useful fits. */
  fit(ctx: TextMeasurer, name: string, available: number): string {
    if (available < this.charWidth * 2) return '';
    if (this.width(ctx, name) <= available) return name;
    const short = shortName(name);
    if (short !== name && this.width(ctx, short) <= available) return short;
    let chars = Math.floor((available - this.ellipsisWidth) / this.charWidth);
    if (chars < 2) return '';
    let text = short.slice(0, chars) + '…';
    // The average-width guess is usually right; correct it a few characters at most.
    for (let tries = 0; tries < 4 && chars > 2 && ctx.measureText(text).width > available; tries++) {
      chars--;
      text = short.slice(0, chars) + '…';
    }
    return chars >= 2 ? text : '';
  }
}

/** What a merged block of sub-pixel frames says about itself. */
export function mergedLabel(count: number): string {
  return count === 1 ? '1 frame narrower than a pixel' : `${count.toLocaleString('en-US')} frames, each narrower than a pixel`;
}
