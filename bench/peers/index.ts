/**
 * Part 6, against the peers: the same work done by us and by what a team would otherwise pick —
 * Castore (`@castore/core`, its DynamoDB adapter, `@castore/lib-dam`) for the event store, Powertools
 * for AWS Lambda (batch, idempotency, parser) for consumers — on the same embedded engines, with the
 * same order events, in alternating rounds; every figure is ours / the peer's (`peer-figure.ts`).
 */
import type { BenchEngines } from '../lib/engines.ts'
import type { Figure } from '../lib/figure.ts'
import type { PeerSettings } from '../settings.ts'
import { appendComparison } from './append.ts'
import { consumerColdComparison } from './consumer-cold.ts'
import { consumerWarmComparison } from './consumer-warm.ts'
import { foldComparison } from './fold.ts'
import { pourComparison } from './pour.ts'
import { peerSides } from './sides.ts'

/** Options of {@link againstPeers}: the part's sizes and a progress log. */
export interface AgainstPeersOptions extends PeerSettings {
  log: (line: string) => void
}

/** Runs every comparison against `engines` (whose env is already in `process.env`). */
export async function againstPeers(engines: BenchEngines, opts: AgainstPeersOptions): Promise<Figure[]> {
  const sides = await peerSides()
  const figures: Figure[] = []
  try {
    // First, while each store holds only the events it pours: Castore's pour reads every aggregate
    // of its store (it has no time index), so more history would widen the gap in our favour.
    opts.log('peers: replay / pour')
    const pour = await pourComparison(engines, sides, opts)
    opts.log('peers: append')
    figures.push(...(await appendComparison(sides, opts)))
    opts.log('peers: fold')
    figures.push(...(await foldComparison(sides, opts)))
    opts.log('peers: consumer, warm')
    figures.push(...(await consumerWarmComparison(opts)))
    opts.log('peers: consumer, cold')
    figures.push(...(await consumerColdComparison(opts)))
    figures.push(...pour)
  } finally {
    sides.destroy()
  }
  return figures
}
