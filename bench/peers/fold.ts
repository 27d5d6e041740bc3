/**
 * Peers 2, fold: the state of a 10-event and of a long order stream. Ours: `loadState` (the read
 * function's fold: the latest snapshot, kept every 100 events, then the events after it, each
 * validated and upcast); Castore: `getAggregate` (every event from version 1, as stored, through
 * the same order reducer). Both fold with our order reducer.
 */
import { EventStore as CastoreEventStore } from '@castore/core'
import { domain } from '../../functions/domain.ts'
import { loadState } from '../../shared/store/load-state.ts'
import type { Figure } from '../lib/figure.ts'
import { orderLife } from '../lib/order-events.ts'
import { timePaired } from '../lib/timing.ts'
import { peerFigure } from './peer-figure.ts'
import type { PeerSides } from './sides.ts'

/** Events per write while seeding: ours takes 99 a request, a transaction 100 actions. */
const CHUNK = 99

/** Grows both sides' stream `streamId` (an OrderPlaced at version 1) to `count` events of payments. */
async function grow(sides: PeerSides, streamId: string, count: number): Promise<void> {
  const paid = orderLife(streamId.replace(/^order-/, ''))[1] as { type: string; data: unknown }
  for (let v = 2; v <= count; v += CHUNK) {
    const n = Math.min(CHUNK, count - v + 1)
    await sides.ours.store.append(streamId, Array(n).fill(paid), { expectedVersion: v - 1 })
    const grouped = Array.from({ length: n }, (_, i) =>
      sides.peer.store.groupEvent({
        aggregateId: streamId,
        version: v + i,
        type: 'OrderPaid',
        payload: paid.data,
      }),
    )
    const [first, ...rest] = grouped
    if (first === undefined) continue
    if (rest.length === 0)
      await sides.peer.store.pushEvent({
        aggregateId: streamId,
        version: v,
        type: 'OrderPaid',
        payload: paid.data,
      })
    else await CastoreEventStore.pushEventGroup(first, ...(rest as [typeof first]))
  }
}

export async function foldComparison(
  sides: PeerSides,
  opts: { rounds: number; foldsPerRound: number; foldEvents: number },
): Promise<Figure[]> {
  const figures: Figure[] = []
  for (const events of [10, opts.foldEvents]) {
    const [ours] = await sides.ours.seed(1)
    if (ours === undefined) throw new Error('seeding made no stream')
    // The same stream id on both sides: each lives in its own table.
    const placed = orderLife(ours.slice('order-'.length))[0]?.data
    await sides.peer.store.pushEvent({ aggregateId: ours, version: 1, type: 'OrderPlaced', payload: placed })
    await grow(sides, ours, events)
    const oursFold = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const loaded = await loadState(sides.ours.store, domain, ours)
        if (loaded.version !== events) throw new Error(`our fold reached ${loaded.version} of ${events}`)
      }
    }
    const peerFold = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const { aggregate } = await sides.peer.store.getAggregate(ours)
        if (aggregate?.version !== events)
          throw new Error(`Castore's fold reached ${aggregate?.version} of ${events}`)
      }
    }
    // The first fold of ours keeps the snapshots every later one starts from (as the read function's does).
    await oursFold(1)
    sides.ours.counter.reset()
    sides.peer.counter.reset()
    await oursFold(1)
    await peerFold(1)
    const calls = { ours: sides.ours.counter.count(), peer: sides.peer.counter.count() }
    const described = `ours ${sides.ours.counter.describe()}; peer ${sides.peer.counter.describe()}`
    const timed = await timePaired(oursFold, peerFold, {
      unitsPerRound: opts.foldsPerRound,
      rounds: opts.rounds,
      warmupRounds: 2,
    })
    const how =
      events >= 100
        ? 'ours reads the snapshot at the last multiple of 100, then folds the events after it; Castore reads and folds every event'
        : 'no snapshot yet on either side (ours looks for one: a snapshot query); ours validates and upcasts each event, Castore folds them as stored'
    figures.push(
      peerFigure({
        name: `fold: state of a ${events}-event stream, time per read`,
        ours: timed.subjectMs,
        peer: timed.baselineMs,
        unit: 'ms',
        peerLabel: 'Castore getAggregate',
        note: `median of ${timed.rounds} rounds of ${opts.foldsPerRound} reads; ${how}`,
      }),
      peerFigure({
        name: `fold: state of a ${events}-event stream, AWS calls per read`,
        ours: calls.ours,
        peer: calls.peer,
        unit: 'calls',
        peerLabel: 'Castore getAggregate',
        note: described,
      }),
    )
  }
  return figures
}
