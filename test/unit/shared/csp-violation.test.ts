import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CSP_REPORT_FIELD_LIMIT, parseWebviewToHost } from '../../../src/shared/validate-messages';
import { CspViolationCounter, describeViolation } from '../../../src/profile-editor/csp-violations';

test('cspViolation: kept when its three fields are strings, long fields cut, anything else refused', () => {
  const ok = { kind: 'cspViolation', directive: 'img-src', blockedUri: 'https://x.example/a.png', sample: '' };
  assert.deepEqual(parseWebviewToHost(ok), ok);
  assert.equal(parseWebviewToHost({ ...ok, sample: undefined }), undefined);
  assert.equal(parseWebviewToHost({ ...ok, directive: 3 }), undefined);
  assert.equal(parseWebviewToHost({ kind: 'cspViolation' }), undefined);
  const long = parseWebviewToHost({ ...ok, blockedUri: 'u'.repeat(100_000) });
  assert.equal(long?.kind === 'cspViolation' && long.blockedUri, `${'u'.repeat(CSP_REPORT_FIELD_LIMIT)}…`);
});

test('the counter counts per panel, keeps closed panels, and logs one line per violation', () => {
  const counter = new CspViolationCounter();
  const a = counter.track('a.pb.gz');
  const b = counter.track('b\n<b>.pb.gz');
  assert.equal(counter.total(), 0);
  const line = b.record({ kind: 'cspViolation', directive: 'script-src-elem', blockedUri: 'inline', sample: 'alert(1)\nx' });
  assert.equal(line, 'CSP violation in b <b>.pb.gz (panel 2): script-src-elem blocked inline ("alert(1) x")');
  b.record({ kind: 'cspViolation', directive: 'img-src', blockedUri: '', sample: '' });
  a.close();
  assert.deepEqual(
    counter.counts().map(({ panel, profile, open, violations }) => ({ panel, profile, open, violations })),
    [
      { panel: 1, profile: 'a.pb.gz', open: false, violations: 0 },
      { panel: 2, profile: 'b\n<b>.pb.gz', open: true, violations: 2 },
    ],
  );
  assert.equal(counter.total(), 2);
  assert.equal(counter.counts()[1]?.last, describeViolation('b\n<b>.pb.gz', 2, { kind: 'cspViolation', directive: 'img-src', blockedUri: '', sample: '' }));
  assert.match(counter.counts()[1]?.last ?? '', /img-src blocked a resource$/);
});
