/**
 * The memory map that follows the samples of a legacy profile (/proc/self/maps lines, or the
 * short "start-end file (@offset) buildid" form), and how pprof ties locations to it: split
 * regions of one file merged, the main binary moved first, a main binary mapped at
 * 0x400000 + offset moved back to 0x400000, and an address outside every region given one
 * catch-all mapping without a file.
 */

export interface LegacyMapping {
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
}

const HEX = '[0-9a-fA-F]+';
const RANGE = `^\\s*(?:0x)?(${HEX})[\\s-]?\\s*(?:0x)?(${HEX}):?`;
const PERM = '(?:\\s+([-rwxp]+))?';
const PROC_MAPS = new RegExp(`${RANGE}${PERM}(?:\\s+(${HEX}))?\\s+${HEX}:${HEX}\\s+\\d+(?:\\s+(\\S+))?`);
const BRIEF_MAPS = new RegExp(`${RANGE}${PERM}(?:\\s+(\\S+))?(?:\\s+\\(@(${HEX})\\))?(?:\\s+(${HEX}))?`);
/** A glog prefix ("I0102 10:11:12.000 file.cc:12] "), dropped before a line is read. */
const LOG_PREFIX = /^[^[\]]+:[0-9]+]\s/;
const SHARED_LIBRARY = /([.]so$|[.]so[._][0-9]+)/;

/** The executable regions of a memory map text, in order; other lines are skipped. */
export function parseMemoryMap(text: string): LegacyMapping[] {
  const out: LegacyMapping[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(LOG_PREFIX, '');
    let m = PROC_MAPS.exec(line);
    let start, end, perm, offset, file, buildId;
    if (m) [, start, end, perm, offset, file] = m;
    else if ((m = BRIEF_MAPS.exec(line))) [, start, end, perm, file, offset, buildId] = m;
    else continue;
    if (perm !== undefined && perm !== '' && !perm.includes('x')) continue;
    out.push({ start: BigInt(`0x${start!}`), limit: BigInt(`0x${end!}`), offset: offset ? BigInt(`0x${offset}`) : 0n, file: file ?? '', buildId: buildId ?? '' });
  }
  return mergeAndOrder(out);
}

function adjacent(a: LegacyMapping, b: LegacyMapping): boolean {
  if (a.file !== '' && b.file !== '' && a.file !== b.file) return false;
  if (a.buildId !== '' && b.buildId !== '' && a.buildId !== b.buildId) return false;
  if (a.limit !== b.start) return false;
  return a.offset === 0n || b.offset === 0n || a.offset + (a.limit - a.start) === b.offset;
}

function mergeAndOrder(list: LegacyMapping[]): LegacyMapping[] {
  const merged: LegacyMapping[] = [];
  for (const m of list) {
    const last = merged[merged.length - 1];
    if (last && adjacent(last, m)) {
      last.limit = m.limit;
      if (m.file !== '') last.file = m.file;
      if (m.buildId !== '') last.buildId = m.buildId;
    } else merged.push(m);
  }
  // The first named region that is not a shared library nor "[vdso]"-like is the main binary.
  const main = merged.findIndex((m) => {
    const file = m.file.replaceAll('(deleted)', '').trim();
    return file !== '' && !SHARED_LIBRARY.test(file) && file[0] !== '[';
  });
  if (main > 0) [merged[0], merged[main]] = [merged[main]!, merged[0]!];
  if (merged[0]?.file.startsWith('/anon_hugepage') && merged.length > 1 && merged[0].limit === merged[1]!.start) merged.shift();
  const first = merged[0];
  if (first && first.start - first.offset === 0x400000n) {
    first.start = 0x400000n;
    first.offset = 0n;
  }
  return merged;
}

/**
 * The index in `mappings` of the region of `address` (0 for none); may widen a region whose
 * first part the map left out, or append the catch-all region, as pprof does.
 */
export function mappingOf(address: bigint, mappings: LegacyMapping[]): number {
  if (address === 0n) return -1;
  const i = mappings.findIndex((m) => m.start <= address && address < m.limit);
  if (i >= 0) return i;
  const j = mappings.findIndex((m) => m.offset !== 0n && m.start - m.offset <= address && address < m.start);
  if (j >= 0) {
    mappings[j]!.start -= mappings[j]!.offset;
    mappings[j]!.offset = 0n;
    return j;
  }
  let fake = mappings.findIndex((m) => m.file === '' && m.start === 0n && m.limit === 0xffffffffffffffffn);
  if (fake < 0) {
    fake = mappings.length;
    mappings.push({ start: 0n, limit: 0xffffffffffffffffn, offset: 0n, file: '', buildId: '' });
  }
  return fake;
}
