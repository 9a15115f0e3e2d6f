/** The flame graph's keys, read from the root element's keydown. */
export interface KeyTarget {
  readonly canvas: HTMLCanvasElement;
  searchNext(): void;
  searchPrevious(): void;
  back(): void;
  forward(): void;
  /** An arrow key on the canvas: move the selection. */
  move(key: string): void;
  /** Enter on the canvas: open the selected frame's source. */
  openSelected(): void;
  /** Space on the canvas: zoom into the selected frame. */
  zoomSelected(): void;
}

/**
 * The keys of the flame graph (the root element's keydown): Enter / Shift+Enter in the search
 * box step through matches; Alt+Left/Right and Escape move through the zoom history; on the
 * canvas, arrows move the selection, Enter opens its source and Space zooms into it.
 */
export function onFlameKey(e: KeyboardEvent, target: KeyTarget): void {
  if (e.target instanceof HTMLInputElement) {
    if (e.key === 'Enter' && e.shiftKey) target.searchPrevious();
    else if (e.key === 'Enter') target.searchNext();
    return;
  }
  if ((e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) || e.key === 'Escape') {
    e.preventDefault();
    if (e.key === 'ArrowRight') target.forward();
    else target.back();
    return;
  }
  if (e.target !== target.canvas) return;
  if (e.key.startsWith('Arrow')) {
    e.preventDefault();
    target.move(e.key);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    target.openSelected();
  } else if (e.key === ' ') {
    e.preventDefault();
    target.zoomSelected();
  }
}
