/**
 * The OpenAPI 3.1 document of the HTTP API, from the code: routes from the function catalogue
 * (`ApiRoutes`), bodies from the HTTP schemas and the registry, problem types from `ProblemType`, id
 * rules from `shared/store/rules.ts`, limits from where they are enforced.
 */
import type { EventRegistry } from '../../../shared/events/registry.ts'
import { MAX_REQUEST_BODY_BYTES } from '../../../shared/http/limits.ts'
import { CORRELATION_HEADER } from '../../../shared/http/middleware/correlation.ts'
import { PROBLEM_CONTENT_TYPE, ProblemType } from '../../../shared/http/problem.ts'
import { publishBodySchema } from '../../../shared/http/publish/publish-request.ts'
import { DEFAULT_PAGE_SIZE } from '../../../shared/http/read/read-events.ts'
import { MAX_EVENTS_PER_APPEND } from '../../../shared/store/limits.ts'
import { IDEMPOTENCY_KEY_RULE, STREAM_ID_PATTERN } from '../../../shared/store/rules.ts'
import { MAX_READ_LIMIT } from '../../../shared/store/types.ts'
import { ApiRoutes } from '../../../shared/topology/catalogue.ts'
import { inputSchema, type JsonSchema } from './json-schema.ts'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: JsonSchema) => ({ 'application/json': { schema } })

/** A problem response, listing the problem types it may carry. */
const problem = (description: string, types: readonly string[]) => ({
  description: `${description} Problem types: ${types.join(', ')}.`,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
})

const authProblems = {
  '401': problem('No or invalid credentials (SigV4 signature or bearer JWT).', []),
  '403': problem('Authenticated but not allowed (a JWT without the route scope).', [ProblemType.Forbidden]),
}

const readProblems = {
  '400': problem('A malformed query parameter, named in `errors`.', [ProblemType.InvalidRequest]),
  ...authProblems,
  '404': problem('Unknown route, or a stream without events.', [ProblemType.NotFound]),
}

const streamId = {
  name: 'streamId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: STREAM_ID_PATTERN.source },
}

const headerParam = (name: string, description: string, schema: JsonSchema) => ({
  name,
  in: 'header',
  required: false,
  description,
  schema,
})

const correlation = [
  headerParam(
    'X-Correlation-Id',
    'Carried into the metadata of the events this request stores (`correlationid`) and echoed.',
    { type: 'string' },
  ),
  headerParam('traceparent', 'W3C trace context; the events carry a child span of it.', { type: 'string' }),
]

const correlationHeader = {
  [CORRELATION_HEADER]: { description: 'The correlation id of the request.', schema: { type: 'string' } },
}

/** The request body: one branch per event type, its `data` the newest schema of that type. */
function publishRequest(registry: EventRegistry): JsonSchema {
  type Shape = JsonSchema & { properties: Record<string, JsonSchema & { items: JsonSchema }> }
  const body = inputSchema(publishBodySchema(registry)) as Shape
  const events = body.properties.events as JsonSchema & { items: Shape }
  const item = events.items
  const oneOf = registry.types().map((type) => ({
    ...item,
    properties: { ...item.properties, type: { const: type }, data: ref(`${type}Data`) },
  }))
  const eventsSchema = { ...events, maxItems: MAX_EVENTS_PER_APPEND, items: { oneOf } }
  return { ...body, properties: { ...body.properties, events: eventsSchema } }
}

const storedEvent: JsonSchema = {
  type: 'object',
  required: ['id', 'version', 'type', 'schemaVersion', 'time', 'data', 'metadata'],
  properties: {
    id: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    type: { type: 'string' },
    schemaVersion: { type: 'integer', minimum: 1, description: 'Always the newest: data is upcast.' },
    time: { type: 'string', format: 'date-time' },
    data: { description: 'The data of `type`, newest schema version.' },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
  },
}

const problemSchema: JsonSchema = {
  type: 'object',
  description: "RFC 9457 problem details with this API's extension members.",
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', enum: Object.values(ProblemType) },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Field-level issues: the path of the field and what is wrong with it.',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    expectedVersion: { type: 'integer', description: 'On 409: the version the client expected.' },
    actualVersion: { type: 'integer', description: "On 409: the stream's actual version." },
    correlationId: { type: 'string' },
  },
}

/** OpenAPI `paths` from operations keyed by route key (`POST /streams/{streamId}/events`). */
function pathsOf(operations: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const paths: Record<string, JsonSchema> = {}
  for (const [routeKey, operation] of Object.entries(operations)) {
    const [method = '', path = ''] = routeKey.split(' ')
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation }
  }
  return paths
}

