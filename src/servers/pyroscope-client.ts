/**
 * Grafana Pyroscope's querier API (querier.v1.QuerierService) through the Connect runtime and
 * the message code generated from Pyroscope's own .proto files (gen/pyroscope, see
 * scripts/servers/gen-pyroscope-api.mjs). Binary Connect over HTTP/1.1, which Pyroscope serves.
 *
 * The merge asks SelectMergeStacktraces for PROFILE_FORMAT_PPROF (the current API) and falls
 * back to SelectMergeProfile (deprecated in API v1.6, still served) when the server does not
 * know that call or answers without a pprof profile, as Grafana's profilecli does.
 */
import { toBinary } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type Client, type Interceptor } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { ProfileSchema } from './gen/pyroscope/google/v1/profile_pb';
import { ProfileFormat, QuerierService } from './gen/pyroscope/querier/v1/querier_pb';
import { authorization, type Credentials } from './credentials';
import { parseTypeId, sortTypes, type ServerProfileType } from './profile-types';
import type { MergedProfile, ServerClient } from './server-client';
import type { ServerConfig } from './server-config';
import { callNaming } from './server-error-mapping';
import type { ServerQuery } from './server-query';
import type { TimeRange } from './time-range';

export class PyroscopeClient implements ServerClient {
  private readonly client: Client<typeof QuerierService>;

  constructor(
    private readonly server: ServerConfig,
    credentials: Credentials | undefined,
  ) {
    const headers: Interceptor = (next) => (req) => {
      if (credentials) req.header.set('Authorization', authorization(credentials));
      if (server.tenant) req.header.set('X-Scope-OrgID', server.tenant);
      return next(req);
    };
    const transport = createConnectTransport({
      baseUrl: server.url,
      httpVersion: '1.1',
      useBinaryFormat: true,
      interceptors: [headers],
    });
    this.client = createClient(QuerierService, transport);
  }

  private call<T>(run: () => Promise<T>): Promise<T> {
    return callNaming(this.server, run);
  }

  profileTypes(range: TimeRange, signal?: AbortSignal): Promise<ServerProfileType[]> {
    return this.call(async () => {
      const r = await this.client.profileTypes({ start: BigInt(range.fromMs), end: BigInt(range.toMs) }, { signal });
      const types = r.profileTypes.map((t) => parseTypeId(t.ID)).filter((t): t is ServerProfileType => t !== undefined);
      return sortTypes(types);
    });
  }

  labelNames(selector: string, range: TimeRange, signal?: AbortSignal): Promise<string[]> {
    return this.call(async () => {
      const r = await this.client.labelNames({ matchers: matchersOf(selector), start: BigInt(range.fromMs), end: BigInt(range.toMs) }, { signal });
      // Names starting with __ are Pyroscope's own (__profile_type__, __name__…), not the user's.
      return r.names.filter((n) => !n.startsWith('__')).sort();
    });
  }

  labelValues(name: string, selector: string, range: TimeRange, signal?: AbortSignal): Promise<string[]> {
    return this.call(async () => {
      const r = await this.client.labelValues(
        { name, matchers: matchersOf(selector), start: BigInt(range.fromMs), end: BigInt(range.toMs) },
        { signal },
      );
      return [...r.names].sort();
    });
  }

  mergedProfile(query: ServerQuery, signal?: AbortSignal): Promise<MergedProfile> {
    return this.call(async () => {
      const request = {
        profileTypeID: query.profileType,
        labelSelector: query.selector,
        start: BigInt(query.range.fromMs),
        end: BigInt(query.range.toMs),
        ...(query.maxNodes ? { maxNodes: BigInt(query.maxNodes) } : {}),
      };
      try {
        const r = await this.client.selectMergeStacktraces({ ...request, format: ProfileFormat.PPROF }, { signal });
        if (r.pprof?.profile) return { bytes: toBinary(ProfileSchema, r.pprof.profile), call: 'SelectMergeStacktraces' };
      } catch (e) {
        if (!(e instanceof ConnectError && (e.code === Code.Unimplemented || e.code === Code.NotFound))) throw e;
      }
      const profile = await this.client.selectMergeProfile(request, { signal });
      return { bytes: toBinary(ProfileSchema, profile), call: 'SelectMergeProfile' };
    });
  }
}

/** Pyroscope's matchers list: the selector, or nothing for "all" (`{}`). */
function matchersOf(selector: string): string[] {
  return selector.replace(/\s/g, '') === '{}' ? [] : [selector];
}
