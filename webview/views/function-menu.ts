/**
 * The right-click menu on a function (a flame frame, a Top or Tree row): "Sandwich", then the
 * transforms the view offers (transform-menu.ts).
 * One menu open at a time; Escape, a click elsewhere or a scroll closes it.
 */
import { element } from '../dom';

export interface FunctionMenuItem {
  readonly label: string;
  readonly testId: string;
  run(): void;
}

let openMenu: { readonly node: HTMLElement; close(): void } | undefined;

export function closeFunctionMenu(): void {
  openMenu?.close();
}

export function showFunctionMenu(name: string, clientX: number, clientY: number, items: readonly FunctionMenuItem[]): void {
  closeFunctionMenu();
  const doc = document;
  const menu = element('div', { className: 'function-menu', attrs: { role: 'menu', 'data-testid': 'function-menu', 'aria-label': name } });
  const close = (): void => {
    menu.remove();
    doc.removeEventListener('mousedown', outside, true);
    doc.removeEventListener('keydown', escape, true);
    window.removeEventListener('blur', close);
    openMenu = undefined;
  };
  const outside = (e: MouseEvent): void => {
    if (!(e.target instanceof Node) || !menu.contains(e.target)) close();
  };
  const escape = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') close();
  };
  for (const item of items) {
    const button = element('button', { text: item.label, attrs: { type: 'button', role: 'menuitem', 'data-testid': item.testId } });
    button.addEventListener('click', () => {
      close();
      item.run();
    });
    menu.append(button);
  }
  menu.style.left = `${clientX}px`;
  menu.style.top = `${clientY}px`;
  doc.body.append(menu);
  doc.addEventListener('mousedown', outside, true);
  doc.addEventListener('keydown', escape, true);
  window.addEventListener('blur', close);
  openMenu = { node: menu, close };
  menu.querySelector('button')?.focus();
}

/** The menu every view shows on a function, with `more` items after "Sandwich". */
export function sandwichMenu(name: string, clientX: number, clientY: number, openSandwich: (name: string) => void, more: readonly FunctionMenuItem[] = []): void {
  showFunctionMenu(name, clientX, clientY, [{ label: 'Sandwich', testId: 'menu-sandwich', run: () => openSandwich(name) }, ...more]);
}

/** Right-click on a row (Top, Tree) opens the function menu for `name`; `more` gives the items after "Sandwich". */
export function rowFunctionMenu(row: HTMLElement, name: string, openSandwich: (name: string) => void, more?: () => readonly FunctionMenuItem[]): void {
  row.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    sandwichMenu(name, e.clientX, e.clientY, openSandwich, more?.());
  });
}
