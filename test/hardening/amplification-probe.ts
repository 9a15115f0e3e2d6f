// Child process for the inline amplification test: opens one file in the decode worker's
// request handler (what the extension's views call) and asks it for every view, then prints,
// as JSON, each view's outcome (a size or the error message) and the process's peak RSS.
import { readFileSync } from 'node:fs';
import { WorkerHandlers } from '../../src/worker/worker-handlers';
import { DEFAULT_MAX_INFLATED_BYTES } from '../../src/pprof/inflate';
import type { HostToWorker } from '../../src/worker/worker-protocol';

export interface AmplificationProbe {
  /** Per view: "ok <bytes of the JSON answer>" or the error message. */
  readonly views: Readonly<Record<string, string>>;
  readonly maxRssBytes: number;
}

const [file, name] = process.argv.slice(2);
if (!file || !name) throw new Error('usage: amplification-probe.ts FILE NAME (NAME: a function for peek)');
const handlers = new WorkerHandlers();
const query = { sampleIndex: 0 };
const requests: HostToWorker[] = [
  { kind: 'request', id: 1, method: 'open', params: { bytes: readFileSync(file), source: file, maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES } },
  { kind: 'request', id: 2, method: 'top', params: { ...query, maxRows: 100 } },
  { kind: 'request', id: 3, method: 'flame', params: query },
  { kind: 'request', id: 4, method: 'tree', params: { ...query, direction: 'bottom-up' } },
  { kind: 'request', id: 5, method: 'peek', params: { ...query, name } },
  { kind: 'request', id: 6, method: 'callgraph', params: { ...query, nodeCount: 80, nodeFraction: 0.005, edgeFraction: 0.001 } },
  { kind: 'request', id: 7, method: 'goroutines', params: query },
  { kind: 'request', id: 8, method: 'lineCosts', params: query },
] as HostToWorker[];
const views: Record<string, string> = {};
for (const request of requests) {
  const answer = handlers.answer(request);
  views[request.method] = answer.ok ? `ok ${JSON.stringify(answer.result).length}` : answer.error;
}
const result: AmplificationProbe = { views, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
process.stdout.write(JSON.stringify(result) + '\n');
