/**
 * The Parca client (@parca/client over gRPC-web) against the test server's Parca QueryService,
 * whose handlers are generated from Parca's own .proto files (test/servers/parcaapi), over the
 * same real Go-runtime profiles. Oracle: `go tool pprof -proto` of the same stored profiles.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServerClient } from '../../../src/servers/create-client';
import { pullProfile } from '../../../src/servers/pull';
import type { ServerConfig } from '../../../src/servers/server-config';
import { ServerError } from '../../../src/servers/server-errors';
import { goPprofTop } from '../../support/go-pprof';
import { assertUnreachableNamed } from '../../support/unreachable-server';
import { expectedFiles, goPprofMerge, pyroscopeData, startPyroscope, type PyroscopeData, type RunningServer } from '../../support/pyroscope-server';

const scratch = mkdtempSync(join(tmpdir(), 'parca-pull-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const hour = { fromMs: Date.parse('2026-12-01T10:00:00Z'), toMs: Date.parse('2026-12-01T11:00:00Z') };
const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds:delta';

describe('Parca client against QueryService generated from Parca\'s .proto files', { timeout: 900_000 }, () => {
  let data: PyroscopeData;
  let running: RunningServer;
  let server: ServerConfig;
  before(async () => {
    data = await pyroscopeData();
    running = await startPyroscope(['-token', 's3cret', '-forbidden-token', 'known']);
    server = { name: 'test-parca', kind: 'parca', url: running.url };
  });
  after(() => running?.stop());

  it('merges a query (type in front of the selector) as go tool pprof -proto does', async () => {
    const client = await createServerClient(server, { kind: 'bearer', token: 's3cret' });
    const query = { server, profileType: CPU, selector: '{service_name="checkout",region=~"e.*"}', range: hour };
    const pulled = await pullProfile(client, query);
    assert.equal(pulled.call, 'Query (MODE_MERGE, REPORT_TYPE_PPROF)');
    const ours = join(scratch, 'parca.pb.gz');
    writeFileSync(ours, pulled.gzipped);
    const files = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'checkout' && l.region === 'eu', hour);
    assert.equal(files.length, 4);
    const merged = join(scratch, 'merged.pb.gz');
    await goPprofMerge(files, merged);
    const [a, b] = [await goPprofTop(ours), await goPprofTop(merged, { sampleIndex: 'cpu' })];
    assert.ok(b.total > 0);
    assert.equal(a.total, b.total);
    assert.deepEqual(a.rows, b.rows);
  });

  it('lists types (delta ones included), label names and values', async () => {
    const client = await createServerClient(server, { kind: 'bearer', token: 's3cret' });
    const types = await client.profileTypes(hour);
    assert.equal(types.find((t) => t.id === CPU)?.label, 'CPU');
    assert.ok(types.some((t) => t.id === 'memory:inuse_space:bytes:space:bytes'));
    assert.deepEqual(await client.labelValues('service_name', '{}', hour), ['checkout', 'payments']);
    assert.deepEqual(await client.labelNames('{service_name="payments"}', hour), ['pod', 'region', 'service_name', 'version']);
  });

  it('says so when the range is empty, and tells 401 from 403', async () => {
    const client = await createServerClient(server, { kind: 'bearer', token: 's3cret' });
    const empty = { server, profileType: CPU, selector: '{service_name="checkout"}', range: { fromMs: hour.fromMs - 7_200_000, toMs: hour.fromMs - 3_600_000 } };
    await assert.rejects(pullProfile(client, empty), (e: unknown) => e instanceof ServerError && e.reason === 'empty' && /^test-parca \(.*\): no .* profiles for checkout between/.test(e.message));
    await assert.rejects((await createServerClient(server, undefined)).labelNames('{}', hour), (e: unknown) => {
      assert.ok(e instanceof ServerError && e.reason === 'unauthenticated', String(e));
      return true;
    });
    await assert.rejects((await createServerClient(server, { kind: 'bearer', token: 'known' })).labelNames('{}', hour), (e: unknown) => {
      assert.ok(e instanceof ServerError && e.reason === 'forbidden', String(e));
      return true;
    });
  });

  it('names the server and why when it cannot be reached', async () => {
    await assertUnreachableNamed(server, hour);
  });
});
