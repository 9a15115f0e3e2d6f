/**
 * Drives the flame graph test page from Node. Every call goes through `flameTest` in the
 * page, so this side needs no DOM types.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Box, FlameTestApi } from './page-api';
import { bundlePage } from './harness';

const here = dirname(fileURLToPath(import.meta.url));

export function bundleFlamePage(): Promise<string> {
  return bundlePage(join(here, 'page', 'flame-page.ts'));
}

type Method = keyof FlameTestApi;
type Result<K extends Method> = Awaited<ReturnType<FlameTestApi[K]>>;

/** Calls `flameTest[method](...args)` in the page. */
export function call<K extends Method>(page: Page, method: K, ...args: Parameters<FlameTestApi[K]>): Promise<Result<K>> {
  return page.evaluate(
    ({ method, args }) => {
      const api = (globalThis as unknown as { flameTest: Record<string, (...a: unknown[]) => unknown> }).flameTest;
      return api[method]!(...args);
    },
    { method, args: args as unknown[] },
  ) as Promise<Result<K>>;
}

export async function requireBox(page: Page, node: number): Promise<Box> {
  const box = await call(page, 'frameBox', node);
  if (!box) throw new Error(`node ${node} is not drawn`);
  return box;
}

/** A point inside the bar, clear of its label's end. */
export function insideBar(box: Box): { x: number; y: number } {
  return { x: box.x + Math.min(box.width / 2, 40), y: box.y + box.height / 2 };
}

export async function hover(page: Page, node: number): Promise<Result<'tooltip'>> {
  const p = insideBar(await requireBox(page, node));
  await page.mouse.move(p.x, p.y);
  return call(page, 'tooltip');
}
