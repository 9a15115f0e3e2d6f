import type { FlameGraphModel } from './model';
import { nodeName } from './model';
import type { FrameRects } from './layout';
import type { DrawState } from './draw';
import { fillOf, isDimmed, rowTop } from './draw';
import type { LabelFitter, TextMeasurer } from './labels';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The laid-out frames as a standalone SVG document. Every profile string goes in through
 * textContent, and XMLSerializer escapes it.
 */
export function buildFlameSvg(
  doc: Document,
  model: FlameGraphModel,
  rects: FrameRects,
  state: DrawState,
  labels: LabelFitter,
  measurer: TextMeasurer,
  describe: (node: number) => string,
): string {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(state.widthPx));
  svg.setAttribute('height', String(state.heightPx));
  svg.setAttribute('viewBox', `0 0 ${state.widthPx} ${state.heightPx}`);
  svg.setAttribute('font-family', state.font.replace(/^\S+\s+/, ''));
  svg.setAttribute('font-size', String(parseFloat(state.font) || 12));
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', state.background);
  svg.append(background);
  const { palette, rowHeight } = state;
  for (let i = 0; i < rects.count; i++) {
    const node = rects.node[i]!;
    const top = rowTop(state, rects.depth[i]!);
    if (top + rowHeight <= 0 || top >= state.heightPx) continue;
    const left = Math.max(rects.left[i]!, 0);
    const width = Math.min(rects.left[i]! + rects.width[i]!, state.widthPx) - left;
    const g = doc.createElementNS(SVG_NS, 'g');
    const rect = doc.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', left.toFixed(2));
    rect.setAttribute('y', String(top));
    rect.setAttribute('width', Math.max(width - (width > 2 ? 1 : 0), 0.5).toFixed(2));
    rect.setAttribute('height', String(rowHeight - 1));
    g.append(rect);
    if (node < 0) {
      rect.setAttribute('fill', palette.mergedFill);
      svg.append(g);
      continue;
    }
    const name = nodeName(model, node);
    const dimmed = isDimmed(model, node, state);
    rect.setAttribute('fill', fillOf(model, node, state));
    const title = doc.createElementNS(SVG_NS, 'title');
    title.textContent = describe(node);
    g.prepend(title);
    if (width > 24) {
      const label = labels.fit(measurer, name, width - 6);
      if (label !== '') {
        const text = doc.createElementNS(SVG_NS, 'text');
        text.setAttribute('x', (left + 3).toFixed(2));
        text.setAttribute('y', String(top + rowHeight / 2));
        text.setAttribute('dominant-baseline', 'central');
        text.setAttribute('fill', dimmed ? palette.dimmedText : palette.frameText);
        text.textContent = label;
        g.append(text);
      }
    }
    svg.append(g);
  }
  return new XMLSerializer().serializeToString(svg);
}
