/**
 * One JSON Schema per event type and schema version, and one for the CloudEvents envelope, from the
 * registry and the envelope parser: `contracts/schemas/events/<Type>.v<N>.json`,
 * `contracts/schemas/cloudevent.json`.
 */
import { envelopeSchema } from '../../../shared/events/parse-cloud-event.ts'
import type { EventType } from '../../../shared/events/registry.ts'
import { inputSchema, JSON_SCHEMA_DIALECT, type JsonSchema } from './json-schema.ts'

/** The file name of a version's schema, relative to `contracts/`. */
export const eventSchemaPath = (type: string, version: number) => `schemas/events/${type}.v${version}.json`

export const CLOUDEVENT_SCHEMA_PATH = 'schemas/cloudevent.json'

/** The `data` schema of every version of every type, by path. */
export function eventSchemas(types: readonly EventType[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {}
  for (const eventType of types) {
    for (const version of eventType.versions) {
      out[eventSchemaPath(eventType.type, version.version)] = {
        $schema: JSON_SCHEMA_DIALECT,
        $id: `urn:event-backbone:schema:${eventType.type}:v${version.version}`,
        title: `${eventType.type} v${version.version} data`,
        description:
          version.version < eventType.latestVersion
            ? `Stored history only: publish validates against v${eventType.latestVersion}; an upcaster turns this version into v${version.version + 1}.`
            : 'The version publish validates against and consumers and replay receive.',
        ...inputSchema(version.schema),
      }
    }
  }
  return out
}

/** The CloudEvents 1.0 structured-mode envelope with the backbone's extensions. */
export function cloudEventSchema(): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: 'urn:event-backbone:schema:cloudevent',
    title: 'CloudEvents 1.0 envelope (JSON structured mode) with the backbone extensions',
    description:
      'subject is the stream id, sequence the zero-padded stream version, schemaversion the version of data; replay is true on re-sent history, and reprocess (on replays that ask for it) makes idempotent consumers handle an event again.',
    ...inputSchema(envelopeSchema),
  }
}
