/**
 * Gzip bombs of any size in well under a second: one 1 MiB block of zeros is deflated once
 * (ending on a full flush, so it stands alone) and repeated, then closed by an empty final
 * block. The trailer's ISIZE is the true size mod 2^32, as gzip writes it, so a 10 GiB bomb
 * says 2 GiB; its CRC is left 0, as a bomb is refused before the trailer is checked.
 */
import { writeFile } from 'node:fs/promises';
import { constants, deflateRawSync } from 'node:zlib';

const MiB = 1024 * 1024;
const GZIP_HEADER = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];

/** Writes a gzip file that inflates to `mebibytes` MiB of zeros; returns its size on disk. */
export async function writeCraftedZeroBomb(path: string, mebibytes: number): Promise<number> {
  const block = deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE((mebibytes * MiB) % 2 ** 32, 4);
  const parts: Buffer[] = [Buffer.from(GZIP_HEADER)];
  for (let i = 0; i < mebibytes; i++) parts.push(block);
  parts.push(end, trailer);
  const bytes = Buffer.concat(parts);
  await writeFile(path, bytes);
  return bytes.length;
}
