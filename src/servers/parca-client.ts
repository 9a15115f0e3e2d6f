/**
 * Parca's query API (parca.query.v1alpha1.QueryService) through Parca's own published client
 * (@parca/client, generated from Parca's .proto files) over gRPC-web, which Parca serves on its
 * HTTP port. Parca names a type `name:sample_type:sample_unit:period_type:period_unit[:delta]`
 * and puts it in front of the label selector: `process_cpu:…:delta{job="checkout"}`.
 */
import { GrpcWebFetchTransport } from '@protobuf-ts/grpcweb-transport';
import { RpcError } from '@protobuf-ts/runtime-rpc';
import { QueryRequest_Mode, QueryRequest_ReportType, QueryServiceClient, Timestamp } from '@parca/client';
import { authorization, type Credentials } from './credentials';
import { parseTypeId, sortTypes, type ServerProfileType } from './profile-types';
import type { MergedProfile, ServerClient } from './server-client';
import type { ServerConfig } from './server-config';
import { callNaming, causeChain } from './server-error-mapping';
import type { ServerQuery } from './server-query';
import type { TimeRange } from './time-range';

export class ParcaClient implements ServerClient {
  private readonly client: QueryServiceClient;

  constructor(
    private readonly server: ServerConfig,
    credentials: Credentials | undefined,
  ) {
    const transport = new GrpcWebFetchTransport({
      baseUrl: server.url,
      format: 'binary',
      meta: credentials ? { authorization: authorization(credentials) } : {},
      fetch: fetchKeepingCause,
    });
    this.client = new QueryServiceClient(transport);
  }

  private call<T>(run: () => Promise<T>): Promise<T> {
    return callNaming(this.server, run);
  }

  profileTypes(range: TimeRange, abort?: AbortSignal): Promise<ServerProfileType[]> {
    return this.call(async () => {
      const { response } = await this.client.profileTypes(timeRange(range), { abort });
      const ids = response.types.map((t) =>
        [t.name, t.sampleType, t.sampleUnit, t.periodType, t.periodUnit, ...(t.delta ? ['delta'] : [])].join(':'),
      );
      return sortTypes(ids.map(parseTypeId).filter((t): t is ServerProfileType => t !== undefined));
    });
  }

  labelNames(selector: string, range: TimeRange, abort?: AbortSignal): Promise<string[]> {
    return this.call(async () => {
      const { response } = await this.client.labels({ match: matchOf(selector), ...timeRange(range) }, { abort });
      return response.labelNames.filter((n) => !n.startsWith('__')).sort();
    });
  }

  labelValues(name: string, selector: string, range: TimeRange, abort?: AbortSignal): Promise<string[]> {
    return this.call(async () => {
      const { response } = await this.client.values({ labelName: name, match: matchOf(selector), ...timeRange(range) }, { abort });
      return [...response.labelValues].sort();
    });
  }

  mergedProfile(query: ServerQuery, abort?: AbortSignal): Promise<MergedProfile> {
    return this.call(async () => {
      const { start, end } = timeRange(query.range);
      const { response } = await this.client.query(
        {
          mode: QueryRequest_Mode.MERGE,
          options: { oneofKind: 'merge', merge: { query: `${query.profileType}${query.selector}`, start, end } },
          reportType: QueryRequest_ReportType.PPROF,
          filter: [],
        },
        { abort },
      );
      if (response.report.oneofKind !== 'pprof') {
        throw new Error(`answered with a ${response.report.oneofKind ?? 'empty'} report instead of pprof`);
      }
      return { bytes: response.report.pprof, call: 'Query (MODE_MERGE, REPORT_TYPE_PPROF)' };
    });
  }
}

function timeRange(range: TimeRange): { start: Timestamp; end: Timestamp } {
  return { start: Timestamp.fromDate(new Date(range.fromMs)), end: Timestamp.fromDate(new Date(range.toMs)) };
}

function matchOf(selector: string): string[] {
  return selector.replace(/\s/g, '') === '{}' ? [] : [selector];
}

/**
 * The gRPC-web transport turns a failed fetch into an RpcError of the fetch's message alone
 * ("fetch failed"), dropping why (ECONNREFUSED, a TLS error). It passes RpcErrors through, so
 * the failure is raised as one that keeps the network error as its cause for toServerError.
 * An abort stays what it is: the transport reports it as cancelled.
 */
const fetchKeepingCause: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    const error = new RpcError(innermostMessage(e), 'UNAVAILABLE');
    (error as { cause?: unknown }).cause = e;
    throw error;
  }
};

/** The message of the last error along `e`'s cause chain: undici's own says only "fetch failed". */
function innermostMessage(e: unknown): string {
  const messages = causeChain(e).flatMap((at) => (at instanceof Error && at.message !== '' ? [at.message] : []));
  return messages.at(-1) ?? String(e);
}
