/** The page's whole-body states other than a profile: decoding, waiting for a capture, not a profile. */
import { element } from './dom';

export function loadingBlock(fileName: string): HTMLElement {
  return element('div', { className: 'loading' }, [element('vscode-progress-ring'), element('span', { text: `Decoding ${fileName}…` })]);
}

/** The capture panel before a session's first capture (the host's words, shown as text). */
export function waitingBlock(title: string, detail: string): HTMLElement {
  return element('div', { className: 'empty-state', attrs: { 'data-testid': 'capture-waiting' } }, [
    element('p', { className: 'empty-title', text: title }),
    element('p', { text: detail }),
  ]);
}

export function errorBlock(message: string): HTMLElement {
  return element('div', { className: 'error', attrs: { role: 'alert' } }, [
    element('p', { className: 'error-title', text: 'This file could not be opened as a Go profile.' }),
    element('p', { className: 'error-message', text: message, attrs: { 'data-testid': 'profile-error' } }),
  ]);
}
