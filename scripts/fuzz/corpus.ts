/** The real profiles the fuzzer mutates: the Go fixtures, the committed test profiles and the examples. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { listFixtureProfiles, repoRoot } from '../../test/support/go-fixtures';
import type { CorpusEntry } from './generate';

function entry(name: string, file: Uint8Array): CorpusEntry {
  const gzipped = file[0] === 0x1f && file[1] === 0x8b;
  const raw = new Uint8Array(gzipped ? gunzipSync(file) : file);
  return { name, raw, gz: gzipped ? file : new Uint8Array(gzipSync(raw)) };
}

/** Every Go fixture, test/fixtures/profiles/*.pb.gz and examples/profiles/*.pb.gz. */
export async function loadCorpus(): Promise<CorpusEntry[]> {
  const out: CorpusEntry[] = [];
  for (const { name, path } of await listFixtureProfiles()) out.push(entry(name, new Uint8Array(await readFile(path))));
  const examples = join(repoRoot, 'examples', 'profiles');
  for (const name of (await readdir(examples)).filter((n) => n.endsWith('.pb.gz')).sort()) {
    out.push(entry(`examples/${name}`, new Uint8Array(await readFile(join(examples, name)))));
  }
  return out;
}
