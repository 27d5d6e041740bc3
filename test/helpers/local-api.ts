/**
 * The HTTP API as `npm start` runs it, for integration tests: embedded DynamoDB with the events
 * table, the local Lambda host running `functions/publish.ts` and `functions/read.ts` in their own
 * workers, and the local HTTP API on port 0 in front. Every test file starts its own and stops it.
 */
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { ScanCommand } from '@aws-sdk/client-dynamodb'
import { registry } from '../../functions/domain.ts'
import {
  type AuthorizerKind,
  type LocalAuth,
  localAuth,
} from '../../infra/local/http-api/authorizers/local-auth.ts'
import { startHttpApi } from '../../infra/local/http-api/index.ts'
import { createLambdaHost } from '../../infra/local/lambda/host.ts'
import { createEventsTable } from '../../infra/local/resources/events-table.ts'
import { createDocumentClient } from '../../shared/clients/dynamodb.ts'
import { DynamoDBEventStorage } from '../../shared/store/dynamodb/dynamodb-event-storage.ts'
import type { StoredEvent } from '../../shared/store/event-store.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { startTestDynamoDB } from './dynamodb.ts'

const projectPath = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))

/** A running local API and direct access to the table behind it. */
export interface LocalApi {
  /** Base URL of the HTTP API, e.g. `http://127.0.0.1:49152`. */
  url: string
  /** Events of a stream as stored, read directly from the table (not through the API). */
  storedEvents(streamId: string): Promise<StoredEvent[]>
  /** The authorizer, and with `jwt` a way to mint tokens it accepts. */
  auth: LocalAuth
  /** Number of items in the events table (events and idempotency guards). */
  itemCount(): Promise<number>
  stop(): Promise<void>
}

export interface LocalApiOptions {
  /** The authorizer in front of every route, as `BACKBONE_AUTHORIZER` chooses it for `npm start`. */
  authorizer?: AuthorizerKind
}

/** Starts the engine, the table, the functions and the HTTP API. */
export async function startLocalApi(opts: LocalApiOptions = {}): Promise<LocalApi> {
  const db = await startTestDynamoDB({ inMemory: true })
  const tableName = `events-${randomUUID()}`
  await createEventsTable(db.dynamodb, tableName)
  const environment = {
    EVENTS_TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: db.engine.endpoint,
    POWERTOOLS_SERVICE_NAME: 'events-api',
    POWERTOOLS_METRICS_NAMESPACE: 'EventBackboneTest',
    // Functions' JSON logs and EMF lines would drown the test report; errors still show.
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  }
  const host = createLambdaHost({ hostEnv: {} })
  for (const name of ['publish', 'read']) {
    host.register({
      name,
      entry: projectPath(`functions/${name}.ts`),
      environment,
      timeoutSeconds: 10,
      concurrency: 2,
    })
  }
  const auth = await localAuth(opts.authorizer)
  const api = await startHttpApi({
    port: 0,
    invoke: host.invoke,
    authorizer: auth.authorizer,
    routes: [
      { routeKey: 'POST /streams/{streamId}/events', functionName: 'publish' },
      { routeKey: 'GET /streams/{streamId}/events', functionName: 'read' },
      { routeKey: 'GET /streams/{streamId}', functionName: 'read' },
      { routeKey: '$default', functionName: 'read' },
    ],
  })
  const storage = new DynamoDBEventStorage({ client: createDocumentClient(db.dynamodb), tableName })
  const store = new EventStore({ storage, registry })
  return {
    url: api.url,
    auth,
    async storedEvents(streamId) {
      const events: StoredEvent[] = []
      let fromVersion: number | undefined = 1
      while (fromVersion !== undefined) {
        const page = await store.readStream(streamId, { fromVersion })
        events.push(...page.events)
        fromVersion = page.nextVersion
      }
      return events
    },
    async itemCount() {
      const result = await db.dynamodb.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }))
      return result.Count ?? 0
    },
    async stop() {
      await api.stop()
      await host.close()
      await db.stop()
    },
  }
}
