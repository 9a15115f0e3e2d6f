/**
 * Crasher files: test/fixtures/crashers/<name>.bin holds the exact bytes given to the decoder;
 * <name>.json beside it says how it was found (seed, index, mutation, inflater, the failure).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../test/support/go-fixtures';
import type { InflaterName } from './generate';
import type { CrashReport } from './messages';

export const crashersDir = join(repoRoot, 'test', 'fixtures', 'crashers');

export interface CrasherNote {
  readonly seed: number;
  readonly index: number;
  readonly description: string;
  readonly inflater: InflaterName;
  readonly failure: string;
  readonly replay: string;
}

export async function writeCrasher(seed: number, report: CrashReport, dir = crashersDir): Promise<string> {
  await mkdir(dir, { recursive: true });
  const name = `seed${seed}-input${report.index}`;
  const note: CrasherNote = {
    seed,
    index: report.index,
    description: report.description,
    inflater: report.inflater,
    failure: report.detail.split('\n').slice(0, 8).join('\n'),
    replay: `npm run fuzz -- --seed ${seed} --from ${report.index} --count 1 --no-giant`,
  };
  await writeFile(join(dir, `${name}.bin`), report.bytes);
  await writeFile(join(dir, `${name}.json`), JSON.stringify(note, null, 2) + '\n');
  return join(dir, `${name}.bin`);
}

export interface Crasher {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly inflater: InflaterName | undefined;
}

/** Every .bin in the folder, with the inflater from its note when there is one. */
export async function readCrashers(dir = crashersDir): Promise<Crasher[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.bin')).sort();
  const out: Crasher[] = [];
  for (const name of names) {
    const bytes = new Uint8Array(await readFile(join(dir, name)));
    let inflater: InflaterName | undefined;
    try {
      const note = JSON.parse(await readFile(join(dir, name.replace(/\.bin$/, '.json')), 'utf8')) as Partial<CrasherNote>;
      if (note.inflater === 'node' || note.inflater === 'pako') inflater = note.inflater;
    } catch {
      inflater = undefined;
    }
    out.push({ name, bytes, inflater });
  }
  return out;
}
