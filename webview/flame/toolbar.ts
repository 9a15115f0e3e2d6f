import { button, el } from './dom';
import type { Orientation } from './orientation';

export interface ToolbarActions {
  back(): void;
  forward(): void;
  toggleOrientation(): void;
  search(text: string): void;
  next(): void;
  previous(): void;
  /** Absent: no capture buttons. */
  capture: ((format: 'png' | 'svg') => void) | undefined;
  searchBox: boolean;
}

/** The orientation button names the mode drawn; its tooltip says what a click does. */
const ORIENTATION_TEXT: Record<Orientation, { readonly label: string; readonly title: string }> = {
  icicle: { label: 'Icicle', title: 'Icicle (root on top) — click for flame (root at the bottom)' },
  flame: { label: 'Flame', title: 'Flame (root at the bottom) — click for icicle (root on top)' },
};

/**
 * Back/forward, orientation, search with next/previous and its share, image capture. Without
 * its own search box (inside the profile editor, whose toolbar searches every view) it shows
 * no search status either: the editor's toolbar shows it once.
 */
export class FlameToolbar {
  readonly element: HTMLDivElement;
  private readonly backButton: HTMLButtonElement;
  private readonly forwardButton: HTMLButtonElement;
  private readonly orientationButton: HTMLButtonElement;
  private readonly input: HTMLInputElement;
  private readonly previousButton: HTMLButtonElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly status: HTMLSpanElement | undefined;

  constructor(doc: Document, actions: ToolbarActions) {
    this.element = el(doc, 'div', 'gp-flame-toolbar');
    this.element.setAttribute('role', 'toolbar');
    this.backButton = button(doc, '←', 'Back (Alt+Left)', actions.back);
    this.forwardButton = button(doc, '→', 'Forward (Alt+Right)', actions.forward);
    this.orientationButton = button(doc, ORIENTATION_TEXT.icicle.label, ORIENTATION_TEXT.icicle.title, actions.toggleOrientation);
    this.orientationButton.dataset.testid = 'flame-orientation';
    this.input = el(doc, 'input');
    this.input.type = 'search';
    this.input.placeholder = 'Search functions (regex)';
    this.input.setAttribute('aria-label', 'Search functions by regular expression');
    this.input.addEventListener('input', () => actions.search(this.input.value));
    this.previousButton = button(doc, '↑', 'Previous match (Shift+Enter)', actions.previous);
    this.nextButton = button(doc, '↓', 'Next match (Enter)', actions.next);
    this.element.append(this.backButton, this.forwardButton, this.orientationButton);
    if (actions.searchBox) {
      this.status = el(doc, 'span', 'gp-flame-status');
      this.status.setAttribute('aria-live', 'polite');
      this.element.append(this.input, this.previousButton, this.nextButton, this.status);
    } else {
      this.element.append(this.previousButton, this.nextButton);
    }
    this.element.append(el(doc, 'span', 'gp-flame-spacer'));
    const capture = actions.capture;
    if (capture) {
      this.element.append(
        button(doc, 'PNG', 'Capture image as PNG', () => capture('png')),
        button(doc, 'SVG', 'Capture image as SVG', () => capture('svg')),
      );
    }
    this.setSearchNavigation(false);
  }

  setHistory(canGoBack: boolean, canGoForward: boolean): void {
    this.backButton.disabled = !canGoBack;
    this.forwardButton.disabled = !canGoForward;
  }

  setOrientation(orientation: Orientation): void {
    const text = ORIENTATION_TEXT[orientation];
    this.orientationButton.textContent = text.label;
    this.orientationButton.title = text.title;
    this.orientationButton.setAttribute('aria-label', text.title);
  }

  setSearchNavigation(enabled: boolean): void {
    this.previousButton.disabled = !enabled;
    this.nextButton.disabled = !enabled;
  }

  setSearchValid(valid: boolean): void {
    this.input.classList.toggle('gp-invalid', !valid);
    this.input.setAttribute('aria-invalid', String(!valid));
  }

  setSearchText(text: string): void {
    this.input.value = text;
  }

  setStatus(text: string): void {
    if (this.status) this.status.textContent = text;
    if (text === '') this.setSearchNavigation(false);
  }
}
