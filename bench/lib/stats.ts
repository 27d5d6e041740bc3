/**
 * Summary statistics for benchmark samples. Medians and percentiles rather than means: on a shared,
 * noisy machine one descheduled run would drag a mean far from what a function usually costs.
 */

/** The `p`-th percentile (0–100) of `samples`, nearest-rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}

/** The median of `samples` (mean of the two middle values for an even count); NaN for no samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] as number
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2
}

/** `value / baseline`; NaN when the baseline is zero or missing. */
export function ratio(value: number, baseline: number): number {
  return baseline === 0 || !Number.isFinite(baseline) ? Number.NaN : value / baseline
}

/** High-resolution wall clock in milliseconds since the epoch, comparable across worker threads. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now()
}
