/** A saved copy of a pulled profile: in the profiles folder, its sidecar recording the query. */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseMatcher } from '../../../src/servers/label-selector';
import { saveServerCopy } from '../../../src/servers/save-copy';
import { queryFromMatchers } from '../../../src/servers/server-query';
import { parseSidecar } from '../../../src/store/sidecar';

describe('save a copy of a pulled profile', () => {
  let dir = '';
  after(() => rm(dir, { recursive: true, force: true }));

  it('names it by service and type, never overwrites, and records the query (without credentials)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'server-copy-'));
    const server = { name: 'prod', kind: 'pyroscope', url: 'https://pyro.example', tenant: 'team-a' } as const;
    const range = { fromMs: Date.parse('2026-12-01T10:00:00Z'), toMs: Date.parse('2026-12-01T11:00:00Z') };
    const query = queryFromMatchers({ server, profileType: 'memory:inuse_space:bytes:space:bytes', range }, [
      parseMatcher('service_name=checkout'),
      parseMatcher('pod=~"a.*"'),
    ]);
    const bytes = new Uint8Array([0x1f, 0x8b, 1, 2, 3]);
    const first = await saveServerCopy(dir, bytes, query);
    const second = await saveServerCopy(dir, bytes, query);
    assert.equal(basename(first.profilePath), 'checkout-inuse_space-20261201T110000Z.pb.gz');
    assert.equal(basename(second.profilePath), 'checkout-inuse_space-20261201T110000Z-2.pb.gz');
    assert.deepEqual(new Uint8Array(await readFile(first.profilePath)), bytes);
    const sidecar = parseSidecar(await readFile(first.sidecarPath, 'utf8'), 'sidecar');
    assert.deepEqual(sidecar.capture, {
      kind: 'inuse_space',
      source: 'server',
      url: 'https://pyro.example',
      query: {
        server: 'prod',
        kind: 'pyroscope',
        url: 'https://pyro.example',
        tenant: 'team-a',
        profileType: 'memory:inuse_space:bytes:space:bytes',
        selector: '{service_name="checkout",pod=~"a.*"}',
        from: '2026-12-01T10:00:00.000Z',
        to: '2026-12-01T11:00:00.000Z',
      },
    });
    assert.equal(sidecar.startedAt, '2026-12-01T10:00:00.000Z');
  });

  it('refuses a sidecar whose query is malformed, naming the field', () => {
    const text = JSON.stringify({
      version: 1, program: 'p', args: [], startedAt: '', endedAt: '', savedAt: '', profileFile: 'p.pb.gz',
      capture: { kind: 'cpu', source: 'server', query: { server: 'a', kind: 'jaeger', url: 'u', profileType: 't', selector: '{}', from: '', to: '' } },
    });
    assert.throws(() => parseSidecar(text, 's.json'), /^Error: s\.json: "capture\.query\.kind" must be pyroscope or parca$/);
  });
});
