/**
 * What the decode worker does for each request, without the thread plumbing, so it can be
 * tested directly. The decoded profile stays here; views are computed from it on demand.
 */
import { decodeProfile, ProfileError, type Profile } from '../pprof';
import { inflateNode } from '../pprof/inflate-node';
import { selectSampleType } from '../analysis/sample-type';
import { OptionError } from '../shared/option-error';
import { FrameBudgetError } from '../analysis/frame-budget';
import { topTable } from '../analysis/top';
import { mergeForDiff } from '../analysis/diff';
import { answerRequest, type HandlerTable } from '../shared/rpc';
import { lineCostsForQuery } from '../analysis/line-table';
import type { PeekParams, PeekView } from '../shared/peek-view';
import type { TopView } from '../shared/top-view';
import type { TreeParams } from '../shared/tree-view';
import type { ProfileSummary, StackTreeView, ViewQuery } from '../shared/view-model';
import type { BaseInfo, HostToWorker, OpenParams, WorkerMethods, WorkerToHost } from './worker-protocol';
import { buildSummary, buildTopView, MAX_TOP_ROWS } from './view-builders';
import { buildPeekView, stackTreeView, stackTrie } from './tree-builders';
import { comparisonTotals, diffFlameView } from './diff-builders';
import { queryKey, toReportOptions } from './report-options';
import { buildCallGraphView } from './callgraph-builder';
import { buildGoroutinesView } from './goroutines-builder';
import { buildSandwichView } from './sandwich-builder';
import { buildLabelsView } from './labels-builder';
import { coarseFlame } from './coarse-flame';
import { buildDisasm, buildSourceListing, functionNamed } from './source-builder';
import { PendingStacks, wideFirstFlame } from './first-flame';
import { firstTreePart, treePart } from './tree-parts';
import { TREE_PART_NODES } from '../shared/flame-view';

/** Results kept per document (switching views or undoing a filter is instant). */
const CACHE_SIZE = 12;

interface Base {
  readonly profile: Profile;
  readonly source: string;
  merged?: Profile;
}

export class WorkerHandlers {
  private profile: Profile | undefined;
  private base: Base | undefined;
  private source = 'profile';
  private goroutineDump: string | undefined;
  private readonly cache = new Map<string, TopView | StackTreeView | PeekView>();
  private readonly pendingStacks = new PendingStacks();

  /** `partNodes`: the most nodes a whole flame tree sends in one message (smaller in tests). */
  constructor(private readonly partNodes = TREE_PART_NODES) {}

  /** One handler per worker method; adding a view method adds its line here. */
  private readonly handlers: HandlerTable<WorkerMethods> = {
    open: (params) => this.open(params),
    openBase: (params) => this.openBase(params),
    top: (params) => this.cached('top', params, () => this.top(params)),
    // A big tree's coarse part first; `flameWhole` follows.
    flame: (params) => this.cached('flame', params, () => this.firstFlame(params)),
    flameWhole: (params) => firstTreePart(this.flameWhole(params), this.partNodes),
    treePart: (params) => treePart(this.flameWhole(params), params.from, this.partNodes),
    tree: (params) => this.cached('tree', params, () => this.tree(params)),
    peek: (params) => this.cached('peek', params, () => this.peek(params)),
    goroutines: (params) => buildGoroutinesView(this.opened(), this.goroutineDump, params, this.diffBase(params)),
    callgraph: (params) => buildCallGraphView(this.opened(), params),
    sandwich: (params) => buildSandwichView(this.opened(), params),
    labels: (params) => buildLabelsView(this.opened(), params),
    lineCosts: (params) => lineCostsForQuery(this.opened(), params, this.diffBase(params)?.profile),
    sourceListing: (params) => buildSourceListing(this.opened(), params),
    disasmListing: (params) => buildDisasm(this.opened(), params),
    functionOf: (params) => functionNamed(this.opened(), params),
  };

  answer(request: HostToWorker): WorkerToHost {
    return answerRequest(this.handlers, request, (error) => this.describe(error));
  }

  private open(params: OpenParams): ProfileSummary {
    this.source = params.source;
    this.goroutineDump = params.goroutineDump;
    this.profile = undefined;
    this.base = undefined;
    this.cache.clear();
    this.pendingStacks.clear();
    this.profile = this.decode(params);
    return buildSummary(this.profile, this.source);
  }

