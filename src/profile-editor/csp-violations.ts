/**
 * Per-panel counts of the Content-Security-Policy violations profile webviews report. Kept for
 * closed panels too, so a test (or a user chasing a problem) can read them after the fact.
 * No vscode import: the host wires it to panels, the log and a hidden command.
 */
import type { CspViolationMessage } from '../shared/protocol';

export interface PanelCspCount {
  /** 1, 2, … in the order panels opened in this window. */
  readonly panel: number;
  /** Base name of the profile file the panel shows. */
  readonly profile: string;
  readonly open: boolean;
  readonly violations: number;
  /** The latest violation, as logged; absent while there was none. */
  readonly last?: string;
}

interface PanelEntry {
  panel: number;
  profile: string;
  open: boolean;
  violations: number;
  last?: string;
}

/** One line for the log: control characters and line breaks shown as spaces, nothing executes in a log but it must stay one line. */
export function describeViolation(profile: string, panel: number, v: CspViolationMessage): string {
  const flat = (s: string): string => s.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
  const sample = v.sample ? ` (${JSON.stringify(flat(v.sample))})` : '';
  return `CSP violation in ${flat(profile)} (panel ${panel}): ${flat(v.directive)} blocked ${flat(v.blockedUri) || 'a resource'}${sample}`;
}

/** One panel's count: `record` adds one violation and returns its log line. */
export interface PanelCspTrack {
  record(v: CspViolationMessage): string;
  close(): void;
}

/** The window's counts: every profile panel reports to the one the profile editors hold. */
export class CspViolationCounter {
  private readonly panels: PanelEntry[] = [];

  /** Starts counting for a new panel. */
  track(profile: string): PanelCspTrack {
    const entry: PanelEntry = { panel: this.panels.length + 1, profile, open: true, violations: 0 };
    this.panels.push(entry);
    return {
      record: (v) => {
        entry.violations += 1;
        entry.last = describeViolation(entry.profile, entry.panel, v);
        return entry.last;
      },
      close: () => {
        entry.open = false;
      },
    };
  }

  counts(): PanelCspCount[] {
    return this.panels.map((e) => ({ panel: e.panel, profile: e.profile, open: e.open, violations: e.violations, ...(e.last !== undefined ? { last: e.last } : {}) }));
  }

  total(): number {
    return this.panels.reduce((sum, e) => sum + e.violations, 0);
  }
}
