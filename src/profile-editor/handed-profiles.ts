/**
 * Capture bytes handed from a session to the profile editor, so a fresh capture opens from
 * memory (no read back from disk) while its sidecar and dump are still being saved beside it.
 * The session puts the bytes under the saved file's URI just before asking VS Code to open it
 * and drops them once the editor has opened; the document created for that URI takes them.
 */
import type * as vscode from 'vscode';

export interface HandedProfile {
  /** The gzipped profile, as saved; the document copies it before handing it to its worker. */
  readonly bytes: Uint8Array;
  /** The `debug=2` goroutine dump saved beside a goroutine capture, if any. */
  readonly goroutineDump?: string;
}

export class HandedProfiles {
  private readonly pending = new Map<string, HandedProfile>();

  put(uri: vscode.Uri, profile: HandedProfile): void {
    this.pending.set(uri.toString(), profile);
  }

  /** The bytes handed for `uri`, once: a later document of the same file reads the disk. */
  take(uri: vscode.Uri): HandedProfile | undefined {
    const key = uri.toString();
    const found = this.pending.get(key);
    this.pending.delete(key);
    return found;
  }

  /** Lets the bytes go if no document took them (the open failed or was refused). */
  drop(uri: vscode.Uri): void {
    this.pending.delete(uri.toString());
  }
}
