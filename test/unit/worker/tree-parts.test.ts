/**
 * A whole flame tree above the part size crosses in parts: `flameWhole` answers the first nodes
 * (marked `partial`), `treePart` the rest; the webview's wholeTree puts them together. The
 * expected tree is a worker's whole tree sent in one message.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';
import { wholeTree } from '../../../webview/views/tree-parts';
import type { ViewMethods } from '../../../src/shared/protocol';
import type { RpcClient } from '../../../src/shared/rpc';
import type { StackTreeView } from '../../../src/shared/view-model';
import { viewMethods } from '../../../src/shared/protocol';

const bytes = readFileSync(new URL('../../../examples/profiles/hotspots.heap.pb.gz', import.meta.url));
const query = { sampleIndex: 3 };

function opened(partNodes?: number): WorkerHandlers {
  const h = new WorkerHandlers(partNodes);
  assert.ok(h.answer({ kind: 'request', id: 1, method: 'open', params: { bytes, source: 'hotspots.heap', maxInflatedBytes: 1e9 } }).ok);
  return h;
}

/** The webview's client, answered by `h` as the host forwards requests; records what was asked. */
function client(h: WorkerHandlers, asked: unknown[]): RpcClient<ViewMethods> {
  const request = (method: keyof ViewMethods, params: unknown): Promise<unknown> => {
    asked.push([method, params]);
    const checked = viewMethods[method].parseParams(params);
    if (checked === undefined) return Promise.reject(new Error(`bad params for ${method}`));
    const r = h.answer({ kind: 'request', id: asked.length, method, params: checked } as never);
    return r.ok ? Promise.resolve(r.result) : Promise.reject(new Error(r.error));
  };
  return { request } as unknown as RpcClient<ViewMethods>;
}

const arrays = (v: StackTreeView): unknown[] => [v.frame, v.parent, v.firstChild, v.childCount, v.value, v.self].map((a) => Array.from(a));

test('a tree above the part size comes in parts and is put together exactly', async () => {
  const whole = opened().answer({ kind: 'request', id: 1, method: 'flameWhole', params: query });
  if (!whole.ok || whole.method !== 'flameWhole') return assert.fail('no whole tree');
  const nodes = whole.result.parent.length;
  const part = Math.ceil(nodes / 4) - 1; // 5 parts, the last one short
  assert.ok(part > 1);
  const h = opened(part);
  const first = h.answer({ kind: 'request', id: 2, method: 'flameWhole', params: query });
  if (!first.ok || first.method !== 'flameWhole') return assert.fail('no first part');
  assert.deepEqual(first.result.partial, { nodeCount: nodes });
  assert.equal(first.result.parent.length, part);
  const asked: unknown[] = [];
  const got = await wholeTree(first.result, query, client(h, asked));
  assert.deepEqual(asked.map((a) => (a as [string, { from: number }])[1].from), [part, 2 * part, 3 * part, 4 * part]);
  assert.deepEqual(arrays(got), arrays(whole.result));
  assert.equal(got.partial, undefined);
  assert.equal(got.total, whole.result.total);
  assert.deepEqual(got.frames, whole.result.frames);
});

test('a tree within one part is sent whole; a part past the end is refused with the tree size', () => {
  const h = opened();
  const r = h.answer({ kind: 'request', id: 1, method: 'flameWhole', params: query });
  if (!r.ok || r.method !== 'flameWhole') return assert.fail('no whole tree');
  assert.equal(r.result.partial, undefined);
  const nodes = r.result.parent.length;
  const past = h.answer({ kind: 'request', id: 2, method: 'treePart', params: { ...query, from: nodes } });
  assert.ok(!past.ok);
  assert.equal(past.error, `tree part at node ${nodes}: the tree has ${nodes} nodes`);
  assert.equal(viewMethods.treePart.parseParams({ ...query }), undefined, 'a part needs its first node');
  assert.equal(viewMethods.treePart.parseParams({ ...query, from: -1 }), undefined);
});
