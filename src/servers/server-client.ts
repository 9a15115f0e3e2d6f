/** What the extension and the CLI ask of a profiling server, whatever its kind. */
import type { ServerProfileType } from './profile-types';
import type { ServerQuery } from './server-query';
import type { TimeRange } from './time-range';

export interface MergedProfile {
  /** The merged profile as pprof profile.proto bytes (not gzipped). */
  readonly bytes: Uint8Array;
  /** The API call that answered (for the sidecar and the progress line). */
  readonly call: string;
}

export interface ServerClient {
  profileTypes(range: TimeRange, signal?: AbortSignal): Promise<ServerProfileType[]>;
  labelNames(selector: string, range: TimeRange, signal?: AbortSignal): Promise<string[]>;
  labelValues(name: string, selector: string, range: TimeRange, signal?: AbortSignal): Promise<string[]>;
  mergedProfile(query: ServerQuery, signal?: AbortSignal): Promise<MergedProfile>;
}
