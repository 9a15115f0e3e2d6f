/**
 * The markdown tooltip of a Recent Profiles row. File names, program names, the sidecar's
 * problem and the path come from files anyone can write (an imported profile, its sidecar), so
 * each goes through markdownText: shown literally, never as markdown, HTML or a link.
 */
import { basename } from 'node:path';
import type { ListedProfile } from '../store/profile-store';
import { markdownText } from '../hints/markdown-text';

export function recentProfileTooltip(listed: ListedProfile): string {
  const t = markdownText;
  const s = listed.sidecar;
  return [
    `**${t(basename(listed.profilePath))}**`,
    s ? `${t(s.capture.kind)} of ${t(s.program)} (${t(s.capture.source)})` : t(listed.sidecarProblem ?? 'no sidecar'),
    s?.goVersion ? `Go ${t(s.goVersion)}` : '',
    t(listed.profilePath),
  ]
    .filter(Boolean)
    .join('\n\n');
}
