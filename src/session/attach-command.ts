/** "Attach to pprof Endpoint…": ask for a URL (recent ones offered), check it answers, add a session. */
import * as vscode from 'vscode';
import { AttachClient, pprofBaseUrl } from '../capture/attach-client';
import { attachSession } from './attach-session';
import { readHistory, rememberUrl } from './attach-history';
import type { SessionRegistry } from './session-registry';

const HISTORY_KEY = 'goProfiler.attachHistory';
const PROBE_TIMEOUT_MS = 5000;

function validate(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the base URL of a service serving net/http/pprof, e.g. http://127.0.0.1:6060';
  try {
    pprofBaseUrl(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function askUrl(history: readonly string[]): Promise<string | undefined> {
  const fresh = '$(add) Enter a URL…';
  if (history.length > 0) {
    const pick = await vscode.window.showQuickPick([...history, fresh], { title: 'Attach to pprof Endpoint', placeHolder: 'A recent endpoint, or a new one' });
    if (pick === undefined) return undefined;
    if (pick !== fresh) return pick;
  }
  return vscode.window.showInputBox({
    title: 'Attach to pprof Endpoint',
    prompt: 'Base URL of a service serving net/http/pprof',
    placeHolder: 'http://127.0.0.1:6060/debug/pprof/',
    validateInput: validate,
    ignoreFocusOut: true,
  });
}

/** Reachability check on the pprof index; the error names the URL and the reason. */
async function probe(baseUrl: string): Promise<string | undefined> {
  try {
    const res = await fetch(baseUrl, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.arrayBuffer();
    return res.ok ? undefined : `${baseUrl} answered HTTP ${res.status}; is net/http/pprof registered there?`;
  } catch (e) {
    if (e instanceof Error && e.name === 'TimeoutError') return `${baseUrl} did not answer within ${PROBE_TIMEOUT_MS / 1000} s`;
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
    return `cannot reach ${baseUrl}: ${cause}`;
  }
}

/** Returns the new session's id; `url` skips the prompt (tests, scripts). */
export async function attachToEndpoint(registry: SessionRegistry, memento: vscode.Memento, url?: string): Promise<string | undefined> {
  const input = url ?? (await askUrl(readHistory(memento.get(HISTORY_KEY))));
  if (input === undefined) return undefined;
  const invalid = validate(input);
  if (invalid) {
    void vscode.window.showErrorMessage(`Go Profiler: ${invalid}`);
    return undefined;
  }
  const client = new AttachClient(input);
  const problem = await probe(client.baseUrl);
  if (problem) {
    void vscode.window.showErrorMessage(`Go Profiler: ${problem}`);
    return undefined;
  }
  await memento.update(HISTORY_KEY, rememberUrl(readHistory(memento.get(HISTORY_KEY)), input.trim()));
  const session = attachSession(client);
  registry.add(session);
  void vscode.commands.executeCommand('goProfiler.sessions.focus');
  return session.id;
}
