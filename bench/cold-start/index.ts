/**
 * Part 1, cold start: each function's bundle (bytes) and module-load time (median of fresh
 * processes) against a bundle built the same way that only imports and constructs the same AWS SDK
 * clients. Target: load time within 1.25× of the baseline.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'
import { type Figure, figure, ratioAtMost } from '../lib/figure.ts'
import { median } from '../lib/stats.ts'
import { type Bundle, buildBaseline, buildFunction, type FunctionBundle } from './bundles.ts'
import { FUNCTIONS } from './functions.ts'
import { loadTimes } from './load-time.ts'

const SECTION = '1 cold start'
const TARGET = ratioAtMost(1.25)

/** Options of {@link coldStart}. */
export interface ColdStartOptions {
  /** Fresh-process loads per bundle (the issue asks for at least 10). */
  runs: number
  log: (line: string) => void
}

/** Builds every function and its baseline, times their loads, and reports size and load figures. */
export async function coldStart(opts: ColdStartOptions): Promise<Figure[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-bundles-'))
  try {
    const present = FUNCTIONS.filter((f) => existsSync(join(PROJECT_ROOT, f.entry)))
    const built: FunctionBundle[] = []
    for (const fn of present) built.push(await buildFunction(fn, outDir))
    const baselines = new Map<string, Bundle>()
    for (const fn of built) {
      const key = fn.sdkPackages.join(',')
      if (!baselines.has(key)) baselines.set(key, await buildBaseline(fn.sdkPackages, outDir))
    }
    opts.log(`cold start: ${built.length} functions, ${baselines.size} baselines, ${opts.runs} loads each`)
    const targets = [...built, ...baselines.values()]
    const samples = await loadTimes(targets, opts.runs)
    return built.flatMap((fn) => {
      const base = baselines.get(fn.sdkPackages.join(',')) as Bundle
      const ms = median(samples.get(fn.file) ?? [])
      const baseMs = median(samples.get(base.file) ?? [])
      return [
        figure({
          section: SECTION,
          name: `${fn.name}: bundle size`,
          value: fn.bytes / 1024,
          baseline: base.bytes / 1024,
          unit: 'KiB',
          baselineLabel: base.name,
        }),
        figure({
          section: SECTION,
          name:
            fn.firstEvent === undefined ? `${fn.name}: module load` : `${fn.name}: module load + first init`,
          value: ms,
          baseline: baseMs,
          unit: 'ms',
          baselineLabel: base.name,
          target: TARGET,
          note:
            fn.firstEvent === undefined
              ? `median of ${opts.runs}`
              : `median of ${opts.runs}; + an empty first batch, which builds its clients, logger and metrics`,
        }),
      ]
    })
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
