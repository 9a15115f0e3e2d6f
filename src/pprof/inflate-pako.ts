import { Inflate as PakoInflate } from 'pako';
import { ProfileError } from './errors';
import { corruptGzip, inflatedPastCap, type Inflate } from './inflate';

/** Stops pako from inside onData once the output passes the cap. */
class OutputTooLarge extends Error {}

/** Inflate in pure JavaScript (for the webview and browsers, where node:zlib is absent). */
export const inflatePako: Inflate = (gz, maxBytes, source) => {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new PakoInflate({ chunkSize: 1 << 20 });
  inflater.onData = (chunk: Uint8Array): void => {
    total += chunk.length;
    if (total > maxBytes) throw new OutputTooLarge();
    chunks.push(chunk);
  };
  inflater.onEnd = (): void => {};
  try {
    inflater.push(gz, true);
  } catch (error) {
    if (error instanceof OutputTooLarge) throw new ProfileError(source, inflatedPastCap(maxBytes));
    throw new ProfileError(source, corruptGzip(error instanceof Error ? error.message : String(error)));
  }
  if (inflater.err !== 0) {
    throw new ProfileError(source, corruptGzip(inflater.msg || `zlib status ${inflater.err}`));
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
};
