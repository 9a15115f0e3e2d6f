import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  answerRequest,
  ChannelClosedError,
  checkedMethod,
  forwardRequest,
  parseRequest,
  RemoteError,
  RpcClient,
  type HandlerTable,
  type RequestOf,
} from '../../../src/shared/rpc';

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

interface CheckedMethods {
  double: { params: { n: number }; result: number };
  fail: { params: { why: string }; result: never };
}

const table: HandlerTable<CheckedMethods> = {
  double: ({ n }) => n * 2,
  fail: ({ why }) => {
    throw new Error(why);
  },
};
const describe = (e: unknown): string => `x.pb.gz: ${e instanceof Error ? e.message : String(e)}`;

test('answerRequest: the method handler answers with its id; a throw becomes a failed response; unknown methods are refused', () => {
  assert.deepEqual(answerRequest(table, { kind: 'request', id: 7, method: 'double', params: { n: 21 } }, describe), { kind: 'response', id: 7, ok: true, method: 'double', result: 42 });
  assert.deepEqual(answerRequest(table, { kind: 'request', id: 8, method: 'fail', params: { why: 'truncated' } }, describe), { kind: 'response', id: 8, ok: false, error: 'x.pb.gz: truncated' });
  const sneaky = { kind: 'request', id: 9, method: 'toString', params: {} } as unknown as RequestOf<CheckedMethods>;
  assert.deepEqual(answerRequest(table, sneaky, describe), { kind: 'response', id: 9, ok: false, error: 'unknown method "toString"' });
});

test('forwardRequest: another channel answers, under the request own id; its failure becomes a failed response', async () => {
  // The other channel: a client whose requests the handler table answers (like the host and its worker).
  const sent: RequestOf<CheckedMethods>[] = [];
  const other: RpcClient<CheckedMethods> = new RpcClient<CheckedMethods>((r) => {
    sent.push(r);
    queueMicrotask(() => other.handleResponse(answerRequest(table, r, describe)));
  });
  const forward = (request: RequestOf<CheckedMethods>) => forwardRequest(request, (method, params) => other.request(method, params), (e) => (e instanceof Error ? e.message : String(e)));
  assert.deepEqual(await forward({ kind: 'request', id: 30, method: 'double', params: { n: 5 } }), { kind: 'response', id: 30, ok: true, method: 'double', result: 10 });
  assert.deepEqual(await forward({ kind: 'request', id: 31, method: 'fail', params: { why: 'no profile is loaded' } }), { kind: 'response', id: 31, ok: false, error: 'x.pb.gz: no profile is loaded' });
  assert.deepEqual(sent.map((r) => [r.id, r.method]), [[1, 'double'], [2, 'fail']]);
});

test('parseRequest: only own methods of the table, with params that pass that method parser', () => {
  const table = {
    double: checkedMethod<{ n: number }, number>((v) => (typeof v === 'object' && v !== null && 'n' in v && typeof v.n === 'number' ? { n: v.n } : undefined)),
  };
  assert.deepEqual(parseRequest(table, 1, 'double', { n: 2, extra: 'dropped' }), { kind: 'request', id: 1, method: 'double', params: { n: 2 } });
  assert.equal(parseRequest(table, 1, 'double', { n: '2' }), undefined);
  assert.equal(parseRequest(table, 1, 'toString', { n: 2 }), undefined);
  assert.equal(parseRequest(table, 1, '__proto__', { n: 2 }), undefined);
  assert.equal(parseRequest(table, 1, 3, { n: 2 }), undefined);
});

test('an answer seeded ahead settles the one identical request without sending it; clearSeeds forgets the rest', async () => {
  const { rpc, sent } = client();
  rpc.seed('double', { n: 2 }, 4);
  rpc.seed('name', { id: 'x' }, 'X');
  assert.equal(await rpc.request('double', { n: 2 }), 4);
  assert.equal(sent.length, 0, 'the seeded request was sent');
  // Other params, and the same request again, go to the other side.
  const other = rpc.request('double', { n: 3 });
  const again = rpc.request('double', { n: 2 });
  assert.deepEqual(sent.map((r) => [r.method, r.params]), [['double', { n: 3 }], ['double', { n: 2 }]]);
  rpc.handleResponse({ kind: 'response', id: sent[0]!.id, ok: true, method: 'double', result: 6 });
  rpc.handleResponse({ kind: 'response', id: sent[1]!.id, ok: true, method: 'double', result: 4 });
  assert.deepEqual([await other, await again], [6, 4]);
  rpc.clearSeeds();
  void rpc.request('name', { id: 'x' });
  assert.equal(sent.at(-1)?.method, 'name', 'a cleared seed still answered');
});

test('with nothing seeded, a request never serialises its params (an `open` carries a whole profile)', () => {
  const { rpc, sent } = client();
  const params = { n: 1, toJSON(): never { throw new Error('params were serialised'); } };
  void rpc.request('double', params);
  assert.equal(sent.length, 1);
});
