/**
 * "Save a copy" of a pulled profile: into the profiles folder like any capture, named after
 * the service and sample type, with a sidecar that records the query (server, type, selector,
 * range, maxNodes; never credentials) so anyone can pull it again. Node.
 */
import { saveProfile, type SavedProfile } from '../store/profile-store';
import { parseTypeId } from './profile-types';
import { recordQuery, serviceOf, type ServerQuery } from './server-query';

export function saveServerCopy(folder: string, gzipped: Uint8Array, query: ServerQuery): Promise<SavedProfile> {
  const program = serviceOf(query) ?? query.server.name;
  const type = parseTypeId(query.profileType)?.sampleType ?? 'profile';
  return saveProfile(folder, {
    program,
    type,
    profile: gzipped,
    date: new Date(query.range.toMs),
    sidecar: {
      version: 1,
      program,
      args: [],
      capture: { kind: type, source: 'server', url: query.server.url, query: recordQuery(query) },
      startedAt: new Date(query.range.fromMs).toISOString(),
      endedAt: new Date(query.range.toMs).toISOString(),
    },
  });
}
