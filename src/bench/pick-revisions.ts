/** The quick picks of a benchmark comparison: the base revision, then the head (working tree by default). */
import * as vscode from 'vscode';
import { listBranches } from '../capture/git-worktree';

export interface RevisionPick {
  /** A git revision, or undefined for the working tree as it is. */
  readonly rev: string | undefined;
}

interface Item extends vscode.QuickPickItem {
  readonly rev?: string;
  readonly ask?: true;
}

async function pick(title: string, first: readonly Item[], repo: string): Promise<RevisionPick | undefined> {
  const branches = await listBranches(repo).catch(() => []);
  const items: Item[] = [
    ...first,
    { label: 'HEAD', description: 'the last commit', rev: 'HEAD' },
    { label: 'A commit or tag…', description: 'type a revision (e.g. HEAD~3, v1.2.0, a1b2c3d)', ask: true },
    ...branches.map((b) => ({ label: b, description: 'branch', rev: b })),
  ];
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a revision' });
  if (!chosen) return undefined;
  if (!chosen.ask) return { rev: chosen.rev };
  const typed = await vscode.window.showInputBox({ title, prompt: 'A git revision: commit, tag, branch or HEAD~N', validateInput: (v) => (v.trim() === '' ? 'Type a revision' : undefined) });
  return typed === undefined ? undefined : { rev: typed.trim() };
}

/** Base then head; undefined when the user cancels either. */
export async function pickRevisions(repo: string, what: string): Promise<{ base: string; head: string | undefined } | undefined> {
  const base = await pick(`Compare ${what}: base (the "before")`, [], repo);
  if (base?.rev === undefined) return undefined;
  const head = await pick(`Compare ${what} with ${base.rev}: head (the "after")`, [{ label: 'Working tree', description: 'your files as they are now (default)' }], repo);
  return head ? { base: base.rev, head: head.rev } : undefined;
}
