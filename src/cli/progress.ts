/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and
 * the command is not in --json mode, so logs and pipes stay clean.
 */
export class ProgressBar {
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    quiet = false,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = !quiet && Boolean(stream.isTTY);
  }

  /** Redraws at most ~20 times a second. */
  update(fraction: number, detail = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 50 && fraction < 1) return;
    this.lastDraw = now;
    const width = 30;
    const f = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(f * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.stream.write(`\r${this.label} ${bar} ${(f * 100).toFixed(0).padStart(3)}% ${detail}\x1b[K`);
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}
