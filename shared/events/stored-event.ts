/**
 * An event as the store keeps it. Declared here, beside the envelope built from it, so `events/`
 * never imports `store/`: the store depends on the events module (registry, envelope), not the reverse.
 */
export interface StoredEvent {
  streamId: string
  /** 1-based, consecutive within the stream. */
  version: number
  id: string
  type: string
  schemaVersion: number
  data: unknown
  metadata: Record<string, string>
  /** ISO-8601 UTC with milliseconds (`Date#toISOString`), set by the store when appending. */
  time: string
}
