/**
 * In-process operational figures: latency histograms kept as a bounded ring of recent samples
 * (enough for p50/p99 of the last minutes) and monotonic counters. Read at GET /metrics.
 */
const defaultCapacity = 100_000;

export class LatencyWindow {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  total = 0;

  constructor(capacity = defaultCapacity) {
    this.samples = new Float64Array(capacity);
  }

  observe(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
    this.total++;
  }

  /** p50/p95/p99/max (ms) over the samples in the window. */
  summary() {
    const sorted = this.samples.slice(0, this.filled).sort();
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : null);
    return { count: this.total, window: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
  }

  reset(): void {
    this.next = this.filled = this.total = 0;
  }
}

export class Metrics {
  /** Time from an update's arrival to the commit that made it durable. */
  readonly persistLatencyMs = new LatencyWindow();
  readonly counters = { updatesPersisted: 0, persistFailures: 0 };

  snapshot() {
    return { persistLatencyMs: this.persistLatencyMs.summary(), counters: { ...this.counters }, memory: process.memoryUsage() };
  }
}
