import type { FrameTotals } from './frame-totals';
import type { Frame } from './frames';
import { concatLocationStacks } from './inline-labels';

/**
 * The frame totals of one profile whose samples were added up in two parts (the earlier
 * samples in `first`, the later ones in `second`, e.g. by two threads): the same as one pass
 * over all samples. Frames are matched by identity; a frame keeps what the earlier part saw
 * first (its file), and its inline marker covers the uses in both parts.
 */
export function mergeFrameTotals(first: FrameTotals, second: FrameTotals): FrameTotals {
  if (first.sampleTypeIndex !== second.sampleTypeIndex) {
    throw new Error(`mergeFrameTotals: sample types ${first.sampleTypeIndex} and ${second.sampleTypeIndex} differ`);
  }
  const frames: Frame[] = [...first.frames];
  const byIdentity = new Map<string, number>();
  frames.forEach((f, i) => byIdentity.set(f.identity, i));
  const flat = [...first.flat];
  const cum = [...first.cum];
  const frameOf = new Int32Array(second.frames.length);
  second.frames.forEach((frame, j) => {
    const i = byIdentity.get(frame.identity);
    frameOf[j] = i ?? frames.length;
    if (i === undefined) {
      byIdentity.set(frame.identity, frames.length);
      frames.push(frame);
      flat.push(second.flat[j]!);
      cum.push(second.cum[j]!);
      return;
    }
    flat[i]! += second.flat[j]!;
    cum[i]! += second.cum[j]!;
    frames[i] = withUses(frames[i]!, uses(frame));
  });
  return {
    sampleTypeIndex: first.sampleTypeIndex,
    sampleType: first.sampleType,
    frames,
    flat: Float64Array.from(flat),
    cum: Float64Array.from(cum),
    total: first.total + second.total,
    ...(first.stacks && second.stacks ? { stacks: concatLocationStacks(first.stacks, second.stacks, (f) => frameOf[f]!) } : {}),
  };
}

interface Uses {
  readonly inlined: boolean;
  readonly direct: boolean;
}

/** Whether a frame was used as an inlined call and as a plain one, from its markers (every frame has a use). */
function uses(frame: Frame): Uses {
  return { inlined: frame.inlined || frame.partialInline, direct: !frame.inlined };
}

function withUses(frame: Frame, more: Uses): Frame {
  const own = uses(frame);
  const inlined = own.inlined || more.inlined;
  const direct = own.direct || more.direct;
  if (inlined === own.inlined && direct === own.direct) return frame;
  return { ...frame, inlined: inlined && !direct, partialInline: inlined && direct };
}
