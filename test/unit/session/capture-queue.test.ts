import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureKind } from '../../../src/capture/capture-kinds';
import { queueCapture } from '../../../src/session/capture-queue';
import type { ProfilingSession } from '../../../src/session/profiling-session';
import type { SessionChange, SessionRegistry, SessionState } from '../../../src/session/session-registry';

/** A gate the test opens by hand, so the order of events is the test's, not the clock's. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function fixture(): { state: SessionState; registry: SessionRegistry; touches: SessionChange[]; look: (kind: CaptureKind) => string } {
  const touches: SessionChange[] = [];
  const registry = { touch: (sessionId: string, row: SessionChange['row']) => touches.push({ sessionId, row }) } as unknown as SessionRegistry;
  const state: SessionState = { session: { id: 's1' } as ProfilingSession, busy: new Set(), queued: new Map() };
  const look = (kind: CaptureKind): string => `${state.busy.has(kind) ? 'busy' : 'idle'}+${state.queued.get(kind) ?? 0}`;
  return { state, registry, touches, look };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('queueCapture', () => {
  it('runs clicks of one kind one after the other, none dropped, the row showing busy and the queue', async () => {
    const { state, registry, touches, look } = fixture();
    const order: string[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      queueCapture(registry, state, 'heap', async () => {
        order.push(`start ${i}`);
        await g.promise;
        order.push(`end ${i}`);
        return i;
      }),
    );
    await tick();
    assert.equal(look('heap'), 'busy+2');
    assert.deepEqual(order, ['start 0']);
    gates[0]!.open();
    await tick();
    await tick();
    assert.equal(look('heap'), 'busy+1');
    gates[1]!.open();
    gates[2]!.open();
    assert.deepEqual(await Promise.all(runs), [0, 1, 2]);
    assert.deepEqual(order, ['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    assert.equal(look('heap'), 'idle+0');
    assert.ok(touches.length >= 4 && touches.every((t) => t.sessionId === 's1' && t.row === 'heap'), JSON.stringify(touches));
  });

  it('a failed capture does not stop the next one of its kind', async () => {
    const { state, registry, look } = fixture();
    const first = queueCapture(registry, state, 'block', () => Promise.reject(new Error('agent gone')));
    const second = queueCapture(registry, state, 'block', () => Promise.resolve('saved'));
    await assert.rejects(first, /agent gone/);
    assert.equal(await second, 'saved');
    assert.equal(look('block'), 'idle+0');
  });

  it('different kinds run side by side', async () => {
    const { state, registry, look } = fixture();
    const heap = gate();
    const started: string[] = [];
    const a = queueCapture(registry, state, 'heap', async () => {
      started.push('heap');
      await heap.promise;
    });
    const b = queueCapture(registry, state, 'goroutine', async () => {
      started.push('goroutine');
    });
    await b;
    assert.deepEqual(started, ['heap', 'goroutine']);
    assert.equal(look('heap'), 'busy+0');
    heap.open();
    await a;
    assert.equal(look('heap'), 'idle+0');
  });
});
