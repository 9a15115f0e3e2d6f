/**
 * Pulls a merged profile: asks the server, decodes the answer with the project's decoder (a
 * broken answer is caught here, not in a view), refuses an empty range in words, and measures
 * how much the server's maxNodes limit folded away. Node (gzip).
 */
import { gzipSync } from 'node:zlib';
import { decodeProfile, type Profile } from '../pprof';
import { inflateNode } from '../pprof/inflate-node';
import type { ServerClient } from './server-client';
import { ServerError, serverLabel } from './server-errors';
import { serviceOf, type ServerQuery } from './server-query';
import { describeRange } from './time-range';

export interface PulledProfile {
  /** The merged profile, gzipped, as saved files and the profile editor take it. */
  readonly gzipped: Uint8Array;
  readonly profile: Profile;
  readonly call: string;
  readonly sampleCount: number;
  /** With maxNodes: the share (0..1) of the total in frames the server folded into "other". */
  readonly truncatedShare: number;
}

/** Pyroscope names the node holding what maxNodes cut off "other". */
const TRUNCATED_NAME = 'other';

export async function pullProfile(client: ServerClient, query: ServerQuery, signal?: AbortSignal): Promise<PulledProfile> {
  const merged = await client.mergedProfile(query, signal);
  const source = `${serverLabel(query.server)} ${query.profileType}`;
  const profile = decodeProfile(merged.bytes, { source, inflate: inflateNode });
  const total = totalOf(profile);
  if (profile.samples.count === 0 || total === 0) {
    const what = serviceOf(query) ?? query.selector;
    throw new ServerError(
      'empty',
      `${serverLabel(query.server)}: no ${query.profileType} profiles for ${what} between ${describeRange(query.range)}`,
    );
  }
  return {
    gzipped: gzipSync(merged.bytes),
    profile,
    call: merged.call,
    sampleCount: profile.samples.count,
    truncatedShare: query.maxNodes ? truncatedValue(profile) / total : 0,
  };
}

function totalOf(profile: Profile): number {
  const { values, valueCount, count } = profile.samples;
  const t = profile.defaultSampleTypeIndex;
  let sum = 0;
  for (let s = 0; s < count; s++) sum += Math.abs(values[s * valueCount + t]!);
  return sum;
}

/** The value of the samples whose stack passes through a frame named "other". */
function truncatedValue(profile: Profile): number {
  const otherName = profile.strings.indexOf(TRUNCATED_NAME);
  if (otherName < 0) return 0;
  const { functions, locations, samples } = profile;
  const truncatedLocation = new Uint8Array(locations.count);
  for (let l = 0; l < locations.count; l++) {
    for (let i = locations.lineStart[l]!; i < locations.lineStart[l + 1]!; i++) {
      const f = locations.lineFunction[i]!;
      if (f >= 0 && functions.name[f] === otherName) truncatedLocation[l] = 1;
    }
  }
  let sum = 0;
  const t = profile.defaultSampleTypeIndex;
  for (let s = 0; s < samples.count; s++) {
    for (let k = samples.stackStart[s]!; k < samples.stackStart[s + 1]!; k++) {
      if (truncatedLocation[samples.stackLocations[k]!]) {
        sum += Math.abs(samples.values[s * samples.valueCount + t]!);
        break;
      }
    }
  }
  return sum;
}

/** One line on the truncation, or undefined when nothing was folded. */
export function truncationNotice(pulled: PulledProfile, query: ServerQuery): string | undefined {
  if (!query.maxNodes || pulled.truncatedShare === 0) return undefined;
  const pct = (pulled.truncatedShare * 100).toFixed(pulled.truncatedShare < 0.01 ? 2 : 1);
  return `${query.server.name} kept the ${query.maxNodes} largest nodes: ${pct}% of the total is folded into "${TRUNCATED_NAME}" (raise goProfiler.serverMaxNodes, 0 = no limit)`;
}
