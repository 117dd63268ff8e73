/**
 * Percentiles for the processing dashboard: linear interpolation between closest ranks
 * (rank = p·(n−1), the common "type 7" definition), so the median of 1,2,3,4 is 2.5. No I/O.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
