/**
 * Every file of `contracts/`, as the code describes it today: what `npm run contracts` writes and
 * what the contract test compares the committed folder with.
 */
import type { EventRegistry } from '../../../shared/events/registry.ts'
import type { BackboneDeclaration } from '../../../shared/topology/declaration.ts'
import { asyncApiDocument } from './asyncapi.ts'
import { CLOUDEVENT_SCHEMA_PATH, cloudEventSchema, eventSchemas } from './event-schemas.ts'
import { openApiDocument } from './openapi.ts'

export const OPENAPI_PATH = 'openapi.json'
export const ASYNCAPI_PATH = 'asyncapi.json'

/** Path (relative to `contracts/`) → file text. */
export function contractFiles(
  declaration: BackboneDeclaration,
  registry: EventRegistry,
): Record<string, string> {
  const documents = {
    [OPENAPI_PATH]: openApiDocument(registry),
    [ASYNCAPI_PATH]: asyncApiDocument(declaration, registry),
    [CLOUDEVENT_SCHEMA_PATH]: cloudEventSchema(),
    ...eventSchemas(registry.eventTypes()),
  }
  return Object.fromEntries(
    Object.entries(documents)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, doc]) => [path, `${JSON.stringify(doc, null, 2)}\n`]),
  )
}
