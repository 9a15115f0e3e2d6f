/** The flame graph component: mount it into a container and feed it the flame tree. */
export { mountFlameGraph } from './flame-graph';
export { searchStatus } from './search';
export { orderedTreeIndexInSlices } from './ordered-tree-index';
export type { FlameFrameText, FlameGraphCallbacks, FlameGraphHandle, FlameGraphOptions, FlameSearchSummary, FlameViewState, FrameColour } from './api';
export type { ThemeKind } from './palette';
export type { TreeIndex } from './tree-index';
export type { TooltipContent, TooltipLine } from './tooltip-text';
export type { FlameFrameInfo, FlameFrameRef, FlameGraphModel, FlameTreeData } from './model';
export type { Orientation } from './orientation';
