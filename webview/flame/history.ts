/** Browser-style back/forward over zoomed nodes. */
export class ZoomHistory {
  private entries: number[] = [0];
  private position = 0;

  get current(): number {
    return this.entries[this.position]!;
  }

  get canGoBack(): boolean {
    return this.position > 0;
  }

  get canGoForward(): boolean {
    return this.position < this.entries.length - 1;
  }

  /** Records a new zoom; drops the forward entries like a browser does. */
  push(node: number): void {
    if (node === this.current) return;
    this.entries.length = this.position + 1;
    this.entries.push(node);
    this.position++;
  }

  back(): number {
    if (this.canGoBack) this.position--;
    return this.current;
  }

  forward(): number {
    if (this.canGoForward) this.position++;
    return this.current;
  }

  reset(): void {
    this.entries = [0];
    this.position = 0;
  }
}
