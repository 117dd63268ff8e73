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

export interface RelayFigures {
  published: number;
  received: number;
  lastLagMs: number;
  maxLagMs: number;
}

export class Metrics {
  /** Time from an update's arrival to the commit that made it durable. */
  readonly persistLatencyMs = new LatencyWindow();
  readonly counters = { updatesPersisted: 0, persistFailures: 0 };
  /** Figures read when asked (rooms, sockets…), registered by the parts that own them. */
  private readonly gauges = new Map<string, { help: string; read: () => number }>();
  /** The Redis relay's figures when this instance runs beside others. */
  relay: RelayFigures | null = null;

  gauge(name: string, help: string, read: () => number): void {
    this.gauges.set(name, { help, read });
  }

  snapshot() {
    const gauges = Object.fromEntries([...this.gauges].map(([name, g]) => [name, g.read()]));
    return { persistLatencyMs: this.persistLatencyMs.summary(), counters: { ...this.counters }, gauges, relay: this.relay ? { ...this.relay } : null, memory: process.memoryUsage() };
  }

  /** The Prometheus text exposition format (version 0.0.4) of the same figures, for scrapers. */
  prometheus(instance: string): string {
    const lines: string[] = [];
    const label = `{instance="${instance.replace(/["\\\n]/g, '_')}"}`;
    const metric = (name: string, type: 'gauge' | 'counter', help: string, value: number | null) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name}${label} ${value ?? 'NaN'}`);
    };
    for (const [name, g] of this.gauges) metric(name, 'gauge', g.help, g.read());
    const latency = this.persistLatencyMs.summary();
    lines.push('# HELP codraft_persist_latency_ms Update arrival to durable commit (recent window)', '# TYPE codraft_persist_latency_ms summary');
    for (const [q, v] of [['0.5', latency.p50], ['0.95', latency.p95], ['0.99', latency.p99]] as const) {
      lines.push(`codraft_persist_latency_ms{instance="${instance}",quantile="${q}"} ${v ?? 'NaN'}`);
    }
    lines.push(`codraft_persist_latency_ms_count${label} ${latency.count}`);
    metric('codraft_updates_persisted_total', 'counter', 'Updates written to the update log', this.counters.updatesPersisted);
    metric('codraft_persist_failures_total', 'counter', 'Failed writes of the update log (retried)', this.counters.persistFailures);
    if (this.relay) {
      metric('codraft_relay_published_total', 'counter', 'Messages this instance published to the other instances', this.relay.published);
      metric('codraft_relay_received_total', 'counter', 'Messages received from the other instances', this.relay.received);
      metric('codraft_relay_lag_ms', 'gauge', 'Publish to delivery of the last relayed message', this.relay.lastLagMs);
      metric('codraft_relay_lag_max_ms', 'gauge', 'Largest relay lag since the previous scrape', this.relay.maxLagMs);
      this.relay.maxLagMs = 0;
    }
    metric('codraft_resident_memory_bytes', 'gauge', 'Resident set size of this process', process.memoryUsage().rss);
    return lines.join('\n') + '\n';
  }
}
