/**
 * A real pprof file whose function and file names are HTML/JS injection attempts, encoded
 * with protobufjs from proto/profile.proto; `go tool pprof` reads it like any profile.
 */
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { encodeWithProtobufjs } from '../support/protobuf-reference';

export const HOSTILE = {
  leafA: { name: '<img src=x onerror=alert(1)>', file: '</script><script>alert(2)</script>.go', line: 7 },
  leafB: { name: 'javascript:alert(3)', file: '<img src=x onerror=alert(4)>.go', line: 11 },
  root: { name: 'main.</script><b>bold</b>', file: 'javascript:alert(5)//main.go', line: 3 },
} as const;

/** Stacks (leaf first) and values: A<-root 30, B<-root 20, root alone 10. */
export function writeHostileProfile(path: string): void {
  const strings = ['', 'cpu', 'nanoseconds'];
  const str = (s: string): number => {
    const i = strings.indexOf(s);
    if (i >= 0) return i;
    strings.push(s);
    return strings.length - 1;
  };
  const frames = [HOSTILE.leafA, HOSTILE.leafB, HOSTILE.root];
  const fn = frames.map((f, i) => ({ id: i + 1, name: str(f.name), systemName: str(f.name), filename: str(f.file), startLine: f.line }));
  const location = frames.map((f, i) => ({ id: i + 1, line: [{ functionId: i + 1, line: f.line }] }));
  const bytes = encodeWithProtobufjs({
    sampleType: [{ type: 1, unit: 2 }],
    periodType: { type: 1, unit: 2 },
    period: 10000000,
    sample: [
      { locationId: [1, 3], value: [30000000], label: [] },
      { locationId: [2, 3], value: [20000000], label: [] },
      { locationId: [3], value: [10000000], label: [] },
    ],
    location: location as never,
    function: fn,
    stringTable: strings,
  });
  writeFileSync(path, gzipSync(bytes));
}
