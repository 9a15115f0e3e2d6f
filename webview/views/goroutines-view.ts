/**
 * The "Goroutines" tab (goroutine profiles): goroutines grouped by identical stack, largest
 * groups first, with count, state and wait time (from the debug=2 dump saved with the capture,
 * else from the profile's samples); searchable; every frame opens its source.
 */
import type { GoroutineFrameView, GoroutineGroupView, GoroutinesView } from '../../src/shared/goroutines-view';
import type { ProfileSummary, ViewQuery } from '../../src/shared/view-model';
import { compileGoRegexp } from '../../src/shared/go-regexp';
import { clear, element } from '../dom';
import { queryKey, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';

/** Groups drawn before "Show more". */
const PAGE = 200;

export function isGoroutineProfile(summary: ProfileSummary): boolean {
  return summary.sampleTypes.some((t) => t.type === 'goroutine');
}

function groupMatches(group: GoroutineGroupView, pattern: RegExp): boolean {
  const frames = group.createdBy ? [...group.frames, group.createdBy] : group.frames;
  return pattern.test(group.stateText) || frames.some((f) => pattern.test(f.name) || pattern.test(f.file));
}

class GoroutinesViewInstance implements ViewInstance {
  private view: GoroutinesView | undefined;
  private shownKey = '';
  private filter: RegExp | undefined;
  private search: RegExp | undefined;
  private selection: string | undefined;
  private limit = PAGE;
  private readonly filterInput = element('input', {
    className: 'tb-filter',
    attrs: { type: 'search', placeholder: 'Filter goroutines (regex)', 'aria-label': 'Filter goroutine groups', 'data-testid': 'goroutines-filter' },
  });
  private readonly caption = element('div', { className: 'gr-caption', attrs: { 'data-testid': 'goroutines-caption' } });
  private readonly body = element('div', { className: 'gr-body', attrs: { 'data-testid': 'goroutines' } });

  constructor(
    container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    this.filterInput.addEventListener('input', () => {
      const text = this.filterInput.value.trim();
      try {
        this.filter = text === '' ? undefined : compileGoRegexp('filter', text);
        this.filterInput.removeAttribute('aria-invalid');
      } catch {
        this.filterInput.setAttribute('aria-invalid', 'true');
        return;
      }
      this.limit = PAGE;
      this.render();
    });
    container.append(element('div', { className: 'view-toolbar' }, [this.filterInput, this.caption]), this.body);
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    const key = queryKey(query);
    if (key === this.shownKey) return;
    const view = await this.context.rpc.request('goroutines', query);
    if (!isCurrent()) return;
    this.shownKey = key;
    this.view = view;
    this.context.showTotal(`${view.total} goroutines`);
    this.render();
  }

  private render(): void {
    const view = this.view;
    clear(this.body);
    if (!view) return;
    const visible = view.groups.filter((g) => !this.filter || groupMatches(g, this.filter));
    const origin = view.origin === 'dump' ? 'from the debug=2 dump saved with the capture' : 'from the profile samples';
    const omitted = view.omittedGroups > 0 ? ` (${view.omittedGroups} smallest groups not listed)` : '';
    const shownCount = visible.reduce((n, g) => n + g.count, 0);
    this.caption.textContent = `${shownCount} of ${view.total} goroutines in ${visible.length} groups, ${origin}${omitted}`;
    if (view.groups.length === 0) {
      this.body.append(element('div', { className: 'empty-state', attrs: { 'data-testid': 'empty-state' } }, [element('p', { className: 'empty-title', text: 'No goroutines' })]));
      return;
    }
    const list = element('div', { className: 'gr-list', attrs: { role: 'list' } });
    for (const group of visible.slice(0, this.limit)) list.append(this.groupElement(group));
    this.body.append(list);
    if (visible.length > this.limit) {
      const more = element('button', { className: 'tb-button', text: `Show ${Math.min(PAGE, visible.length - this.limit)} more groups`, attrs: { type: 'button' } });
      more.addEventListener('click', () => {
        this.limit += PAGE;
        this.render();
      });
      this.body.append(more);
    }
    this.mark();
  }

  private groupElement(group: GoroutineGroupView): HTMLElement {
    const top = group.frames[0]?.name ?? '(no frames)';
    const summary = element('summary', { className: 'gr-summary' }, [
      element('span', { className: 'gr-count', text: String(group.count), attrs: { 'data-testid': 'goroutine-count' } }),
      element('span', { className: 'gr-state', text: group.stateText }),
      element('span', { className: 'gr-wait', text: group.waitText }),
      element('span', { className: 'gr-top', text: top }),
    ]);
    const frames = element('ol', { className: 'gr-frames' }, group.frames.map((f) => this.frameElement(f, '')));
    const parts: HTMLElement[] = [summary, frames];
    if (group.createdBy) parts.push(element('div', { className: 'gr-created' }, [this.frameElement(group.createdBy, 'created by ')]));
    if (group.ids.length > 0) {
      const more = group.count > group.ids.length ? ` … (${group.count - group.ids.length} more)` : '';
      parts.push(element('div', { className: 'gr-ids', text: `goroutine ${group.ids.join(', ')}${more}` }));
    }
    const details = element('details', { className: 'gr-group', attrs: { role: 'listitem', 'data-testid': 'goroutine-group' } }, parts);
    details.open = true;
    return details;
  }

  private frameElement(frame: GoroutineFrameView, prefix: string): HTMLElement {
    const where = frame.file ? `${frame.file}${frame.line > 0 ? `:${frame.line}` : ''}` : '';
    const button = element('button', { className: 'gr-frame', attrs: { type: 'button', 'data-name': frame.name, title: where || frame.name } }, [
      element('span', { className: 'gr-fn', text: `${prefix}${frame.name}` }),
      element('span', { className: 'gr-loc', text: where }),
    ]);
    button.addEventListener('click', () => {
      this.context.select(frame.name);
      if (frame.file) this.context.openSource(frame.file, frame.line);
    });
    return element('li', {}, [button]);
  }

  private mark(): void {
    let matches = 0;
    for (const b of this.body.querySelectorAll<HTMLButtonElement>('.gr-frame')) {
      const name = b.dataset.name ?? '';
      const hit = this.search !== undefined && this.search.test(name);
      if (hit) matches++;
      b.classList.toggle('gr-match', hit);
      b.classList.toggle('gr-selected', name === this.selection);
    }
    if (this.search) this.context.searchStatus(`${matches} frames match`);
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    this.mark();
  }

  setSelection(name: string | undefined): void {
    this.selection = name;
    this.mark();
  }

  dispose(): void {
    clear(this.body);
  }
}

export const goroutinesViewModule: ProfileViewModule = {
  id: 'goroutines',
  title: 'Goroutines',
  appliesTo: isGoroutineProfile,
  create: (container, context) => new GoroutinesViewInstance(container, context),
};
