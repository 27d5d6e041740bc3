/**
 * One line of the benchmark report: a measured value, the baseline it is compared to (measured in
 * the same run), their ratio, and the target the ratio or value must meet.
 */

/** How a figure is judged. */
export const Verdict = {
  Pass: 'PASS',
  Miss: 'MISS',
  /** No target: reported for information. */
  Info: 'INFO',
} as const

export type Verdict = (typeof Verdict)[keyof typeof Verdict]

/** A target on the ratio (`ratio <= max`, `ratio >= min`) or on the value itself (`value <= max`). */
export interface Target {
  on: 'ratio' | 'value'
  max?: number
  min?: number
  /** As printed, e.g. `≤ 1.25×`. */
  label: string
}

/** One reported figure. */
export interface Figure {
  /** Section of the report, e.g. `1 cold start`. */
  section: string
  /** What was measured, e.g. `publish: module load`. */
  name: string
  value: number
  baseline?: number
  /** `value / baseline`, when there is a baseline. */
  ratio?: number
  unit: string
  /** What the baseline is, e.g. `SDK-only bundle`. */
  baselineLabel?: string
  target?: Target
  verdict: Verdict
  /** Sample count, or a note on how the figure was obtained. */
  note?: string
}

/** Inputs of {@link figure}; ratio and verdict are computed. */
export type FigureInput = Omit<Figure, 'ratio' | 'verdict'>

/** Builds a figure, computing the ratio to its baseline and the verdict against its target. */
export function figure(input: FigureInput): Figure {
  const ratio =
    input.baseline !== undefined && input.baseline !== 0 && Number.isFinite(input.baseline)
      ? input.value / input.baseline
      : undefined
  return {
    ...input,
    ...(ratio === undefined ? {} : { ratio }),
    verdict: judge(input.target, input.value, ratio),
  }
}

function judge(target: Target | undefined, value: number, ratio: number | undefined): Verdict {
  if (target === undefined) return Verdict.Info
  const subject = target.on === 'ratio' ? ratio : value
  if (subject === undefined || !Number.isFinite(subject)) return Verdict.Miss
  if (target.max !== undefined && subject > target.max) return Verdict.Miss
  if (target.min !== undefined && subject < target.min) return Verdict.Miss
  return Verdict.Pass
}

/** `≤ max×` on the ratio. */
export const ratioAtMost = (max: number): Target => ({ on: 'ratio', max, label: `≤ ${max}×` })
/** `≥ min×` on the ratio. */
export const ratioAtLeast = (min: number): Target => ({ on: 'ratio', min, label: `≥ ${min}×` })
/** `≤ max <unit>` on the value. */
export const valueAtMost = (max: number, unit: string): Target => ({
  on: 'value',
  max,
  label: `≤ ${max} ${unit}`,
})
/** `< max <unit>` on the value (judged as at most, a tie being unmeasurable on a noisy machine). */
export const valueBelow = (max: number, unit: string): Target => ({
  on: 'value',
  max,
  label: `< ${max} ${unit}`,
})
