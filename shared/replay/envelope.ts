/**
 * The message a replay sends for a stored event: the CloudEvents envelope with the event's own id,
 * data upcast to the newest schema version, `replay: true`, and `reprocess: true` when asked (the
 * channel adapters copy both into message attributes, where the consumer middleware reads them).
 */
import type { OutboundEnvelope } from '../channels/ports.ts'
import { type CloudEvent, toCloudEvent } from '../events/envelope.ts'
import type { EventRegistry } from '../events/registry.ts'
import type { StoredEvent } from '../store/event-store.ts'

/** A replay envelope (a CloudEvent plus the `reprocess` mark). */
export type ReplayEnvelope = CloudEvent & { reprocess?: true }

/**
 * Builds the envelope of `stored`. Throws `ValidationError`/`UnknownEventTypeError` when the stored
 * data cannot be upcast (the caller counts such an event as failed: it can never be sent as valid).
 */
export function toReplayEnvelope(
  stored: StoredEvent,
  registry: EventRegistry,
  opts: { source: string; reprocess: boolean },
): ReplayEnvelope {
  const { schemaVersion, data } = registry.upcast(stored.type, stored.schemaVersion, stored.data)
  const envelope: ReplayEnvelope = toCloudEvent(
    { ...stored, schemaVersion, data },
    { source: opts.source, replay: true },
  )
  if (opts.reprocess) envelope.reprocess = true
  return envelope
}

/** The message attributes a filter policy sees for an envelope (as `channels/attributes.ts` sets them). */
export function routingAttributes(envelope: OutboundEnvelope): Record<string, string> {
  return {
    type: envelope.type,
    subject: envelope.subject,
    schemaversion: String(envelope.schemaversion),
    replay: 'true',
    ...(envelope.reprocess ? { reprocess: 'true' } : {}),
  }
}