/** The document. */
export function openApiDocument(registry: EventRegistry): JsonSchema {
  const [publishRoute] = ApiRoutes.publish
  const [eventsRoute, stateRoute, projectionRoute] = ApiRoutes.read
  const dataSchemas = Object.fromEntries(
    registry.eventTypes().map((t) => {
      const newest = t.versions[t.versions.length - 1]
      return [`${t.type}Data`, newest ? inputSchema(newest.schema) : {}]
    }),
  )
  return {
    openapi: '3.1.0',
    info: {
      title: 'Event Backbone HTTP API',
      version: '1',
      description: `Publish events to streams and read them back. Generated from the code by \`npm run contracts\`; do not edit.`,
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        variables: { apiId: { default: 'example' }, region: { default: 'us-east-1' } },
      },
      { url: 'http://127.0.0.1:3000', description: 'npm start' },
    ],
    security: [{ sigv4: [] }, { jwt: [] }],
    paths: pathsOf({
      [publishRoute]: {
        operationId: 'publish',
        summary: 'Append events to a stream, atomically.',
        parameters: [
          streamId,
          headerParam(
            'Idempotency-Key',
            `IETF httpapi Idempotency-Key: a retry with the same key and body returns the first response and stores nothing; the same key with another body is a 422. ${IDEMPOTENCY_KEY_RULE}; remembered 24 hours.`,
            { type: 'string' },
          ),
          ...correlation,
        ],
        requestBody: { required: true, content: json(ref('PublishRequest')) },
        responses: {
          '201': {
            description: 'Stored.',
            headers: {
              Location: { schema: { type: 'string' } },
              'Idempotent-Replayed': {
                description: '`true` when this answers a retry from the first response.',
                schema: { type: 'string' },
              },
              ...correlationHeader,
            },
            content: json(ref('PublishResponse')),
          },
          '400': problem('Malformed JSON or an invalid header, named in `errors`.', [
            ProblemType.MalformedJson,
            ProblemType.InvalidRequest,
          ]),
          ...authProblems,
          '404': problem('Unknown route.', [ProblemType.NotFound]),
          '409': problem('Version conflict, with `expectedVersion` and `actualVersion`.', [
            ProblemType.VersionConflict,
          ]),
          '413': problem(
            `Body over ${MAX_REQUEST_BODY_BYTES} bytes, more than ${MAX_EVENTS_PER_APPEND} events, or an event whose envelope would not fit one SNS message.`,
            [ProblemType.ContentTooLarge],
          ),
          '415': problem('Not JSON.', [ProblemType.UnsupportedMediaType]),
          '422': problem(
            'Schema violation (field paths in `errors`), or an Idempotency-Key reused with another body.',
            [ProblemType.ValidationFailed, ProblemType.IdempotencyKeyReused],
          ),
          '500': problem("Our fault, never the client's: nothing was stored.", [ProblemType.Internal]),
        },
      },
      [eventsRoute]: {
        operationId: 'readEvents',
        summary: 'A page of the stream in version order, data upcast to the newest schema.',
        parameters: [
          streamId,
          { name: 'fromVersion', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: MAX_READ_LIMIT, default: DEFAULT_PAGE_SIZE },
          },
          ...correlation,
        ],
        responses: {
          '200': {
            description: 'One page; `nextVersion` and `next` while more may follow.',
            headers: { Link: { schema: { type: 'string' } }, ...correlationHeader },
            content: json(ref('EventPage')),
          },
          ...readProblems,
        },
      },
      [stateRoute]: {
        operationId: 'readState',
        summary: "The stream's state folded by its reducer, as of `atVersion` (default the head).",
        parameters: [streamId, { name: 'atVersion', in: 'query', schema: { type: 'integer', minimum: 1 } }],
        responses: {
          '200': {
            description: 'The state.',
            headers: correlationHeader,
            content: json(ref('StreamState')),
          },
          ...readProblems,
        },
      },
      [projectionRoute]: {
        operationId: 'readProjection',
        summary: 'One document of a projection (read model), from its active version.',
        description:
          'Never from a version being rebuilt: readers switch when a rebuild has caught up, or when an operator activates another version.',
        parameters: [
          {
            name: 'projection',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          },
          {
            name: 'key',
            in: 'path',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 512 },
          },
        ],
        responses: {
          '200': {
            description: 'The document.',
            headers: correlationHeader,
            content: json(ref('ProjectionDocument')),
          },
          ...readProblems,
        },
      },
    }),
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4 for service execute-api (the default IAM authorizer).',
        },
        jwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'With the JWT authorizer: scope events/write to publish, events/read to read.',
        },
      },
      schemas: {
        PublishRequest: publishRequest(registry),
        PublishResponse: {
          type: 'object',
          required: ['streamId', 'events'],
          properties: {
            streamId: { type: 'string' },
            events: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'version', 'type', 'time'],
                properties: {
                  id: { type: 'string' },
                  version: { type: 'integer', minimum: 1 },
                  type: { type: 'string' },
                  time: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
        StoredEvent: storedEvent,
        EventPage: {
          type: 'object',
          required: ['streamId', 'events'],
          properties: {
            streamId: { type: 'string' },
            events: { type: 'array', items: ref('StoredEvent') },
            nextVersion: { type: 'integer' },
            next: { type: 'string' },
          },
        },
        StreamState: {
          type: 'object',
          required: ['streamId', 'version', 'state'],
          properties: {
            streamId: { type: 'string' },
            version: { type: 'integer' },
            state: { description: "The reducer's state." },
          },
        },
        ProjectionDocument: {
          type: 'object',
          required: ['projection', 'version', 'key', 'document'],
          properties: {
            projection: { type: 'string' },
            version: { type: 'integer', minimum: 1, description: 'The active version it was read from.' },
            key: { type: 'string' },
            document: { type: 'object', description: "The projection's item, without its table keys." },
          },
        },
        Problem: problemSchema,
        ...dataSchemas,
      },
    },
  }
}
