/**
 * Transactional effects: a consumer whose effect is DynamoDB writes declares them instead of running
 * them, and the middleware commits them in one TransactWriteItems with the event's deduplication
 * record. A crash at any point leaves both or neither, so the effect happens exactly once per event
 * (a replay with `reprocess` commits it again, on purpose).
 *
 * The shapes are those of the DocumentClient's `TransactItems` (native JavaScript values).
 */
import type { CloudEvent } from '../events/envelope.ts'
import type { EventMap, HandlerContext } from './types.ts'

type Values = Readonly<Record<string, unknown>>
type Names = Readonly<Record<string, string>>

interface Conditional {
  readonly TableName: string
  readonly ConditionExpression?: string
  readonly ExpressionAttributeNames?: Names
  readonly ExpressionAttributeValues?: Values
}

/** One write of a transaction (DynamoDB allows 100 per transaction, one of them the dedup record). */
export type WriteAction =
  | { readonly Put: Conditional & { readonly Item: Values } }
  | { readonly Update: Conditional & { readonly Key: Values; readonly UpdateExpression: string } }
  | { readonly Delete: Conditional & { readonly Key: Values } }
  | { readonly ConditionCheck: Conditional & { readonly Key: Values; readonly ConditionExpression: string } }

/**
 * The writes of one event, as alternatives tried in turn: the first whose conditions all hold is
 * committed; when a condition fails, nothing is written and the next one is tried (e.g. "advance the
 * status if newer", else "only add the fields"). The in-order case should be the first, so it costs
 * one call. When none holds, the record fails with `EffectConditionFailedError` and is retried.
 */
export type Effect = ReadonlyArray<readonly WriteAction[]>

/** Computes an event's effect; it may read (e.g. a head item) but must not write. */
export type EffectHandler<Data, Deps> = (
  event: CloudEvent<Data>,
  ctx: HandlerContext<Deps>,
) => Effect | Promise<Effect>

/** One optional effect per event type of `M`. */
export type EffectHandlers<M extends EventMap, Deps> = { [K in keyof M & string]?: EffectHandler<M[K], Deps> }
