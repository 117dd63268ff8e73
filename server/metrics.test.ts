import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './metrics';

describe('LatencyWindow', () => {
  it('reports percentiles over the samples it holds', () => {
    const window = new LatencyWindow(1000);
    for (let i = 1; i <= 100; i++) window.observe(i);
    expect(window.summary()).toMatchObject({ count: 100, window: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('keeps only the most recent samples once full', () => {
    const window = new LatencyWindow(10);
    for (let i = 1; i <= 30; i++) window.observe(i);
    expect(window.summary()).toMatchObject({ count: 30, window: 10, p50: 25, max: 30 });
  });
});
