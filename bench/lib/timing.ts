/**
 * Paired timing of a subject against its baseline in one process: rounds alternate between the two
 * so that a noisy neighbour slows both alike, and each side's figure is the median over rounds.
 */
import { median } from './stats.ts'

/** Work timed per round: runs `n` units, resolves when done. */
export type Workload = (n: number) => Promise<void> | void

/** Medians (ms per unit) of subject and baseline. */
export interface PairedResult {
  subjectMs: number
  baselineMs: number
  rounds: number
}

/** Options of {@link timePaired}. */
export interface PairedOptions {
  /** Units per round (records, requests). */
  unitsPerRound: number
  rounds: number
  /** Untimed rounds first, so the JIT has compiled both paths. */
  warmupRounds: number
}

async function timeRound(work: Workload, n: number): Promise<number> {
  const start = performance.now()
  await work(n)
  return (performance.now() - start) / n
}

/** Times `subject` and `baseline` alternately; returns each one's median per unit. */
export async function timePaired(
  subject: Workload,
  baseline: Workload,
  opts: PairedOptions,
): Promise<PairedResult> {
  for (let i = 0; i < opts.warmupRounds; i++) {
    await subject(opts.unitsPerRound)
    await baseline(opts.unitsPerRound)
  }
  const s: number[] = []
  const b: number[] = []
  for (let i = 0; i < opts.rounds; i++) {
    // Alternate which side goes first, so neither always runs right after a GC the other caused.
    if (i % 2 === 0) {
      s.push(await timeRound(subject, opts.unitsPerRound))
      b.push(await timeRound(baseline, opts.unitsPerRound))
    } else {
      b.push(await timeRound(baseline, opts.unitsPerRound))
      s.push(await timeRound(subject, opts.unitsPerRound))
    }
  }
  return { subjectMs: median(s), baselineMs: median(b), rounds: opts.rounds }
}
