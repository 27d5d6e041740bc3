/**
 * `npm run bench`: runs every part (each in its own process), prints each figure with its baseline
 * measured in the same run, the ratio, the target and PASS/MISS, and writes `bench-results.json`.
 *
 *   npm run bench                      # everything, a few minutes
 *   npm run bench -- --quick           # smoke run with tiny sizes
 *   npm run bench -- --only=calls,replay
 */
import { fork } from 'node:child_process'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT } from '../infra/stacks/project-root.ts'
import { type Figure, Verdict } from './lib/figure.ts'
import { type BenchResults, describeMachine, formatTable, writeResults } from './lib/report.ts'
import { type BenchSettings, DEFAULT_SETTINGS, PARTS, type PartName, QUICK_SETTINGS } from './settings.ts'

const PART_SCRIPT = new URL('./part.ts', import.meta.url)
const RESULTS_FILE = join(PROJECT_ROOT, 'bench-results.json')

type PartMessage = { log: string } | { figures: Figure[] } | { error: string }

/** Runs one part in a child process; resolves with its figures. */
function runPart(part: PartName, settings: BenchSettings): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = fork(PART_SCRIPT, [part, JSON.stringify(settings)], {
      // The functions' JSON logs and EMF lines would bury the table: stdout goes nowhere.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1' },
    })
    let outcome: Figure[] | Error = new Error(`part ${part} exited without results`)
    child.on('message', (message: PartMessage) => {
      if ('log' in message) console.log(message.log)
      else if ('figures' in message) outcome = message.figures
      else outcome = new Error(message.error)
    })
    child.on('error', reject)
    child.on('exit', () => (outcome instanceof Error ? reject(outcome) : resolve(outcome)))
  })
}

function parse(): { settings: BenchSettings; parts: PartName[]; quick: boolean } {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } })
  const only = values.only?.split(',').map((p) => p.trim())
  const unknown = only?.filter((p) => !(PARTS as readonly string[]).includes(p)) ?? []
  if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`)
  return {
    quick: values.quick === true,
    settings: values.quick ? QUICK_SETTINGS : DEFAULT_SETTINGS,
    parts: PARTS.filter((p) => only === undefined || only.includes(p)),
  }
}

async function main(): Promise<void> {
  const { settings, parts, quick } = parse()
  const machine = describeMachine()
  const started = performance.now()
  console.log(
    `bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage.start.toFixed(2)}`,
  )
  const figures: Figure[] = []
  const errors: BenchResults['errors'] = []
  for (const part of parts) {
    const partStart = performance.now()
    console.log(`bench: ${part}…`)
    try {
      const measured = await runPart(part, settings)
      // A smoke run's sizes are too small to judge a target: its figures are information only.
      figures.push(...(quick ? measured.map((f) => ({ ...f, verdict: Verdict.Info })) : measured))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      errors.push({ part, message })
      console.error(`bench: ${part} failed: ${message}`)
    }
    console.log(`bench: ${part} took ${((performance.now() - partStart) / 1000).toFixed(0)} s`)
  }
  machine.loadAverage.end = loadavg()[0] ?? 0
  const durationSeconds = Math.round((performance.now() - started) / 1000)
  console.log(formatTable(figures))
  await writeResults(RESULTS_FILE, {
    date: new Date().toISOString(),
    durationSeconds,
    machine,
    figures,
    errors,
  })
  const missed = figures.filter((f) => f.verdict === Verdict.Miss).length
  const judged = figures.filter((f) => f.verdict !== Verdict.Info).length
  const verdicts = quick
    ? 'quick run: sizes too small to judge the targets (run `npm run bench` for that)'
    : `${judged - missed}/${judged} targets met, ${missed} missed`
  console.log(
    `\n${verdicts}; ${durationSeconds} s; load ${machine.loadAverage.start.toFixed(2)} → ${machine.loadAverage.end.toFixed(2)}; written to bench-results.json`,
  )
  // A missed target is a finding to report, not a crash; a part that could not run is a failure.
  if (errors.length > 0) process.exitCode = 1
}

await main()
