/**
 * What the decode worker does for each request, without the thread plumbing, so it can be
 * tested directly. The decoded profile stays here; views are computed from it on demand.
 */
import { decodeProfile, ProfileError, type Profile } from '../pprof';
import { inflateNode } from '../pprof/inflate-node';
import { selectSampleType } from '../analysis/sample-type';
import { assertNever } from '../shared/rpc';
import type { TopView } from '../shared/view-model';
import type { HostToWorker, WorkerToHost } from '../shared/worker-protocol';
import { buildSummary, buildTopView } from './view-builders';

export class WorkerHandlers {
  private profile: Profile | undefined;
  private source = 'profile';
  /** Top tables already computed, by sample type: switching back is instant. */
  private readonly topCache = new Map<number, TopView>();

  answer(request: HostToWorker): WorkerToHost {
    const { id } = request;
    try {
      switch (request.method) {
        case 'open': {
          const { bytes, source, maxInflatedBytes } = request.params;
          this.source = source;
          this.profile = undefined;
          this.topCache.clear();
          this.profile = decodeProfile(bytes, { source, inflate: inflateNode, maxInflatedBytes });
          return { kind: 'response', id, ok: true, method: 'open', result: buildSummary(this.profile, source) };
        }
        case 'top': {
          const profile = this.opened();
          const sampleIndex = selectSampleType(profile, request.params.sampleIndex);
          const result = this.topCache.get(sampleIndex) ?? buildTopView(profile, sampleIndex);
          this.topCache.set(sampleIndex, result);
          return { kind: 'response', id, ok: true, method: 'top', result };
        }
        default:
          return assertNever(request, 'request');
      }
    } catch (error) {
      return { kind: 'response', id, ok: false, error: this.describe(error) };
    }
  }

  private opened(): Profile {
    if (!this.profile) throw new ProfileError(this.source, 'no profile is loaded');
    return this.profile;
  }

  private describe(error: unknown): string {
    if (error instanceof ProfileError) return error.message;
    const detail = error instanceof Error ? error.message : String(error);
    return `${this.source}: internal error: ${detail}`;
  }
}
