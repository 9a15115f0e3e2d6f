/** Writes a gzip file of `inflatedBytes` zeros, streamed through zlib (never all in memory). */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export async function writeZeroGzip(path: string, inflatedBytes: number): Promise<void> {
  const chunk = Buffer.alloc(1 << 20);
  async function* zeros(): AsyncGenerator<Buffer> {
    for (let left = inflatedBytes; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  }
  await pipeline(Readable.from(zeros()), createGzip({ level: 9 }), createWriteStream(path));
}
