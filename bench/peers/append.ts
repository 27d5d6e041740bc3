/**
 * Peers 1, append: the next events of an existing order stream at a known version (one event, and a
 * 3-event atomic append), with and without an idempotency key. Ours through `EventStore.append`;
 * Castore through `pushEvent` / `EventStore.pushEventGroup`; Castore has no idempotency key, so its
 * keyed side is the append wrapped in Powertools' `makeIdempotent` (the documented way to make any
 * function idempotent), validating the payload as our key does (same key, other request: rejected).
 */

import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency'
import { EventStore as CastoreEventStore } from '@castore/core'
import type { NewEvent } from '../../shared/store/event-store.ts'
import { lambdaContext } from '../lib/aws-events.ts'
import type { Figure } from '../lib/figure.ts'
import { orderLife } from '../lib/order-events.ts'
import { timePaired } from '../lib/timing.ts'
import type { CastoreOrderStore } from './castore/order-store.ts'
import { peerFigure } from './peer-figure.ts'
import { createIdempotencyTable, idempotencyPersistence } from './powertools/idempotency-table.ts'
import type { PeerSides } from './sides.ts'

const IDEMPOTENCY_TABLE = 'powertools-append-idempotency'

interface AppendRequest {
  idempotencyKey: string
  streamId: string
  /** The events after version 1 (the stream's OrderPlaced). */
  events: NewEvent[]
}

/** An appender: appends `request.events` after version 1 of `request.streamId`. */
type Append = (request: AppendRequest) => Promise<unknown>

interface Variant {
  label: string
  events: number
  keyed: boolean
}

const VARIANTS: readonly Variant[] = [
  { label: '1 event', events: 1, keyed: false },
  { label: '1 event, idempotency key', events: 1, keyed: true },
  { label: '3 events atomically', events: 3, keyed: false },
  { label: '3 events atomically, idempotency key', events: 3, keyed: true },
]

/** The events appended after an OrderPlaced: paid, shipped, and a second payment. */
function nextEvents(orderId: string, count: number): NewEvent[] {
  const [, paid, shipped] = orderLife(orderId) as [NewEvent, NewEvent, NewEvent]
  return [paid, shipped, paid].slice(0, count)
}

/** Castore's append: `pushEvent` for one event, `EventStore.pushEventGroup` (one transaction) for more. */
function castoreAppend(castore: CastoreOrderStore): Append {
  return async ({ streamId, events }) => {
    const [first, second, ...rest] = events.map((e, i) =>
      castore.groupEvent({
        aggregateId: streamId,
        version: 2 + i,
        type: e.type as 'OrderPaid',
        payload: e.data,
      }),
    )
    if (first === undefined) return
    if (second === undefined) return castore.pushEvent(first.event)
    return CastoreEventStore.pushEventGroup(first, second, ...rest)
  }
}

/** Castore's append made idempotent by Powertools, the key and the payload checked as ours are. */
function keyedCastoreAppend(append: Append, client: PeerSides['peer']['client']): Append {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    payloadValidationJmesPath: 'events',
  })
  config.registerLambdaContext(lambdaContext('castore-append', 900_000))
  return makeIdempotent(append, {
    persistenceStore: idempotencyPersistence(client, IDEMPOTENCY_TABLE),
    config,
  })
}

export async function appendComparison(
  sides: PeerSides,
  opts: { rounds: number; appendsPerRound: number },
): Promise<Figure[]> {
  await createIdempotencyTable(sides.peer.client, IDEMPOTENCY_TABLE)
  const peer = castoreAppend(sides.peer.store)
  const keyedPeer = keyedCastoreAppend(peer, sides.peer.client)
  const ours =
    (keyed: boolean): Append =>
    (r) =>
      sides.ours.store.append(r.streamId, r.events, {
        expectedVersion: 1,
        ...(keyed ? { idempotencyKey: r.idempotencyKey } : {}),
      })
  const figures: Figure[] = []
  for (const v of VARIANTS) {
    figures.push(...(await compare(sides, v, opts, ours(v.keyed), v.keyed ? keyedPeer : peer)))
  }
  return figures
}

async function compare(
  sides: PeerSides,
  v: Variant,
  opts: { rounds: number; appendsPerRound: number },
  ours: Append,
  peer: Append,
): Promise<Figure[]> {
  const warmupRounds = 2
  const total = (opts.rounds + warmupRounds) * opts.appendsPerRound
  const oursPool = await sides.ours.seed(total)
  const peerPool = await sides.peer.seed(total)
  const run = (append: Append, pool: string[]) => async (n: number) => {
    for (const streamId of pool.splice(0, n)) {
      const orderId = streamId.replace(/^order-/, '')
      await append({ idempotencyKey: crypto.randomUUID(), streamId, events: nextEvents(orderId, v.events) })
    }
  }
  sides.ours.counter.reset()
  sides.peer.counter.reset()
  const timed = await timePaired(run(ours, oursPool), run(peer, peerPool), {
    unitsPerRound: opts.appendsPerRound,
    rounds: opts.rounds,
    warmupRounds,
  })
  const { peerLabel, what } = describe(v)
  return [
    peerFigure({
      name: `append ${v.label}: time per append`,
      ours: timed.subjectMs,
      peer: timed.baselineMs,
      unit: 'ms',
      peerLabel,
      note: `median of ${timed.rounds} rounds of ${opts.appendsPerRound} appends; ${what}`,
    }),
    peerFigure({
      name: `append ${v.label}: AWS calls per append`,
      ours: sides.ours.counter.count() / total,
      peer: sides.peer.counter.count() / total,
      unit: 'calls',
      peerLabel,
      note: `${total} appends each: ours ${sides.ours.counter.describe()}; peer ${sides.peer.counter.describe()}`,
    }),
  ]
}

/** The peer's name and what each side does on a line. */
function describe(v: Variant): { peerLabel: string; what: string } {
  if (v.keyed) {
    return {
      peerLabel: 'Castore + Powertools makeIdempotent',
      what: 'ours writes the key guard in the same transaction as the events (atomic); the peer an in-progress record, the append, then the completed record (three writes, not atomic)',
    }
  }
  const check =
    v.events === 1
      ? 'proves the stream is at the expected version with a head read before its PutItem'
      : 'proves the stream is at the expected version with a ConditionCheck in its transaction'
  return {
    peerLabel: v.events === 1 ? 'Castore pushEvent' : 'Castore pushEventGroup',
    what: `ours validates each event against its schema and ${check}; Castore writes at the version it is given`,
  }
}
