/**
 * The Pyroscope client against a server built on Pyroscope's official generated API
 * (test/servers), fed real Go-runtime profiles of several services, replicas, versions and
 * time points. The oracle for every merged profile is `go tool pprof -proto a b c` over the
 * same stored profiles, compared through `go tool pprof -top` of both.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServerClient } from '../../../src/servers/create-client';
import type { Credentials } from '../../../src/servers/credentials';
import { parseMatcher } from '../../../src/servers/label-selector';
import { pullProfile } from '../../../src/servers/pull';
import type { ServerConfig } from '../../../src/servers/server-config';
import { ServerError } from '../../../src/servers/server-errors';
import { queryFromMatchers, type ServerQuery } from '../../../src/servers/server-query';
import { goPprofTop } from '../../support/go-pprof';
import { assertUnreachableNamed } from '../../support/unreachable-server';
import { expectedFiles, goPprofMerge, pyroscopeData, startPyroscope, type PyroscopeData, type RunningServer } from '../../support/pyroscope-server';

const scratch = mkdtempSync(join(tmpdir(), 'pyroscope-pull-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// The made profiles are at 10:00 and 10:10 on 2026-12-01 (test/servers/pyroscope/make.go).
const hour = { fromMs: Date.parse('2026-12-01T10:00:00Z'), toMs: Date.parse('2026-12-01T11:00:00Z') };
const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const INUSE = 'memory:inuse_space:bytes:space:bytes';

let n = 0;
function file(name: string): string {
  return join(scratch, `${n++}-${name}`);
}

/** `go tool pprof -proto` merge of `files`, as a file. */
async function pprofMerge(files: readonly string[]): Promise<string> {
  assert.ok(files.length >= 2, `the query should merge several profiles, got ${files.length}`);
  const out = file('merged.pb.gz');
  await goPprofMerge(files, out);
  return out;
}

/** Pulls `query` and checks its -top report against pprof's merge of `files` (sample type `index`). */
async function assertPullMatches(server: ServerConfig, query: ServerQuery, files: readonly string[], index: string, credentials?: Credentials) {
  const pulled = await pullProfile(await createServerClient(server, credentials), query);
  const pulledFile = file('pulled.pb.gz');
  writeFileSync(pulledFile, pulled.gzipped);
  const ours = await goPprofTop(pulledFile);
  const theirs = await goPprofTop(await pprofMerge(files), { sampleIndex: index });
  assert.equal(ours.sampleType.type, index);
  assert.ok(theirs.total > 0);
  assert.equal(ours.total, theirs.total);
  assert.deepEqual(ours.rows, theirs.rows);
  return pulled;
}

