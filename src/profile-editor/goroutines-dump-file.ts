/** Reads the `debug=2` goroutine dump the store saves beside a goroutine capture (`<stem>.txt`). */
import * as vscode from 'vscode';
import { readBytes } from './regular-file';

/** Dumps larger than this are not read (the view falls back to the profile's samples). */
const MAX_DUMP_BYTES = 64 * 1024 * 1024;
const PROFILE_SUFFIXES = ['.pb.gz', '.pprof', '.pb', '.gz', '.prof'];

/** The text beside `profile`, when it is a debug=2 goroutine dump; undefined otherwise. */
export async function readGoroutineDump(profile: vscode.Uri): Promise<string | undefined> {
  const name = profile.path.slice(profile.path.lastIndexOf('/') + 1);
  const suffix = PROFILE_SUFFIXES.find((s) => name.endsWith(s));
  if (!suffix) return undefined;
  const dir = profile.path.slice(0, profile.path.lastIndexOf('/') + 1);
  const uri = profile.with({ path: `${dir}${name.slice(0, -suffix.length)}.txt` });
  try {
    const text = new TextDecoder().decode(await readBytes(uri, MAX_DUMP_BYTES));
    return /^goroutine \d+/.test(text.trimStart()) ? text : undefined;
  } catch {
    return undefined;
  }
}

