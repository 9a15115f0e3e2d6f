/**
 * What the editor hints follow of one profile editor: its views' last options, narrowed to the
 * flame graph's zoomed frame while it is zoomed. A new flame tree (other options) starts
 * unzoomed, so a request with other options forgets the zoom. No VS Code dependency.
 */
import { isRecord } from '../shared/guards';
import { parseHintQuery } from '../shared/line-costs-view';
import { granularities, type GranularityView } from '../shared/view-model';

interface Zoom {
  readonly path: readonly string[];
  readonly granularity: GranularityView;
}

function granularityOf(params: unknown): GranularityView {
  const g = isRecord(params) ? params.granularity : undefined;
  return granularities.find((x) => x === g) ?? 'functions';
}

export class FlameZoomState {
  private key: string | undefined;
  private params: unknown;
  private zoom: Zoom | undefined;

  /** A view request's params; returns the options the hints follow. */
  request(params: unknown): unknown {
    const key = JSON.stringify([parseHintQuery(params) ?? null, granularityOf(params)]);
    if (key !== this.key) this.zoom = undefined;
    this.key = key;
    this.params = params;
    return this.options();
  }

  /** The flame graph zoomed to `path` ([] = zoomed out); undefined before any view request. */
  zoomed(path: readonly string[]): unknown {
    if (this.params === undefined) return undefined;
    this.zoom = path.length > 0 ? { path, granularity: granularityOf(this.params) } : undefined;
    return this.options();
  }

  private options(): unknown {
    if (!this.zoom || !isRecord(this.params)) return this.params;
    return { ...this.params, flamePath: this.zoom.path, flameGranularity: this.zoom.granularity };
  }
}
