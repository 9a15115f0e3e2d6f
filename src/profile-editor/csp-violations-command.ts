/**
 * `goProfiler.cspViolations`: a command without a palette entry (not contributed in
 * package.json) that returns the per-panel CSP violation counts and logs them as one JSON line,
 * so tests in a real VS Code can read them from the command's result or from the log.
 */
import * as vscode from 'vscode';
import type { CspViolationCounter, PanelCspCount } from './csp-violations';

export const CSP_VIOLATIONS_COMMAND = 'goProfiler.cspViolations';
/** The log line's prefix; the JSON of the counts follows it. */
export const CSP_COUNTS_LOG_PREFIX = 'CSP violation counts: ';

export interface CspViolationReport {
  readonly total: number;
  readonly panels: readonly PanelCspCount[];
}

export function registerCspViolationsCommand(counter: CspViolationCounter, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CSP_VIOLATIONS_COMMAND, (): CspViolationReport => {
    const report: CspViolationReport = { total: counter.total(), panels: counter.counts() };
    log.info(`${CSP_COUNTS_LOG_PREFIX}${JSON.stringify(report)}`);
    return report;
  });
}