  private openBase(params: OpenParams): BaseInfo {
    const current = this.opened();
    const profile = this.decode(params);
    mergeForDiff(current, profile, 'base'); // refuses incompatible sample types now, with pprof's message
    this.base = { profile, source: params.source };
    this.cache.clear();
    return { source: params.source };
  }

  private decode(params: OpenParams): Profile {
    const { bytes, source, maxInflatedBytes } = params;
    return decodeProfile(bytes, { source, inflate: inflateNode, maxInflatedBytes });
  }

  private cached<T extends TopView | StackTreeView | PeekView>(method: string, query: ViewQuery, build: () => T): T {
    const key = this.key(method, query);
    const hit = this.cache.get(key) as T | undefined;
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const result = build();
    this.cache.set(key, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  private key(method: string, query: ViewQuery): string {
    return queryKey(method, { ...query, diff: query.diff === true && this.base !== undefined });
  }

  private diffBase(query: ViewQuery): Base | undefined {
    return query.diff === true ? this.base : undefined;
  }

  /**
   * Built from the stacks' wide frames alone, unless the whole tree is cached already (then cut
   * from it) or small; a comparison is always whole (its colours need every path).
   */
  private firstFlame(query: ViewQuery): StackTreeView {
    const whole = this.cache.get(this.key('flameWhole', query));
    if (whole) return coarseFlame(whole as StackTreeView);
    if (this.diffBase(query)) return this.flameWhole(query);
    const profile = this.opened();
    const sampleIndex = selectSampleType(profile, query.sampleIndex);
    const unit = profile.sampleTypes[sampleIndex]?.unit ?? '';
    const options = { ...toReportOptions(query, sampleIndex), sampleIndex };
    return wideFirstFlame(profile, options, unit, this.pendingStacks) ?? this.flameWhole(query);
  }

  private flameWhole(query: ViewQuery): StackTreeView {
    return this.cached('flameWhole', query, () => this.tree({ ...query, direction: 'top-down' }, true));
  }

  private top(query: ViewQuery): TopView {
    const profile = this.opened();
    const sampleIndex = selectSampleType(profile, query.sampleIndex);
    const options = toReportOptions(query, sampleIndex);
    const base = this.diffBase(query);
    if (!base) return buildTopView(profile, sampleIndex, MAX_TOP_ROWS, options);
    base.merged ??= mergeForDiff(profile, base.profile, 'base');
    const view = buildTopView(base.merged, sampleIndex, MAX_TOP_ROWS, options, {
      table: topTable(base.profile, options),
      current: topTable(profile, options),
      source: base.source,
    });
    return { ...view, comparison: comparisonTotals(profile, base.profile, sampleIndex, view.sampleType.unit) };
  }

  /** With a base, the flame graph gets every path of both profiles; the trees get the totals only. */
  private tree(params: TreeParams, flame = false): StackTreeView {
    const profile = this.opened();
    const sampleIndex = selectSampleType(profile, params.sampleIndex);
    const options = toReportOptions(params, sampleIndex);
    const unit = profile.sampleTypes[sampleIndex]?.unit ?? '';
    const trie = stackTrie(profile, options, params.direction, this.pendingStacks.take(options));
    const view = stackTreeView(trie, sampleIndex, unit);
    const base = this.diffBase(params);
    if (!base) return view;
    const comparison = comparisonTotals(profile, base.profile, sampleIndex, unit);
    if (!flame) return { ...view, baseSource: base.source, comparison };
    return diffFlameView(trie, stackTrie(base.profile, options, params.direction), sampleIndex, unit, base.source, comparison);
  }

  private peek(params: PeekParams): PeekView {
    const profile = this.opened();
    const sampleIndex = selectSampleType(profile, params.sampleIndex);
    const unit = profile.sampleTypes[sampleIndex]?.unit ?? '';
    return buildPeekView(profile, toReportOptions(params, sampleIndex), params.name, unit);
  }

  private opened(): Profile {
    if (!this.profile) throw new ProfileError(this.source, 'no profile is loaded');
    return this.profile;
  }

  private describe(error: unknown): string {
    if (error instanceof ProfileError) return error.message;
    // The profile's own stacks are past the budget: name the file, as a decode error would.
    if (error instanceof FrameBudgetError) return `${this.source}: ${error.message}`;
    if (error instanceof OptionError) return error.message;
    const detail = error instanceof Error ? error.message : String(error);
    return `${this.source}: internal error: ${detail}`;
  }
}
