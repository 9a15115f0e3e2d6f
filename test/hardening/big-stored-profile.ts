/**
 * A valid gzipped profile of about `megabytes` MB that gzip cannot shrink (stored blocks),
 * and that decodes quickly: one huge comment string. Any truncation makes it undecodable.
 */
import { gzipSync } from 'node:zlib';
import { bytesField, concat, intField, stringField } from '../../../scripts/fuzz/proto';

export function bigStoredProfile(megabytes: number): Uint8Array {
  const comment = 'x'.repeat(Math.max(1, Math.floor(megabytes * 1024 * 1024)));
  const raw = concat([bytesField(1, [...intField(1, 1), ...intField(2, 2)]), stringField(6, ''), stringField(6, 'samples'), stringField(6, 'count'), stringField(6, comment), intField(13, 3)]);
  return new Uint8Array(gzipSync(raw, { level: 0 }));
}
