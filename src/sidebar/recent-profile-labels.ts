/** Label and description of a Recent Profiles row. Pure (no vscode). */
import { basename } from 'node:path';
import type { ListedProfile } from '../store/profile-store';

/**
 * "cpu · hotspots" and "TestX · Nov 22, 12:04:31"; the file name without a sidecar. A go test
 * capture's program is already "<package>.<test>", so its test name is not repeated.
 */
export function recentProfileLabels(listed: ListedProfile): { label: string; description: string } {
  const when = listed.modified.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const s = listed.sidecar;
  if (!s) return { label: basename(listed.profilePath), description: when };
  const test = s.capture.test;
  const named = test !== undefined && (s.program === test || s.program.endsWith(`.${test}`));
  return { label: `${s.capture.kind} · ${s.program}`, description: [named ? undefined : test, when].filter(Boolean).join(' · ') };
}
