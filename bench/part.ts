/**
 * One part of the bench, run in a process of its own (`bench/run.ts` forks it): each part sets the
 * environment its function modules read at import, and their log lines (stdout) go nowhere.
 * Sends `{ log }` messages while it runs and `{ figures }` or `{ error }` at the end.
 */

import { awsCalls } from './calls/index.ts'
import { coldStart } from './cold-start/index.ts'
import { endToEnd } from './e2e/index.ts'
import { startBenchEngines } from './lib/engines.ts'
import type { Figure } from './lib/figure.ts'
import { againstPeers } from './peers/index.ts'
import { replayThroughput } from './replay/index.ts'
import type { BenchSettings, PartName } from './settings.ts'
import { stateReads } from './state/index.ts'
import { warmOverhead } from './warm/index.ts'

function send(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve())
    else resolve()
  })
}

const log = (line: string) => void send({ log: line })

async function withEngines(
  run: (engines: Awaited<ReturnType<typeof startBenchEngines>>) => Promise<Figure[]>,
) {
  const engines = await startBenchEngines()
  // The function modules read their config from process.env when imported.
  Object.assign(process.env, engines.env)
  try {
    return await run(engines)
  } finally {
    await engines.stop()
  }
}

async function runPart(part: PartName, s: BenchSettings): Promise<Figure[]> {
  switch (part) {
    case 'cold-start':
      return coldStart({ runs: s.coldStartRuns, log })
    case 'warm':
      return warmOverhead({ rounds: s.warmRounds })
    case 'calls':
      return withEngines((engines) => awsCalls(engines, { requests: s.callRequests }))
    case 'state':
      return withEngines(() => stateReads({ events: s.stateEvents, rounds: s.stateRounds }))
    case 'e2e':
      return endToEnd({ workers: s.e2eWorkers, durationMs: s.e2eSeconds * 1000, log })
    case 'replay':
      return withEngines((engines) =>
        replayThroughput(engines, { events: s.replayEvents, rounds: s.replayRounds }),
      )
    case 'peers':
      return withEngines((engines) => againstPeers(engines, { ...s.peers, log }))
  }
}

const [part, settings] = [process.argv[2] as PartName, JSON.parse(process.argv[3] ?? '{}') as BenchSettings]
try {
  await send({ figures: await runPart(part, settings) })
} catch (error) {
  await send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
}
// Engines, agents and workers are stopped, but a keep-alive socket may linger: the part is done.
process.exit(0)
