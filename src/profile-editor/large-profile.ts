/** When opening a profile asks first: files above `goProfiler.confirmOpenAboveMB`. Pure. */

export const CONFIRM_OPEN_SETTING = 'confirmOpenAboveMB';
export const DEFAULT_CONFIRM_OPEN_MB = 256;

/** The size in bytes above which opening asks, or undefined for never (0, negative or not a number). */
export function confirmThresholdBytes(settingMB: unknown): number | undefined {
  const mb = typeof settingMB === 'number' && Number.isFinite(settingMB) ? settingMB : DEFAULT_CONFIRM_OPEN_MB;
  return mb > 0 ? mb * 1024 * 1024 : undefined;
}

/** True when a file of `sizeBytes` must be confirmed before it is decoded. */
export function needsConfirmation(sizeBytes: number, settingMB: unknown): boolean {
  const threshold = confirmThresholdBytes(settingMB);
  return threshold !== undefined && sizeBytes > threshold;
}
