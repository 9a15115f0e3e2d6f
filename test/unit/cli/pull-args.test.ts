/** `go-profiler pull` arguments: servers, queries, types, times, credentials from flags or environment. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parsePullArgs } from '../../../src/cli/pull-args';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

describe('go-profiler pull arguments', () => {
  it('reads a Pyroscope pull with tenant and token, relative times by default', () => {
    const a = parsePullArgs(['--pyroscope', 'http://p:4040/', '--query', '{service_name="x"}', '--type', CPU, '--out', 'f', '--tenant', 't', '--token', 'k'], NOW, {});
    assert.deepEqual(a.server, { name: 'pyroscope', kind: 'pyroscope', url: 'http://p:4040', tenant: 't' });
    assert.deepEqual(a.credentials, { kind: 'bearer', token: 'k' });
    assert.deepEqual(a.range, { fromMs: NOW - 3_600_000, toMs: NOW });
    assert.equal(a.maxNodes, undefined);
  });

  it('splits a Parca query into its type and selector and takes basic auth from the environment', () => {
    const a = parsePullArgs(['--parca=http://c:7070', '--query', `${CPU}:delta{job="x"}`, '--out', 'f'], NOW, {
      GO_PROFILER_USER: 'ann',
      GO_PROFILER_PASSWORD: 'pw',
    });
    assert.equal(a.profileType, `${CPU}:delta`);
    assert.equal(a.selector, '{job="x"}');
    assert.deepEqual(a.credentials, { kind: 'basic', user: 'ann', password: 'pw' });
  });

  it('lists without a query or type', () => {
    const a = parsePullArgs(['--pyroscope', 'http://p', '--list', 'version'], NOW, { GO_PROFILER_TOKEN: 'env' });
    assert.deepEqual(a.list, { label: 'version' });
    assert.equal(a.selector, '{}');
    assert.deepEqual(a.credentials, { kind: 'bearer', token: 'env' });
  });

  it('names what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['--query', '{}'], /give one server/],
      [['--pyroscope', 'p', '--parca', 'q'], /give one server/],
      [['--pyroscope', 'ftp://p', '--list', 'types'], /--pyroscope: "ftp:\/\/p" must start with http/],
      [['--parca', 'http://p', '--tenant', 't', '--list', 'types'], /Parca has no tenants/],
      [['--pyroscope', 'http://p', '--out', 'f', '--query', '{}'], /--type is missing/],
      [['--pyroscope', 'http://p', '--out', 'f', '--type', CPU], /--query is missing/],
      [['--pyroscope', 'http://p', '--list', 'a b'], /--list takes types, services, labels or a label name/],
      [['--pyroscope', 'http://p', '--list', 'types', '--max-nodes', '-1'], /--max-nodes must be a whole number/],
      [['--pyroscope', 'http://p', '--list', 'types', '--bogus', '1'], /unknown option --bogus/],
      [['--pyroscope', 'http://p', '--pyroscope', 'http://q'], /--pyroscope is given twice/],
    ];
    for (const [argv, message] of cases) assert.throws(() => parsePullArgs(argv, NOW, {}), message, argv.join(' '));
  });
});
