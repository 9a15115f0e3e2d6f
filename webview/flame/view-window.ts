/**
 * The horizontal window of the flame graph, [x0, x1) in value units (the root spans
 * [0, total)), with an eased animation between windows.
 */
export class ViewWindow {
  x0 = 0;
  x1 = 1;
  private animation: { from: [number, number]; to: [number, number]; start: number } | undefined;

  constructor(private readonly durationMs: number) {}

  get animating(): boolean {
    return this.animation !== undefined;
  }

  reset(total: number): void {
    this.animation = undefined;
    this.x0 = 0;
    this.x1 = total > 0 ? total : 1;
  }

  /** Moves to [x0, x1): eased from where it is now, or at once. */
  moveTo(x0: number, x1: number, animate: boolean, now: number): void {
    if (!animate || this.durationMs <= 0) {
      this.animation = undefined;
      this.x0 = x0;
      this.x1 = x1;
    } else {
      this.animation = { from: [this.x0, this.x1], to: [x0, x1], start: now };
    }
  }

  /** Advances the animation to `now`; true while it still runs. */
  step(now: number): boolean {
    const a = this.animation;
    if (!a) return false;
    const t = Math.min(1, (now - a.start) / this.durationMs);
    const ease = 1 - (1 - t) * (1 - t) * (1 - t);
    this.x0 = a.from[0] + (a.to[0] - a.from[0]) * ease;
    this.x1 = a.from[1] + (a.to[1] - a.from[1]) * ease;
    if (t >= 1) this.animation = undefined;
    return this.animation !== undefined;
  }

  /** Sets the window at once (wheel, drag), kept inside [0, total) and not narrower than total/1e9. */
  setClamped(x0: number, x1: number, total: number): void {
    this.animation = undefined;
    if (!(total > 0)) {
      this.x0 = 0;
      this.x1 = 1;
      return;
    }
    const span = Math.min(Math.max(x1 - x0, total / 1e9), total);
    this.x0 = Math.max(0, Math.min(x0, total - span));
    this.x1 = this.x0 + span;
  }

  /** Scales the window by `factor` (< 1 zooms in) keeping the value at `at` in place. */
  zoomAround(at: number, factor: number, total: number): void {
    this.setClamped(at - (at - this.x0) * factor, at + (this.x1 - at) * factor, total);
  }

  /**
   * The window 8× narrower around `at`, kept inside [runStart, runEnd): clicking a block of
   * merged sub-pixel frames spreads them out. `fraction` is where `at` sits across the width.
   */
  zoomIntoRun(runStart: number, runEnd: number, at: number, fraction: number): [number, number] {
    const span = Math.min((this.x1 - this.x0) / 8, runEnd - runStart);
    const start = Math.max(runStart, Math.min(at - fraction * span, runEnd - span));
    return [start, start + span];
  }
}
