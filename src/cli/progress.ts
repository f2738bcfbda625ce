// Shows an instance's status while it changes: a spinner line on a terminal, one plain line per change otherwise
// (CI logs). Written to stderr, so that stdout holds only the result (the table or the JSON).
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class StatusProgress {
  private last = '';
  private frame = 0;
  private timer?: NodeJS.Timeout;
  private readonly startedAt = Date.now();
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = out.isTTY === true;
    if (this.tty) this.timer = setInterval(() => this.draw(), 100);
  }

  update(status: string): void {
    if (status === this.last) return;
    this.last = status;
    if (this.tty) this.draw();
    else this.out.write(`${this.label}: ${status}\n`);
  }

  /** Ends the display with the final status on a line of its own. */
  done(status: string): void {
    clearInterval(this.timer);
    const secs = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    if (this.tty) this.out.write(`\r\x1b[2K${this.label}: ${status} (${secs} s)\n`);
    else if (status !== this.last) this.out.write(`${this.label}: ${status}\n`);
    this.last = status;
  }

  private draw(): void {
    const secs = Math.floor((Date.now() - this.startedAt) / 1000);
    this.frame = (this.frame + 1) % FRAMES.length;
    this.out.write(`\r\x1b[2K${FRAMES[this.frame]} ${this.label}: ${this.last} (${secs} s)`);
  }
}
