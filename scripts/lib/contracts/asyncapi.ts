/**
 * The AsyncAPI 3 document of the fan-out, from the declaration: each topic with the event types
 * routed to it, each consumer's queue (the types its filter policy lets through, the policy itself)
 * and its dead-letter queue, the message attributes filter policies match on, and the envelope.
 */
import type { EventRegistry } from '../../../shared/events/registry.ts'
import { matchesFilterPolicy } from '../../../shared/replay/filter-policy.ts'
import type { BackboneDeclaration } from '../../../shared/topology/declaration.ts'
import { topicOf } from '../../../shared/topology/routing.ts'
import { cloudEventSchema } from './event-schemas.ts'
import { inputSchema, type JsonSchema } from './json-schema.ts'

const attributes: JsonSchema = {
  type: 'object',
  description:
    'SNS/SQS message attributes, copied from the envelope so subscription filter policies can match them.',
  required: ['type', 'subject', 'schemaversion', 'replay'],
  properties: {
    type: { type: 'string', description: 'The event type (String).' },
    subject: { type: 'string', description: 'The stream id (String).' },
    schemaversion: { type: 'string', description: 'The schema version of data (Number).' },
    replay: { type: 'string', enum: ['true', 'false'], description: 'Re-sent history (String).' },
    reprocess: { type: 'string', enum: ['true', 'false'], description: 'On replays that ask for it.' },
  },
}

const deadLetterAttributes: JsonSchema = {
  type: 'object',
  description: 'Added by the consumer middleware to a poison message it moves to the DLQ at once.',
  properties: {
    'failure-type': { type: 'string', description: 'e.g. UnknownEventType, SchemaViolation, NoHandler.' },
    'failure-reason': { type: 'string', description: 'What was wrong, naming the field.' },
  },
}

/** The document. */
export function asyncApiDocument(declaration: BackboneDeclaration, registry: EventRegistry): JsonSchema {
  const types = registry.types()
  const channels: Record<string, JsonSchema> = {}
  const operations: Record<string, JsonSchema> = {}
  const channelMessages = (list: readonly string[]) =>
    Object.fromEntries(list.map((t) => [t, { $ref: `#/components/messages/${t}` }]))
  for (const topic of declaration.topics) {
    const routed = types.filter((t) => topicOf(declaration, t) === topic.name)
    const id = `topic-${topic.name}`
    channels[id] = {
      address: topic.fifo ? `${topic.name}.fifo` : topic.name,
      title: `SNS topic ${topic.name}`,
      description: `${topic.fifo ? 'FIFO topic: message group = stream id, deduplication id = event id. ' : ''}The relay publishes every stored event routed here (PublishBatch, 10 per call).`,
      messages: channelMessages(routed),
    }
    operations[`relay-to-${topic.name}`] = {
      action: 'send',
      title: `The relay publishes to ${topic.name}`,
      channel: { $ref: `#/channels/${id}` },
      messages: routed.map((t) => ({ $ref: `#/channels/${id}/messages/${t}` })),
    }
  }
  for (const consumer of declaration.consumers) {
    const topic = declaration.topics.find((t) => t.name === consumer.topic)
    const typePolicy = consumer.filterPolicy?.type ? { type: consumer.filterPolicy.type } : undefined
    const received = types.filter(
      (t) => topicOf(declaration, t) === consumer.topic && matchesFilterPolicy(typePolicy, { type: t }),
    )
    const suffix = topic?.fifo ? '.fifo' : ''
    const queueId = `queue-${consumer.name}`
    channels[queueId] = {
      address: `${consumer.name}${suffix}`,
      title: `SQS queue of consumer ${consumer.name}`,
      description: `Subscribed to topic ${consumer.topic} with raw message delivery${consumer.filterPolicy ? ` and the filter policy ${JSON.stringify(consumer.filterPolicy)}` : ''}. After ${consumer.maxReceiveCount} receives a message moves to ${consumer.name}-dlq${suffix}.`,
      messages: channelMessages(received),
      ...(consumer.filterPolicy ? { 'x-filter-policy': consumer.filterPolicy } : {}),
    }
    channels[`dlq-${consumer.name}`] = {
      address: `${consumer.name}-dlq${suffix}`,
      title: `Dead-letter queue of consumer ${consumer.name}`,
      description:
        'Messages that failed maxReceiveCount times, and poison messages (invalid, unknown type, schema violation) with failure-type and failure-reason attributes. Redrive moves them back.',
      messages: channelMessages(received),
    }
    operations[`${consumer.name}-receives`] = {
      action: 'receive',
      title: `Consumer ${consumer.name}`,
      channel: { $ref: `#/channels/${queueId}` },
      messages: received.map((t) => ({ $ref: `#/channels/${queueId}/messages/${t}` })),
    }
  }
  const messages = Object.fromEntries(
    registry.eventTypes().map((t) => [
      t.type,
      {
        name: t.type,
        title: `${t.type} (schema version ${t.latestVersion})`,
        contentType: 'application/json',
        headers: { $ref: '#/components/schemas/MessageAttributes' },
        payload: {
          allOf: [
            { $ref: '#/components/schemas/CloudEvent' },
            {
              type: 'object',
              properties: {
                type: { const: t.type },
                schemaversion: { const: t.latestVersion },
                data: { $ref: `#/components/schemas/${t.type}Data` },
              },
            },
          ],
        },
      },
    ]),
  )
  const dataSchemas = Object.fromEntries(
    registry.eventTypes().map((t) => {
      const newest = t.versions[t.versions.length - 1]
      return [`${t.type}Data`, newest ? inputSchema(newest.schema) : {}]
    }),
  )
  const { $schema: _, $id: __, ...envelope } = cloudEventSchema()
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Event Backbone fan-out',
      version: '1',
      description:
        'Topics, consumer queues and dead-letter queues. Consumers and replay receive data upcast to the newest schema version. Generated from the code by `npm run contracts`; do not edit.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages,
      schemas: {
        CloudEvent: envelope,
        MessageAttributes: attributes,
        DeadLetterAttributes: deadLetterAttributes,
        ...dataSchemas,
      },
    },
  }
}
