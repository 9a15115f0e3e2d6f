/**
 * The comparisons of a server profile, shown by the existing diff views (the profile editor's
 * Compare with…): the same query over the previous period, the same query with another value
 * of a label (version=v2 against v1), or a local capture.
 */
import * as vscode from 'vscode';
import { withMatcher } from '../servers/label-selector';
import { SERVICE_LABEL, queryFromMatchers, shiftedBack } from '../servers/server-query';
import { COMPARE_WITH_COMMAND } from '../profile-editor/profile-commands';
import { compareWithBase } from './open-from-server';
import { pickValue } from './server-pickers';
import type { OpenedServerProfile, ServerProfiles } from './server-profiles';

export async function comparePreviousPeriod(profiles: ServerProfiles, current: OpenedServerProfile): Promise<void> {
  const previous = shiftedBack(current.query);
  const base = await profiles.pull(previous, { from: String(previous.range.fromMs), to: String(previous.range.toMs) });
  await compareWithBase(profiles, current, base, COMPARE_WITH_COMMAND);
}

export async function compareLabelValue(profiles: ServerProfiles, current: OpenedServerProfile): Promise<void> {
  const { query } = current;
  const matchers = query.matchers ?? [];
  const title = `Compare ${current.title} with another label value`;
  const range = query.range;
  const names = await profiles.withServer(query.server, async (client) => (await client.labelNames(query.selector, range)).filter((n) => n !== SERVICE_LABEL));
  if (!names) return;
  const name = await pickValue(names, title, 'Label whose value the base has instead (version, region, pod…)');
  if (!name) return;
  const others = matchers.filter((m) => m.name !== name);
  const values = await profiles.withServer(query.server, async (client) => client.labelValues(name, queryFromMatchers(query, others).selector, range));
  if (!values) return;
  const currentValue = matchers.find((m) => m.name === name && m.op === '=')?.value;
  const value = await pickValue(values.filter((v) => v !== currentValue), title, `Base: ${name}=`);
  if (!value) return;
  const baseQuery = queryFromMatchers(query, withMatcher(others, { name, op: '=', value }));
  const base = await profiles.pull(baseQuery, current.spec.label ? current.spec : { from: String(range.fromMs), to: String(range.toMs) });
  await compareWithBase(profiles, current, base, COMPARE_WITH_COMMAND);
}

/** The profile editor's own Compare with… (its picker of local profiles) on the server profile. */
export async function compareLocalCapture(profiles: ServerProfiles, current: OpenedServerProfile): Promise<void> {
  await profiles.open(current);
  await vscode.commands.executeCommand(COMPARE_WITH_COMMAND);
}
