/**
 * Turns an SQS record into the event a handler sees: unwrapped, envelope validated, data upcast to
 * the newest schema version and validated. Everything that can never succeed is a
 * {@link PoisonMessageError} whose message names the field at fault.
 */
import type { SQSRecord } from 'aws-lambda'
import { ValidationError } from '../errors.ts'
import type { CloudEvent } from '../events/envelope.ts'
import { parseCloudEvent } from '../events/parse-cloud-event.ts'
import type { EventRegistry } from '../events/registry.ts'
import { PoisonFailureType, PoisonMessageError } from './errors.ts'
import { type IncomingMessage, readIncomingMessage } from './incoming-message.ts'

/** A decoded record. */
export interface DecodedEvent {
  /** The envelope with `data` upcast and validated; `schemaversion` is the newest version. */
  event: CloudEvent
  /** A replay asked to handle the event even if this consumer has already handled it. */
  reprocess: boolean
  /** A projection rebuild's record: apply it to this version of the projection only. */
  projectionVersion?: number
}

/**
 * Decodes `record`; `hasHandler` says whether the consumer handles a type. An event whose type has
 * no handler is poison (not silently acknowledged): the filter policy should not have let it through,
 * so the mismatch shows up in the DLQ, from where it can be redriven once a handler exists.
 */
export function decodeRecord(
  record: SQSRecord,
  registry: EventRegistry,
  hasHandler: (type: string) => boolean,
): DecodedEvent {
  const message = readIncomingMessage(record)
  const envelope = parseEnvelope(message.envelope)
  if (!registry.has(envelope.type)) {
    throw new PoisonMessageError(
      PoisonFailureType.UnknownEventType,
      `type: unknown event type '${envelope.type}'`,
    )
  }
  if (!hasHandler(envelope.type)) {
    throw new PoisonMessageError(PoisonFailureType.NoHandler, `type: no handler for '${envelope.type}'`)
  }
  const decoded: DecodedEvent = {
    event: upcastEnvelope(registry, envelope),
    reprocess: isReprocess(envelope, message),
  }
  const version = message.snsWrapped ? undefined : message.attribute('projectionversion')
  if (version !== undefined) decoded.projectionVersion = Number(version)
  return decoded
}

function parseEnvelope(candidate: unknown): CloudEvent {
  try {
    return parseCloudEvent(candidate)
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new PoisonMessageError(PoisonFailureType.InvalidEnvelope, describe(error), { cause: error })
  }
}

function upcastEnvelope(registry: EventRegistry, envelope: CloudEvent): CloudEvent {
  try {
    const { schemaVersion, data } = registry.upcast(envelope.type, envelope.schemaversion, envelope.data)
    // Updated in place, not spread into a copy: the envelope is the parser's fresh output, owned here.
    envelope.schemaversion = schemaVersion
    envelope.data = data
    return envelope
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    throw new PoisonMessageError(PoisonFailureType.SchemaViolation, describe(error), { cause: error })
  }
}

/** `Invalid OrderPlaced v1 data: data.items[0].quantity: Too small; data.currency: Required`. */
function describe(error: ValidationError): string {
  const issues = error.issues.map((i) => `${i.path || '(envelope)'}: ${i.message}`).join('; ')
  return issues === '' ? error.message : `${error.message}: ${issues}`
}

/**
 * Reprocessing needs both marks: `replay` (only the replay function sets it) and `reprocess`.
 * `reprocess` is read from the raw envelope (the envelope parser does not keep unknown extensions)
 * or from the message attribute of the same name.
 */
function isReprocess(envelope: CloudEvent, message: IncomingMessage): boolean {
  const raw = message.envelope as { reprocess?: unknown }
  const replay = envelope.replay === true || message.attribute('replay') === 'true'
  if (!replay) return false
  return raw.reprocess === true || raw.reprocess === 'true' || message.attribute('reprocess') === 'true'
}
