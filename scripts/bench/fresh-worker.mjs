// The editor's own path to the first flame, in a plain Node process (the bench runs under tsx,
// whose module hooks slow a thread started from it): one fresh dist/decode-worker.js thread
// per run, `open` (inflate + decode) then the default `flame`, as ProfileDocument asks them.
// Usage: node scripts/bench/fresh-worker.mjs WORKER.js PROFILE RUNS; prints one JSON line
// {"wallMs": [...], "cpuMs": [...]} (CPU: the whole process, which only waits meanwhile).
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const [script, profile, runsText] = process.argv.slice(2);
const bytes = readFileSync(profile);
const wallMs = [];
const cpuMs = [];
for (let i = 0; i < Number(runsText); i++) {
  const worker = new Worker(script);
  let nextId = 1;
  const ask = (method, params, transfer = []) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (m) => {
        if (m.id !== id) return;
        worker.off('message', onMessage);
        if (m.ok) resolve(m.result);
        else reject(new Error(`${method}: ${m.error}`));
      };
      worker.on('message', onMessage);
      worker.postMessage({ kind: 'request', id, method, params }, transfer);
    });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const copy = new Uint8Array(bytes);
  const summary = await ask('open', { bytes: copy, source: profile, maxInflatedBytes: 2 ** 31 }, [copy.buffer]);
  await ask('flame', { sampleIndex: summary.defaultSampleTypeIndex });
  wallMs.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  await worker.terminate();
}
process.stdout.write(`${JSON.stringify({ wallMs, cpuMs })}\n`);
