// Restart policy for a crashing language server: exponential back-off, and a cap on the number of
// restarts within a window so a server that dies on start-up does not spin forever. vscode-free.

export interface BackoffOptions {
  /** Delay before the first restart. */
  initialMs: number;
  /** Upper bound of the delay. */
  maxMs: number;
  /** Crashes allowed within `windowMs` before giving up. */
  maxRestarts: number;
  /** Crashes older than this are forgotten (a server that ran this long was healthy). */
  windowMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, maxRestarts: 5, windowMs: 3 * 60_000 };

export class RestartBackoff {
  private crashes: number[] = [];

  constructor(
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; the delay before restarting, or undefined when the server should stay down. */
  next(): number | undefined {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.options.windowMs);
    this.crashes.push(t);
    const n = this.crashes.length;
    if (n > this.options.maxRestarts) return undefined;
    return Math.min(this.options.maxMs, this.options.initialMs * 2 ** (n - 1));
  }

  /** Crashes counted in the current window. */
  get count(): number {
    return this.crashes.length;
  }

  /** Forgets all crashes (after a manual restart). */
  reset(): void {
    this.crashes = [];
  }
}
