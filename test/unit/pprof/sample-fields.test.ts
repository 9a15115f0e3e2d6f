// The decoder finds each sample by re-reading its field's key and length from runs of
// back-to-back sample fields, with a mark every 1024 samples to start a share in the middle
// (sample-fields.ts). Samples split into several runs by other fields, and keys and lengths
// written in more bytes than needed, must still give every sample once, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProfile, decodeProfileAsRuns, type ProfileMetadata, type SampleRunVisitor } from '../../../src/pprof/index';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { decodeWithProtobufjs } from '../../support/protobuf-reference';
import { ProtoWriter } from '../../support/proto-writer';
import { assertSameProfile } from './assert-same-profile';

const SAMPLES = 3000;

/** Sample i: value i, stack [1 + i % 3] (consecutive samples never share a stack, so a run is one sample). */
function profileInRuns(): Uint8Array {
  const w = new ProtoWriter();
  for (const s of ['', 'samples', 'count', 'main.f', 'f.go']) w.string(6, s);
  w.message(1, (t) => t.int(1, 1).int(2, 2));
  w.message(5, (f) => f.int(1, 1).int(2, 3).int(3, 3).int(4, 4));
  for (let i = 0; i < SAMPLES; i++) {
    // Other fields between the samples end a run of sample fields.
    if (i === 1100) w.message(4, (l) => l.int(1, 1).message(4, (line) => line.int(1, 1).int(2, 10)));
    if (i === 2500) w.int(13, 4).int(13, 3);
    const body = new ProtoWriter().packed(1, [1 + (i % 3)]).packed(2, [i]).finish();
    if (i % 97 === 5) w.raw([0x92, 0x00, 0x80 | body.length, 0x00, ...body]); // overlong key and length
    else if (i % 89 === 7) w.raw([0x12, 0x80 | body.length, 0x80, 0x00, ...body]); // overlong length
    else w.bytes(2, body);
  }
  w.message(4, (l) => l.int(1, 2).message(4, (line) => line.int(1, 1).int(2, 20)));
  w.message(4, (l) => l.int(1, 3).message(4, (line) => line.int(1, 1).int(2, 30)));
  return w.finish();
}

class Values implements SampleRunVisitor {
  readonly values: number[] = [];
  begin(_profile: ProfileMetadata): void {}
  run(_locations: Int32Array, _length: number, values: Float64Array): void {
    this.values.push(values[0]!);
  }
}

test('samples in several runs, with overlong keys and lengths, decode like protobufjs reads them', () => {
  const bytes = profileInRuns();
  const ours = decodeProfile(bytes, { source: 'runs.pb', inflate: inflatePako });
  assertSameProfile(ours, decodeWithProtobufjs(bytes), 'runs');
  assert.equal(ours.samples.count, SAMPLES);
  assert.deepEqual([...ours.samples.values], Array.from({ length: SAMPLES }, (_, i) => i));
});

test('shares that start anywhere (past marks, across runs) read every sample once, in order', () => {
  const bytes = profileInRuns();
  const expected = Array.from({ length: SAMPLES }, (_, i) => i);
  // Boundaries: a mark (1024 / 3000 of the way), just past one, inside the second run, at a
  // run's first sample (1100 and 2500), and the last sample alone.
  for (const cuts of [[0, 1], [0, 1024 / SAMPLES, 1], [0, 0.37, 0.81, 1], [0, 1100 / SAMPLES, 2500 / SAMPLES, 1], [0, 2999 / SAMPLES, 1]]) {
    const read: number[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const visitor = new Values();
      decodeProfileAsRuns(bytes, { source: 'runs.pb', inflate: inflatePako }, visitor, { start: cuts[i]!, end: cuts[i + 1]! });
      read.push(...visitor.values);
    }
    assert.deepEqual(read, expected, `cuts ${cuts.join(', ')}`);
  }
});
