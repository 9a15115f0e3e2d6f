/** pullProfile on a client's answer: decoding, the empty-range refusal, and the maxNodes truncation notice. */
import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { pullProfile, truncationNotice } from '../../../src/servers/pull';
import type { ServerClient } from '../../../src/servers/server-client';
import { ServerError } from '../../../src/servers/server-errors';
import type { ServerQuery } from '../../../src/servers/server-query';
import { buildProfile, encodeProfile } from '../../support/profile-builder';

function answering(bytes: Uint8Array): ServerClient {
  const none = () => Promise.reject(new Error('not used'));
  return { profileTypes: none, labelNames: none, labelValues: none, mergedProfile: () => Promise.resolve({ bytes, call: 'SelectMergeStacktraces' }) };
}

const query: ServerQuery = {
  server: { name: 'prod', kind: 'pyroscope', url: 'https://p' },
  profileType: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
  selector: '{service_name="checkout"}',
  range: { fromMs: Date.parse('2026-12-01T10:00:00Z'), toMs: Date.parse('2026-12-01T11:00:00Z') },
  maxNodes: 1024,
};

describe('pullProfile', () => {
  it('measures what the server folded into "other" and says it in one line', async () => {
    const bytes = encodeProfile(
      buildProfile({
        sampleTypes: [['cpu', 'nanoseconds']],
        samples: [
          { stack: ['main.hot main.go:3', 'main.main main.go:9'], values: [750] },
          { stack: ['other', 'main.main main.go:9'], values: [200] },
          { stack: ['main.cold main.go:5', 'other'], values: [50] },
        ],
      }),
    );
    const pulled = await pullProfile(answering(bytes), query);
    assert.equal(pulled.sampleCount, 3);
    assert.equal(pulled.truncatedShare, 0.25);
    assert.deepEqual(new Uint8Array(gunzipSync(pulled.gzipped)), new Uint8Array(bytes));
    assert.equal(
      truncationNotice(pulled, query),
      'prod kept the 1024 largest nodes: 25.0% of the total is folded into "other" (raise goProfiler.serverMaxNodes, 0 = no limit)',
    );
    assert.equal(truncationNotice(pulled, { ...query, maxNodes: 0 }), undefined);
  });

  it('refuses an empty merge, naming the server, the type, the service and the range', async () => {
    const empty = encodeProfile(buildProfile({ sampleTypes: [['cpu', 'nanoseconds']], samples: [] }));
    await assert.rejects(pullProfile(answering(empty), query), (e: unknown) => {
      assert.ok(e instanceof ServerError && e.reason === 'empty');
      assert.equal(e.message, 'prod (https://p): no process_cpu:cpu:nanoseconds:cpu:nanoseconds profiles for checkout between 2026-12-01 10:00:00Z – 11:00:00Z');
      return true;
    });
  });

  it('names the server when its answer is not a profile', async () => {
    await assert.rejects(pullProfile(answering(new Uint8Array([1, 2, 3, 4])), query), /prod \(https:\/\/p\)/);
  });
});
