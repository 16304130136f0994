/**
 * A progress bar on stderr in plain ANSI (no dependency). On a terminal it redraws one line; when
 * stderr is a file or a pipe it prints a line every 10% instead, so logs stay readable.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string, private total: number, private readonly unit = '') {}

  setTotal(total: number): void {
    this.total = total;
  }

  /** `extra` is appended to the line, e.g. "1,234 events". Redraws at most every 100 ms. */
  update(done: number, extra = '', force = false): void {
    const now = performance.now();
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 0;
    if (!this.tty) {
      const decile = Math.floor(fraction * 10);
      if (decile === this.lastDecile && !force) return;
      this.lastDecile = decile;
      process.stderr.write(`${this.label}: ${this.line(done, fraction, extra, now)}\n`);
      return;
    }
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = `\x1b[32m${'█'.repeat(filled)}\x1b[2m${'░'.repeat(width - filled)}\x1b[0m`;
    process.stderr.write(`\r\x1b[K${this.label} ${bar} ${this.line(done, fraction, extra, now)}`);
  }

  done(done: number, extra = ''): void {
    if (!this.tty && this.lastDecile === 10) return;
    this.update(done, extra, true);
    if (this.tty) process.stderr.write('\n');
  }

  private line(done: number, fraction: number, extra: string, now: number): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && this.total > done ? ` ETA ${formatSeconds((this.total - done) / rate)}` : '';
    return `${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-GB')}/${this.total.toLocaleString('en-GB')}${this.unit}` +
      ` ${Math.round(rate).toLocaleString('en-GB')}${this.unit}/s ${formatSeconds(seconds)}${eta}${extra ? ` · ${extra}` : ''}`;
  }
}

export const formatSeconds = (s: number): string =>
  s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(1)}s`;
