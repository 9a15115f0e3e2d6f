/** Go toolchain versions as `go env GOVERSION` and runtime.Version() spell them. Pure. */

/** True when `goVersion` ("go1.26.8", "go1.25rc1", "devel go1.24-abc") is Go 1.`minor` or later; false when unreadable. */
export function goAtLeast(goVersion: string, minor: number): boolean {
  const m = /go1\.(\d+)/.exec(goVersion);
  return m !== null && Number(m[1]) >= minor;
}
