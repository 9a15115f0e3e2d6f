import { constants as bufferConstants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { ProfileError } from './errors';
import { corruptGzip, gzipSizeHint, inflatedPastCap, type Inflate } from './inflate';

/**
 * Inflate with Node's zlib (3-10x faster than pako). Output is made in chunks of at most
 * MAX_OUTPUT_CHUNK and counted as it is made; the first chunk that takes it past the cap ends
 * the inflate, so a gzip bomb costs at most the cap plus one chunk, whatever its trailer says.
 */
export const inflateNode: Inflate = (gz, maxBytes, source) => {
  try {
    const maxOutputLength = Math.min(Math.max(1, maxBytes), bufferConstants.MAX_LENGTH);
    const out = gunzipSync(gz, { maxOutputLength, chunkSize: outputChunkSize(gz, maxOutputLength) });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ProfileError(source, inflatedPastCap(maxBytes));
    throw new ProfileError(source, corruptGzip(error instanceof Error ? error.message : String(error)));
  }
};

/** The largest output chunk: what a bomb may cost past the cap (zlib fills a chunk before it is counted). */
export const MAX_OUTPUT_CHUNK = 128 * 1024 * 1024;
/**
 * The smallest: a trailer may claim a few bytes (a lie, or the last member of a multi-member
 * file), and each chunk is a Buffer of its own; 64-byte chunks made a bomb's 2 GiB 33 million
 * Buffers (4.7 GB, 147 s).
 */
const MIN_OUTPUT_CHUNK = 64 * 1024;
/** The chunk when the trailer's size cannot be right. */
const UNKNOWN_SIZE_CHUNK = 16 * 1024 * 1024;
/** zlib's smallest chunk, and the largest ratio deflate reaches (so a larger ISIZE is a lie). */
const ZLIB_MIN_CHUNK = 64;
const MAX_DEFLATE_RATIO = 1032;

/**
 * The output chunk size for gunzipSync. When the size the gzip trailer announces (ISIZE) is
 * possible, one byte more than it, so a profile of up to MAX_OUTPUT_CHUNK lands in a single
 * buffer that is returned as is (with 16 KiB chunks, a 30 MB profile took 1,800 chunks and a
 * copy into a second 30 MB buffer); bigger outputs take several chunks and one copy. ISIZE is
 * only a hint (the size mod 2^32 of the last member, and anyone can write it): it never makes a
 * chunk bigger than MAX_OUTPUT_CHUNK, than the cap, or than the input could inflate to, nor
 * smaller than MIN_OUTPUT_CHUNK.
 */
function outputChunkSize(gz: Uint8Array, maxOutputLength: number): number {
  const possible = gz.length * MAX_DEFLATE_RATIO + 1;
  const hint = gzipSizeHint(gz);
  const wanted = hint > 0 && hint < possible ? Math.max(hint + 1, MIN_OUTPUT_CHUNK) : UNKNOWN_SIZE_CHUNK;
  return Math.max(ZLIB_MIN_CHUNK, Math.min(wanted, possible, maxOutputLength + 1, MAX_OUTPUT_CHUNK));
}
