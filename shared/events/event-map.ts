/** Event types as TypeScript sees them: a map from type name to its newest data. */
import type { EventData, EventType } from './event-type.ts'

/** Event type name → data of its newest version. */
export type EventMap = Record<string, unknown>

/**
 * The {@link EventMap} of a union of declared event types.
 *
 * @example
 * type OrderEvents = EventMapOf<typeof OrderPlaced | typeof OrderShipped>
 */
export type EventMapOf<U extends EventType> = { [E in U as E['type']]: EventData<E> }
