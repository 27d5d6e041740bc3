/** The printed table and the JSON file of a bench run. */
import { writeFile } from 'node:fs/promises'
import { cpus, loadavg, release, totalmem } from 'node:os'
import type { Figure } from './figure.ts'

/** Where and when the figures were measured. */
export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  /** 1-minute load averages at start and end: a busy shared machine shows here. */
  loadAverage: { start: number; end?: number }
}

/** Describes this machine now. */
export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    loadAverage: { start: loadavg()[0] ?? 0 },
  }
}

/** A number with about three significant digits, no exponent. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '—'
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return value.toFixed(digits)
}

const row = (cells: string[], widths: number[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')

/** The report as text: one table per section, each figure with baseline, ratio, target and verdict. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'result']
  const body = figures.map((f) => [
    f.name,
    `${formatNumber(f.value)} ${f.unit}`,
    f.baseline === undefined ? '—' : `${formatNumber(f.baseline)} ${f.unit}`,
    f.ratio === undefined ? '—' : `${formatNumber(f.ratio)}×`,
    f.target?.label ?? '—',
    f.verdict,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)))
  const lines: string[] = []
  let section: string | undefined
  for (const [i, f] of figures.entries()) {
    if (f.section !== section) {
      section = f.section
      lines.push('', `## ${section}`, row(header, widths), widths.map((w) => '-'.repeat(w)).join('  '))
    }
    lines.push(row(body[i] ?? [], widths))
    const notes = [f.baselineLabel && `baseline: ${f.baselineLabel}`, f.note].filter(Boolean).join('; ')
    if (notes) lines.push(`    ${notes}`)
  }
  return lines.join('\n')
}

/** The JSON written to `bench-results.json`. */
export interface BenchResults {
  date: string
  durationSeconds: number
  machine: Machine
  figures: Figure[]
  /** Parts that failed to run, with their error. */
  errors: { part: string; message: string }[]
}

export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
}
