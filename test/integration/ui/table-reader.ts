// Reads the profile editor's webview DOM through the agreed data-testid contract.
import type { FrameLocator } from 'playwright-core';

export interface UiRow {
  flat: string;
  flatPct: string;
  sumPct: string;
  cum: string;
  cumPct: string;
  name: string;
  rawFlat: number;
  rawCum: number;
}

/** The few DOM members the reader uses inside the page; avoids pulling the DOM lib into Node code. */
interface RowElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
}

export async function readTopRows(frame: FrameLocator, limit: number): Promise<UiRow[]> {
  // No named helpers inside: tsx would wrap them in a __name() call that the page lacks.
  const rows = await frame.locator('[data-testid="top-table"] [data-testid="top-row"]').evaluateAll(
    (elements: RowElement[], max: number) =>
      elements.slice(0, max).map((row) => ({
        cells: ['flat', 'flat%', 'sum%', 'cum', 'cum%', 'name'].map((col) =>
          (row.querySelector(`[data-col="${col}"]`)?.textContent ?? '').trim(),
        ),
        rawFlat: Number(row.getAttribute('data-flat')),
        rawCum: Number(row.getAttribute('data-cum')),
      })),
    limit,
  );
  return rows.map(({ cells, rawFlat, rawCum }) => {
    const [flat = '', flatPct = '', sumPct = '', cum = '', cumPct = '', name = ''] = cells;
    return { flat, flatPct, sumPct, cum, cumPct, name, rawFlat, rawCum };
  });
}

/**
 * How many rows the table holds (before any row filter). A virtualised table renders only the
 * visible ones; its caption ("N rows · …" or "k of N rows · …") gives N. Else the rendered rows count.
 */
export async function countTopRows(frame: FrameLocator): Promise<number> {
  const caption = frame.locator('[data-testid="top-caption"]');
  if ((await caption.count()) > 0) {
    const m = /(\d+) rows/.exec((await caption.first().textContent()) ?? '');
    if (m) return Number(m[1]);
  }
  return frame.locator('[data-testid="top-table"] [data-testid="top-row"]').count();
}

/** Sets the sample-type selector (a native <select> or a vscode-single-select) to `index`. */
export async function chooseSampleType(frame: FrameLocator, index: number): Promise<void> {
  const select = frame.locator('[data-testid="sample-type-select"]');
  await select.waitFor({ state: 'visible' });
  const tag = await select.evaluate((el: { tagName: string }) => el.tagName.toLowerCase());
  if (tag === 'select') {
    await select.selectOption(String(index));
    return;
  }
  await select.evaluate(
    (el: { value: string; dispatchEvent(e: unknown): boolean }, value: string) => {
      el.value = value;
      // vscode-single-select announces a user's choice with "change".
      const EventCtor = (globalThis as unknown as { Event: new (type: string, init: { bubbles: boolean }) => unknown }).Event;
      el.dispatchEvent(new EventCtor('change', { bubbles: true }));
    },
    String(index),
  );
}

export async function sampleTypeValue(frame: FrameLocator): Promise<string> {
  return frame.locator('[data-testid="sample-type-select"]').evaluate((el: { value: string }) => el.value);
}
