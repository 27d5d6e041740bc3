/**
 * Choosers of the PublishBatch entries the proxy fails in its partial mode. Deterministic: a test
 * that fails reproduces with the same seed (given the same order of calls).
 */
import type { BatchEntryView } from './publish-batch.ts'

/** Decides, entry by entry, whether the proxy fails it instead of forwarding it. */
export type EntryChooser = (entry: BatchEntryView) => boolean

/** Fails every k-th entry the proxy sees (counted across calls), starting with the k-th. */
export function everyKth(k: number): EntryChooser {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`)
  let seen = 0
  return () => ++seen % k === 0
}

/**
 * Fails each entry with probability `ratio`, drawn from a seeded generator (mulberry32: tiny, and
 * good enough to spread failures; not for anything cryptographic).
 */
export function seededRatio(ratio: number, seed: number): EntryChooser {
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be between 0 and 1, got ${ratio}`)
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return () => next() < ratio
}

/**
 * Lets `choose` decide only on a message's first attempt: a later call carrying the same message
 * (same FIFO deduplication id, else the same body) goes through. A transient fault, as SNS's
 * InternalError usually is; without it every retry of a batch draws again, and the relay, which
 * moves on one failed record at a time, slows down with the share of entries failed.
 */
export function onlyFirstAttempt(choose: EntryChooser): EntryChooser {
  const seen = new Set<string>()
  return (entry) => {
    const key = entry.messageDeduplicationId ?? entry.message
    if (seen.has(key)) return false
    seen.add(key)
    return choose(entry)
  }
}
