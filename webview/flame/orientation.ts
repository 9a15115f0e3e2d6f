/** Icicle: root on top, callees below. Flame: root at the bottom. */
export type Orientation = 'icicle' | 'flame';
