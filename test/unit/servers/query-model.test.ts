/** The pure parts of server queries: times, ranges, selectors, type IDs, settings, credentials. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { credentialsFromText, credentialsToText, authorization } from '../../../src/servers/credentials';
import { buildSelector, parseMatcher, withMatcher } from '../../../src/servers/label-selector';
import { parseTypeId, sortTypes } from '../../../src/servers/profile-types';
import { parseServers } from '../../../src/servers/server-config';
import { queryFromMatchers, queryTitle, recordQuery, shiftedBack } from '../../../src/servers/server-query';
import { describeRange, parseRange, parseTime, previousPeriod } from '../../../src/servers/time-range';
import { OptionError } from '../../../src/shared/option-error';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('server time ranges', () => {
  it('reads relative and absolute times', () => {
    assert.equal(parseTime('now', NOW), NOW);
    assert.equal(parseTime('-1h', NOW), Date.parse('2026-12-01T11:00:00Z'));
    assert.equal(parseTime('-15m', NOW), Date.parse('2026-12-01T11:45:00Z'));
    assert.equal(parseTime('-2d', NOW), Date.parse('2026-11-29T12:00:00Z'));
    assert.equal(parseTime('2026-12-01T10:00:00+01:00', NOW), Date.parse('2026-12-01T09:00:00Z'));
    assert.equal(parseTime('1764583200000', NOW), 1764583200000);
  });

  it('refuses what is not a time, a time without a zone, and a reversed range', () => {
    assert.throws(() => parseTime('yesterday', NOW, '--from'), (e: unknown) => e instanceof OptionError && /^--from "yesterday" is not a time/.test(e.message));
    assert.throws(() => parseTime('2026-12-01T10:00:00', NOW), OptionError);
    assert.throws(() => parseRange('now', '-1h', NOW), /--from \(now\) must be before --to \(-1h\)/);
  });

  it('shifts back by its own length and describes itself in UTC', () => {
    const range = parseRange('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z', NOW);
    assert.deepEqual(previousPeriod(range), { fromMs: Date.parse('2026-12-01T09:00:00Z'), toMs: Date.parse('2026-12-01T10:00:00Z') });
    assert.equal(describeRange(range), '2026-12-01 10:00:00Z – 11:00:00Z');
    assert.equal(describeRange(parseRange('2026-11-30T23:00:00Z', '2026-12-01T01:00:00Z', NOW)), '2026-11-30 23:00:00Z – 2026-12-01 01:00:00Z');
  });
});

describe('label selectors', () => {
  it('parses matchers with and without quotes and builds a quoted selector', () => {
    const ms = [parseMatcher('service_name=checkout'), parseMatcher('pod =~ "checkout-.*"'), parseMatcher('version!=v1'), parseMatcher('a!~"x\\"y"')];
    assert.deepEqual(ms.map((m) => m.op), ['=', '=~', '!=', '!~']);
    assert.equal(buildSelector(ms), '{service_name="checkout",pod=~"checkout-.*",version!="v1",a!~"x\\"y"}');
    assert.equal(buildSelector([]), '{}');
  });

  it('refuses a bad matcher or label name', () => {
    assert.throws(() => parseMatcher('no operator'), /is not a label matcher/);
    assert.throws(() => buildSelector([{ name: '1x', op: '=', value: 'v' }]), /label name "1x" is not valid/);
  });

  it('replaces the value of a matcher of the same name and operator', () => {
    const ms = withMatcher([parseMatcher('service_name=a'), parseMatcher('version=v1')], parseMatcher('version=v2'));
    assert.equal(buildSelector(ms), '{service_name="a",version="v2"}');
  });
});

describe('profile type IDs', () => {
  it('reads Pyroscope IDs and Parca delta IDs, and refuses others', () => {
    assert.equal(parseTypeId('process_cpu:cpu:nanoseconds:cpu:nanoseconds')?.label, 'CPU');
    assert.equal(parseTypeId('memory:inuse_space:bytes:space:bytes')?.sampleType, 'inuse_space');
    assert.equal(parseTypeId('parca_agent:samples:count:cpu:nanoseconds:delta')?.label, 'parca_agent samples (count)');
    assert.equal(parseTypeId('cpu'), undefined);
    assert.equal(parseTypeId('a:b::d:e'), undefined);
  });

  it('puts well-known types first', () => {
    const ids = ['x:y:z:w:v', 'mutex:delay:nanoseconds:contentions:count', 'process_cpu:cpu:nanoseconds:cpu:nanoseconds'];
    assert.deepEqual(sortTypes(ids.map((id) => parseTypeId(id)!)).map((t) => t.id), [ids[2], ids[1], ids[0]]);
  });
});

describe('goProfiler.servers', () => {
  it('keeps good entries and names each bad one and why', () => {
    const { servers, problems } = parseServers([
      { name: 'prod', kind: 'pyroscope', url: 'https://pyro.example/', tenant: 'team-a' },
      { name: 'parca', kind: 'parca', url: 'http://localhost:7070' },
      { name: 'x', kind: 'jaeger', url: 'http://a' },
      { name: 'prod', kind: 'parca', url: 'http://b' },
      { name: 'creds', kind: 'parca', url: 'http://u:p@c' },
      { kind: 'parca', url: 'http://d' },
      'nonsense',
    ]);
    assert.deepEqual(servers, [
      { name: 'prod', kind: 'pyroscope', url: 'https://pyro.example', tenant: 'team-a' },
      { name: 'parca', kind: 'parca', url: 'http://localhost:7070' },
    ]);
    assert.deepEqual(problems, [
      'goProfiler.servers[2] ("x"): kind must be pyroscope or parca',
      'goProfiler.servers[3] ("prod"): has the name of an earlier server',
      'goProfiler.servers[4] ("creds"): "http://u:p@c" must not hold credentials (they go in the credential store)',
      'goProfiler.servers[5]: has no name',
      'goProfiler.servers[6] must be an object with name, kind and url',
    ]);
  });
});

describe('credentials', () => {
  it('round-trips through their stored text and makes the Authorization header', () => {
    const basic = { kind: 'basic', user: 'ann', password: 'p:w' } as const;
    assert.deepEqual(credentialsFromText(credentialsToText(basic)), basic);
    assert.equal(authorization(basic), `Basic ${Buffer.from('ann:p:w').toString('base64')}`);
    assert.equal(authorization({ kind: 'bearer', token: 't' }), 'Bearer t');
    assert.equal(credentialsFromText('{"kind":"bearer","token":""}'), undefined);
    assert.equal(credentialsFromText('not json'), undefined);
  });
});

describe('server queries', () => {
  const server = { name: 'prod', kind: 'pyroscope', url: 'https://p' } as const;
  const range = { fromMs: Date.parse('2026-12-01T10:00:00Z'), toMs: Date.parse('2026-12-01T11:00:00Z') };
  const query = queryFromMatchers({ server, profileType: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds', range, maxNodes: 8192 }, [
    parseMatcher('service_name=checkout'),
    parseMatcher('version=v2'),
  ]);

  it('titles a query by service, other matchers, type, server and range', () => {
    assert.equal(queryTitle(query), 'checkout {version=v2} · CPU · prod · 2026-12-01 10:00:00Z – 11:00:00Z');
  });

  it('shifts back one period and records what the sidecar keeps', () => {
    assert.equal(describeRange(shiftedBack(query).range), '2026-12-01 09:00:00Z – 10:00:00Z');
    assert.deepEqual(recordQuery(query), {
      server: 'prod',
      kind: 'pyroscope',
      url: 'https://p',
      profileType: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      selector: '{service_name="checkout",version="v2"}',
      from: '2026-12-01T10:00:00.000Z',
      to: '2026-12-01T11:00:00.000Z',
      maxNodes: 8192,
    });
  });
});
