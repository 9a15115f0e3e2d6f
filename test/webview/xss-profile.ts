/**
 * Real pprof files whose strings are HTML/JS injection attempts, encoded with protobufjs from
 * proto/profile.proto; `go tool pprof` reads them like any profile.
 *
 * `writeHostileProfile`: three frames (HTML, script, javascript: URLs in function and file names).
 * `writeEveryStringHostileProfile`: those plus a name and file with bidi control characters, a
 * 100 KB function name and file name, and hostile sample type, comments and label strings.
 */
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { encodeWithProtobufjs, type RefLabel } from '../support/protobuf-reference';

export const HOSTILE = {
  leafA: { name: '<img src=x onerror=alert(1)>', file: '</script><script>alert(2)</script>.go', line: 7 },
  leafB: { name: 'javascript:alert(3)', file: '<img src=x onerror=alert(4)>.go', line: 11 },
  root: { name: 'main.</script><b>bold</b>', file: 'javascript:alert(5)//main.go', line: 3 },
} as const;

/** About 100 KB: repeated markup, so a single unescaped sink would create thousands of elements. */
const HUGE_NAME = `main.huge${'<img src=x onerror=alert(6)>'.repeat(3700)}`;
const HUGE_FILE = `javascript:alert(7)//${'<b>'.repeat(33_400)}.go`;

/** Right-to-left override, pop, isolates and marks: what makes "txt.exe" display as "exe.txt". */
export const BIDI = '\u202E\u2066\u2067\u2068\u2069\u202A\u202B\u202C\u202D\u200E\u200F\u061C';

export const HOSTILE_EXTRA = {
  bidi: { name: `main.\u202Egnp.exe\u202C\u2066iso\u2069\u200F.Run${BIDI}`, file: `cmd/\u202Eog.txt\u202C${BIDI}.go`, line: 13 },
  huge: { name: HUGE_NAME, file: HUGE_FILE, line: 17 },
} as const;

/** Every frame of the every-string profile, root last. */
export const HOSTILE_FRAMES = [HOSTILE.leafA, HOSTILE.leafB, HOSTILE_EXTRA.bidi, HOSTILE_EXTRA.huge, HOSTILE.root] as const;

/** Strings the every-string profile carries besides function and file names. */
export const HOSTILE_META = {
  sampleType: '<img src=x onerror=alert(8)>samples',
  comments: ['<script>alert(9)</script>', `javascript:alert(10) ${BIDI}`],
  labelKey: '<b>key</b>',
  labelValue: 'javascript:alert(11)<img src=x onerror=alert(12)>',
} as const;

interface Frame {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

function write(path: string, frames: readonly Frame[], stacks: readonly { frames: readonly number[]; value: number }[], everyString: boolean, kind: 'cpu' | 'goroutine' = 'cpu'): void {
  const strings = kind === 'cpu' ? ['', 'cpu', 'nanoseconds'] : ['', 'goroutine', 'count'];
  const str = (s: string): number => {
    const i = strings.indexOf(s);
    if (i >= 0) return i;
    strings.push(s);
    return strings.length - 1;
  };
  const fn = frames.map((f, i) => ({ id: i + 1, name: str(f.name), systemName: str(f.name), filename: str(f.file), startLine: f.line }));
  const location = frames.map((f, i) => ({ id: i + 1, line: [{ functionId: i + 1, line: f.line }] }));
  const label: RefLabel[] = everyString ? [{ key: str(HOSTILE_META.labelKey), str: str(HOSTILE_META.labelValue), num: 0, numUnit: 0 }] : [];
  // The hostile sample type comes first; cpu (or goroutine) stays last, so it is the default one.
  const sampleType = everyString ? [{ type: str(HOSTILE_META.sampleType), unit: str('count') }, { type: 1, unit: 2 }] : [{ type: 1, unit: 2 }];
  const bytes = encodeWithProtobufjs({
    sampleType,
    periodType: { type: 1, unit: 2 },
    period: kind === 'cpu' ? 10000000 : 1,
    sample: stacks.map((s) => ({
      locationId: s.frames.map((f) => f + 1),
      value: kind === 'goroutine' ? [s.value / 50000000, s.value / 50000000] : everyString ? [s.value / 10000000, s.value] : [s.value],
      label,
    })),
    location: location as never,
    function: fn,
    comment: everyString ? HOSTILE_META.comments.map(str) : [],
    stringTable: strings,
  });
  writeFileSync(path, gzipSync(bytes));
}

/** Stacks (leaf first) and values: A<-root 30, B<-root 20, root alone 10. */
export function writeHostileProfile(path: string): void {
  const frames = [HOSTILE.leafA, HOSTILE.leafB, HOSTILE.root];
  write(path, frames, [
    { frames: [0, 2], value: 30000000 },
    { frames: [1, 2], value: 20000000 },
    { frames: [2], value: 10000000 },
  ], false);
}

/**
 * Stacks (leaf first): A<-root 30, B<-root 20, bidi<-root 15, huge<-root 5, root alone 10 (×10 ms;
 * as a goroutine profile 6, 4, 3, 1 and 2 goroutines).
 */
export function writeEveryStringHostileProfile(path: string, kind: 'cpu' | 'goroutine' = 'cpu'): void {
  write(path, HOSTILE_FRAMES, [
    { frames: [0, 4], value: 300000000 },
    { frames: [1, 4], value: 200000000 },
    { frames: [2, 4], value: 150000000 },
    { frames: [3, 4], value: 50000000 },
    { frames: [4], value: 100000000 },
  ], true, kind);
}
