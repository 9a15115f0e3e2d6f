/**
 * The quick picks of a benchmark comparison: the base (a revision, or the last saved
 * comparison's head), then the head (the working tree by default).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { listBranches } from '../capture/git-worktree';

export interface RevisionPick {
  /** A git revision, or undefined for the working tree as it is. */
  readonly rev: string | undefined;
  /** The saved comparison summary picked as the base. */
  readonly saved?: string;
}

interface Item extends vscode.QuickPickItem {
  readonly rev?: string;
  readonly saved?: string;
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
  if (chosen.saved !== undefined) return { rev: undefined, saved: chosen.saved };
  if (!chosen.ask) return { rev: chosen.rev };
  const typed = await vscode.window.showInputBox({ title, prompt: 'A git revision: commit, tag, branch or HEAD~N', validateInput: (v) => (v.trim() === '' ? 'Type a revision' : undefined) });
  return typed === undefined ? undefined : { rev: typed.trim() };
}

/** Base then head; undefined when the user cancels either. `lastSaved`: the newest saved comparison summary. */
export async function pickRevisions(
  repo: string,
  what: string,
  lastSaved: string | undefined,
): Promise<{ base: string | { saved: string }; head: string | undefined } | undefined> {
  const savedItem: Item[] = lastSaved ? [{ label: 'Last saved run', description: `the head of ${basename(lastSaved)} (not run again)`, saved: lastSaved }] : [];
  const picked = await pick(`Compare ${what}: base (the "before")`, savedItem, repo);
  const base = picked?.saved !== undefined ? { saved: picked.saved } : picked?.rev;
  if (base === undefined) return undefined;
  const shown = typeof base === 'string' ? base : 'the last saved run';
  const head = await pick(`Compare ${what} with ${shown}: head (the "after")`, [{ label: 'Working tree', description: 'your files as they are now (default)' }], repo);
  return head ? { base, head: head.rev } : undefined;
}
