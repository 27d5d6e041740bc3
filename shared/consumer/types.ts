/** Types of a consumer declaration: handlers per event type, with the event's newest data type. */
import type { Logger } from '@aws-lambda-powertools/logger'
import type { Context, SQSRecord } from 'aws-lambda'
import type { CloudEvent } from '../events/envelope.ts'

/** Event type name → data type of its newest schema version. */
export type { EventMap, EventMapOf } from '../events/event-map.ts'

import type { EventMap } from '../events/event-map.ts'

/** What a handler gets besides the event. */
export interface HandlerContext<Deps> {
  /** The consumer's name (its dedup namespace, queue and function name). */
  consumer: string
  /** The consumer's dependencies, built once per cold start by its `dependencies` factory. */
  deps: Deps
  /** Logger with the Lambda context bound. */
  logger: Logger
  /** The event is re-sent history (`replay` extension). */
  replay: boolean
  /** The replay asked to handle it even if already handled (dedup was bypassed). */
  reprocess: boolean
  /** The SQS record as delivered. */
  record: SQSRecord
  lambdaContext: Context
}

/** Handles one event; throwing makes the record a batch item failure, retried by SQS. */
export type EventHandler<Data, Deps> = (event: CloudEvent<Data>, ctx: HandlerContext<Deps>) => Promise<void>

/** One optional handler per event type of `M`. */
export type EventHandlers<M extends EventMap, Deps> = { [K in keyof M & string]?: EventHandler<M[K], Deps> }
