// Child process for the gzip bomb test: decodes one file (with the default cap unless a cap is
// given) and prints, as
// JSON, the error it ended in, how long it took and the process's peak RSS and heap.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeProfile } from '../../src/pprof/index';
import { inflateNode } from '../../src/pprof/inflate-node';
import { inflatePako } from '../../src/pprof/inflate-pako';

export interface ProbeResult {
  readonly error: string;
  readonly ms: number;
  readonly maxRssBytes: number;
  readonly heapUsedBytes: number;
}

const [file, which, cap] = process.argv.slice(2);
if (!file || (which !== 'node' && which !== 'pako')) throw new Error('usage: inflate-probe.ts FILE node|pako [CAP_BYTES]');
const bytes = readFileSync(file);
const start = performance.now();
let error = 'no error';
try {
  decodeProfile(bytes, { source: file, inflate: which === 'node' ? inflateNode : inflatePako, ...(cap ? { maxInflatedBytes: Number(cap) } : {}) });
} catch (e) {
  error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
const result: ProbeResult = { error, ms: performance.now() - start, maxRssBytes: process.resourceUsage().maxRSS * 1024, heapUsedBytes: process.memoryUsage().heapUsed };
process.stdout.write(JSON.stringify(result) + '\n');
