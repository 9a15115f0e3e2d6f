/** The flame graph component: mount it into a container and feed it the flame tree. */
export { mountFlameGraph } from './flame-graph';
export type { FlameGraphCallbacks, FlameGraphHandle, FlameGraphOptions, FlameSearchSummary, FlameViewState } from './api';
export type { FlameFrameInfo, FlameFrameRef, FlameGraphModel, FlameTreeData } from './model';
export type { Orientation } from './orientation';
