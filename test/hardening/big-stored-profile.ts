/**
 * A valid gzipped profile of about `megabytes` MB that gzip cannot shrink (stored blocks),
 * and that decodes quickly: one huge comment string. Any truncation makes it undecodable.
 */
import { gzipSync } from 'node:zlib';
import { bytesField, concat, intField, key, stringField, varint } from '../../scripts/fuzz/proto';

const made = new Map<number, Uint8Array>();

export function bigStoredProfile(megabytes: number): Uint8Array {
  const cached = made.get(megabytes);
  if (cached) return cached;
  const length = Math.max(1, Math.floor(megabytes * 1024 * 1024));
  // The comment's bytes go in as one typed array: as a number[] (stringField) 64 MB took a minute.
  const comment = new Uint8Array(length).fill(0x78); // 'x'
  const raw = concat([
    bytesField(1, [...intField(1, 1), ...intField(2, 2)]),
    stringField(6, ''),
    stringField(6, 'samples'),
    stringField(6, 'count'),
    [...key(6, 2), ...varint(length)],
    comment,
    intField(13, 3),
  ]);
  const profile = new Uint8Array(gzipSync(raw, { level: 0 }));
  made.set(megabytes, profile);
  return profile;
}
