import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChannelClosedError, RemoteError, RpcClient, type RequestOf } from '../../../src/shared/rpc';

interface TestMethods {
  double: { params: { n: number }; result: number };
  name: { params: { id: string }; result: string };
}

function client(): { rpc: RpcClient<TestMethods>; sent: RequestOf<TestMethods>[] } {
  const sent: RequestOf<TestMethods>[] = [];
  return { rpc: new RpcClient<TestMethods>((r) => sent.push(r)), sent };
}

test('a request gets a fresh id and resolves with its own response', async () => {
  const { rpc, sent } = client();
  const a = rpc.request('double', { n: 2 });
  const b = rpc.request('name', { id: 'x' });
  assert.deepEqual(
    sent.map((r) => [r.id, r.method]),
    [
      [1, 'double'],
      [2, 'name'],
    ],
  );
  assert.equal(rpc.handleResponse({ kind: 'response', id: 2, ok: true, method: 'name', result: 'X' }), true);
  assert.equal(rpc.handleResponse({ kind: 'response', id: 1, ok: true, method: 'double', result: 4 }), true);
  assert.equal(await a, 4);
  assert.equal(await b, 'X');
  assert.equal(rpc.pendingCount, 0);
});

test('an error response rejects with the remote message', async () => {
  const { rpc } = client();
  const p = rpc.request('double', { n: 1 });
  rpc.handleResponse({ kind: 'response', id: 1, ok: false, error: 'boom.pb.gz: bad' });
  await assert.rejects(p, (e: unknown) => e instanceof RemoteError && e.message === 'boom.pb.gz: bad');
});

test('unknown ids are reported and a method mismatch rejects', async () => {
  const { rpc } = client();
  assert.equal(rpc.handleResponse({ kind: 'response', id: 99, ok: true, method: 'double', result: 1 }), false);
  const p = rpc.request('double', { n: 1 });
  assert.equal(rpc.handleResponse({ kind: 'response', id: 1, ok: true, method: 'name', result: 'no' }), false);
  await assert.rejects(p, RemoteError);
});

test('dispose rejects pending requests and refuses new ones', async () => {
  const { rpc, sent } = client();
  const p = rpc.request('double', { n: 1 });
  rpc.dispose('editor closed');
  await assert.rejects(p, (e: unknown) => e instanceof ChannelClosedError && e.message === 'editor closed');
  await assert.rejects(rpc.request('double', { n: 2 }), ChannelClosedError);
  assert.equal(sent.length, 1);
  assert.equal(rpc.pendingCount, 0);
});

test('a send that throws rejects the request instead of leaving it pending', async () => {
  const rpc = new RpcClient<TestMethods>(() => {
    throw new Error('cannot post');
  });
  await assert.rejects(rpc.request('double', { n: 1 }), /cannot post/);
  assert.equal(rpc.pendingCount, 0);
});
