/**
 * The steps of "Open from Server…": server, time range, service, profile type, label matchers.
 * The range comes before the lists because what a server offers (services, types, values)
 * depends on the time range asked. Every list comes from the server; a step left with Escape
 * ends the flow (undefined).
 */
import * as vscode from 'vscode';
import { MATCHER_OPS, quoteLabelValue, type LabelMatcher, type MatcherOp } from '../servers/label-selector';
import type { ServerProfileType } from '../servers/profile-types';
import type { ServerClient } from '../servers/server-client';
import { serverLabel } from '../servers/server-errors';
import type { ServerConfig } from '../servers/server-config';
import { SERVICE_LABEL } from '../servers/server-query';
import { parseRange, parseTime, RECENT_RANGES, type TimeRange } from '../servers/time-range';
import { buildSelector } from '../servers/label-selector';
import { SERVERS_SETTING } from './server-settings';

/** A range as the user chose it: relative ones ("last hour") move with a refresh. */
export interface RangeSpec {
  readonly from: string;
  readonly to: string;
  /** "last hour" for relative ranges; undefined for a custom one (titles then show the times). */
  readonly label?: string;
}

export function rangeOf(spec: RangeSpec, now = Date.now()): TimeRange {
  return parseRange(spec.from, spec.to, now);
}

export async function pickServer(servers: readonly ServerConfig[]): Promise<ServerConfig | undefined> {
  if (servers.length === 0) {
    const open = 'Open Settings';
    const answer = await vscode.window.showInformationMessage(
      `Go Profiler: no Pyroscope or Parca server is configured; add one to ${SERVERS_SETTING} (name, kind, url).`,
      open,
    );
    if (answer === open) await vscode.commands.executeCommand('workbench.action.openSettings', SERVERS_SETTING);
    return undefined;
  }
  if (servers.length === 1) return servers[0];
  const pick = await vscode.window.showQuickPick(
    servers.map((s) => ({ label: s.name, description: `${s.kind} · ${s.url}${s.tenant ? ` · tenant ${s.tenant}` : ''}`, server: s })),
    { title: 'Open from Server', placeHolder: 'Pick a server', ignoreFocusOut: true },
  );
  return pick?.server;
}

export async function pickRange(title: string): Promise<RangeSpec | undefined> {
  const custom = 'Custom range…';
  const pick = await vscode.window.showQuickPick([...RECENT_RANGES.map((r) => ({ label: r.label, from: r.from })), { label: custom, from: '' }], {
    title,
    placeHolder: 'Time range',
    ignoreFocusOut: true,
  });
  if (!pick) return undefined;
  if (pick.label !== custom) return { from: pick.from, to: 'now', label: pick.label.toLowerCase() };
  const validate = (text: string) => {
    try {
      parseTime(text, Date.now());
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  const prompt = 'A time: 2026-12-01T10:00:00Z, or relative: -2h, now';
  const from = await vscode.window.showInputBox({ title, prompt: `From. ${prompt}`, value: '-2h', validateInput: validate, ignoreFocusOut: true });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title,
    prompt: `To. ${prompt}`,
    value: 'now',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const problem = validate(text);
      if (problem) return problem;
      try {
        parseRange(from, text, Date.now());
        return undefined;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    },
  });
  return to === undefined ? undefined : { from, to };
}

/*
 * Every step of Open from Server keeps its picker open when focus moves (a notification, the
 * explorer): between steps the server is asked, and a flow that vanished halfway would make the
 * user start over. Escape still cancels.
 */

/** A value from `values`, or one typed in (a service the list does not show yet). */
export async function pickValue(values: readonly string[], title: string, placeHolder: string): Promise<string | undefined> {
  const box = vscode.window.createQuickPick();
  box.title = title;
  box.placeholder = placeHolder;
  box.ignoreFocusOut = true;
  box.items = values.map((v) => ({ label: v }));
  return new Promise<string | undefined>((resolve) => {
    box.onDidAccept(() => {
      resolve(box.selectedItems[0]?.label ?? (box.value.trim() || undefined));
      box.hide();
    });
    box.onDidHide(() => {
      resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}

export async function pickType(types: readonly ServerProfileType[], server: ServerConfig, title: string): Promise<ServerProfileType | undefined> {
  if (types.length === 0) {
    void vscode.window.showWarningMessage(`Go Profiler: ${serverLabel(server)} has no profile types in that range.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    types.map((t) => ({ label: t.label, description: t.id, type: t })),
    { title, placeHolder: 'Profile type', ignoreFocusOut: true },
  );
  return pick?.type;
}

const OPEN = '$(flame) Open the merged profile';

/**
 * Label matchers beyond the service, one at a time: a label (names from the server), then a
 * value (from the server, under the matchers so far) or a regular expression. "Open" ends.
 */
export async function pickMatchers(
  client: ServerClient,
  first: readonly LabelMatcher[],
  range: TimeRange,
  title: string,
): Promise<LabelMatcher[] | undefined> {
  let matchers = [...first];
  for (;;) {
    const selector = buildSelector(matchers);
    const names = (await client.labelNames(selector, range)).filter((n) => n !== SERVICE_LABEL && !matchers.some((m) => m.name === n));
    const pick = await vscode.window.showQuickPick(
      [{ label: OPEN, description: selector }, ...names.map((n) => ({ label: n, description: 'add a matcher on this label' }))],
      { title, placeHolder: 'Narrow by a label (region, version, pod…), or open', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    if (pick.label === OPEN) return matchers;
    const name = pick.label;
    const values = await client.labelValues(name, selector, range);
    const regex = '$(regex) Match a regular expression…';
    const valuePick = await vscode.window.showQuickPick(
      [...values.map((v) => ({ label: v, description: `${name}=${quoteLabelValue(v)}` })), { label: regex, description: `${name}=~"…"` }],
      { title, placeHolder: `Value of ${name}`, ignoreFocusOut: true },
    );
    if (!valuePick) continue;
    let op: MatcherOp = '=';
    let value = valuePick.label;
    if (valuePick.label === regex) {
      const typed = await vscode.window.showInputBox({ title, prompt: `Regular expression (RE2) the whole ${name} value must match`, ignoreFocusOut: true });
      if (!typed) continue;
      op = MATCHER_OPS[2];
      value = typed;
    }
    matchers = [...matchers, { name, op, value }];
  }
}