describe('Pyroscope client against the official querier API', { timeout: 900_000 }, () => {
  let data: PyroscopeData;
  let plain: RunningServer;
  let server: ServerConfig;
  before(async () => {
    data = await pyroscopeData();
    plain = await startPyroscope();
    server = { name: 'test-pyroscope', kind: 'pyroscope', url: plain.url };
  });
  after(() => plain?.stop());

  const checkout = (extra: string[] = []) =>
    queryFromMatchers({ server, profileType: CPU, range: hour }, [parseMatcher('service_name=checkout'), ...extra.map(parseMatcher)]);

  it('merges a service across replicas, versions and time points as go tool pprof -proto does', async () => {
    const files = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'checkout', hour);
    assert.equal(files.length, 6);
    const pulled = await assertPullMatches(server, checkout(), files, 'cpu');
    assert.equal(pulled.call, 'SelectMergeStacktraces');
  });

  it('applies = and =~ matchers', async () => {
    const eu = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'checkout' && l.region === 'eu', hour);
    await assertPullMatches(server, checkout(['region=eu']), eu, 'cpu');
    const pods = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'checkout' && /^checkout-[ab]$/.test(l.pod!), hour);
    await assertPullMatches(server, checkout(['pod=~"checkout-[ab]"']), pods, 'cpu');
  });

  it('merges heap profiles by the chosen sample type', async () => {
    const files = expectedFiles(data, 'memory', (l) => l.service_name === 'checkout', hour);
    await assertPullMatches(server, { ...checkout(), profileType: INUSE }, files, 'inuse_space');
  });

  it('lists profile types, label names and values from the server', async () => {
    const client = await createServerClient(server, undefined);
    const types = (await client.profileTypes(hour)).map((t) => t.id);
    assert.ok(types.includes(CPU) && types.includes(INUSE), types.join(' '));
    assert.deepEqual(await client.labelValues('service_name', '{}', hour), ['checkout', 'payments']);
    assert.deepEqual(await client.labelValues('version', '{service_name="checkout"}', hour), ['v1', 'v2']);
    assert.deepEqual(await client.labelNames('{}', hour), ['pod', 'region', 'service_name', 'version']);
  });

  it('says so when the range holds no profiles', async () => {
    const query = { ...checkout(), range: { fromMs: Date.parse('2026-11-01T10:00:00Z'), toMs: Date.parse('2026-11-01T11:00:00Z') } };
    await assert.rejects(pullProfile(await createServerClient(server, undefined), query), (e: unknown) => {
      assert.ok(e instanceof ServerError && e.reason === 'empty', String(e));
      assert.match(e.message, /^test-pyroscope \(http:\/\/127\.0\.0\.1:\d+\): no process_cpu:cpu:nanoseconds:cpu:nanoseconds profiles for checkout between 2026-11-01 10:00:00Z – 11:00:00Z$/);
      return true;
    });
  });

  it('refuses a bad selector with the server\'s words', async () => {
    const query = { ...checkout(), selector: '{service_name=~"("}' };
    await assert.rejects(pullProfile(await createServerClient(server, undefined), query), (e: unknown) => {
      assert.ok(e instanceof ServerError && e.reason === 'bad-query', String(e));
      assert.match(e.message, /^test-pyroscope .*refused the query/);
      return true;
    });
  });

  it('falls back to SelectMergeProfile when the server answers without a pprof profile', async () => {
    const old = await startPyroscope(['-no-pprof-format']);
    try {
      const files = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'checkout', hour);
      const pulled = await assertPullMatches({ ...server, url: old.url }, { ...checkout(), server: { ...server, url: old.url } }, files, 'cpu');
      assert.equal(pulled.call, 'SelectMergeProfile');
    } finally {
      await old.stop();
    }
  });

  it('sends the tenant as X-Scope-OrgID and sees only that tenant', async () => {
    const multi = await startPyroscope(['-tenants']);
    try {
      const teamB: ServerConfig = { ...server, url: multi.url, tenant: 'team-b' };
      const files = expectedFiles(data, 'process_cpu', (l) => l.service_name === 'checkout', hour, 'team-b');
      const query = { ...checkout(), server: teamB };
      await assertPullMatches(teamB, query, files, 'cpu');
      const versions = await (await createServerClient(teamB, undefined)).labelValues('version', '{}', hour);
      assert.deepEqual(versions, ['v9']);
      const noTenant: ServerConfig = { ...server, url: multi.url };
      await assert.rejects((await createServerClient(noTenant, undefined)).labelNames('{}', hour), (e: unknown) => e instanceof ServerError && e.reason === 'unauthenticated');
    } finally {
      await multi.stop();
    }
  });

  it('sends credentials and tells 401 from 403', async () => {
    const locked = await startPyroscope(['-token', 's3cret', '-basic', 'ann:pw', '-forbidden-token', 'known']);
    try {
      const at: ServerConfig = { ...server, url: locked.url };
      const names = async (c?: Credentials) => (await createServerClient(at, c)).labelNames('{}', hour);
      assert.ok((await names({ kind: 'bearer', token: 's3cret' })).includes('service_name'));
      assert.ok((await names({ kind: 'basic', user: 'ann', password: 'pw' })).includes('service_name'));
      for (const c of [undefined, { kind: 'bearer', token: 'wrong' } as const]) {
        await assert.rejects(names(c), (e: unknown) => {
          assert.ok(e instanceof ServerError && e.reason === 'unauthenticated', String(e));
          assert.match(e.message, /^test-pyroscope \(http:.*\): authentication failed \(401/);
          assert.ok(!e.message.includes('wrong'), 'the message must not show the token');
          return true;
        });
      }
      await assert.rejects(names({ kind: 'bearer', token: 'known' }), (e: unknown) => {
        assert.ok(e instanceof ServerError && e.reason === 'forbidden', String(e));
        assert.match(e.message, /access denied \(403/);
        return true;
      });
    } finally {
      await locked.stop();
    }
  });

  it('names the server when it cannot be reached', async () => {
    await assertUnreachableNamed(server, hour);
  });
});
