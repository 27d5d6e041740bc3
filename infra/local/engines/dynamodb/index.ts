/**
 * The embedded DynamoDB engine of the local runtime: dynalite's store and actions, plus what dynalite
 * lacks — TransactWriteItems/TransactGetItems and DynamoDB Streams (records for every committed
 * write, the Streams API on the same port).
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import type { EngineContext } from './context.ts'
import { createStore } from './dynalite-internals.ts'
import { ReadWriteLock } from './rw-lock.ts'
import { createEngineServer } from './server.ts'
import { StreamStore } from './stream-store.ts'
import { cacheTables } from './table-cache.ts'
import { WriteCapture } from './write-capture.ts'

export { DynamoDBEngineError } from './errors.ts'

/** Options of {@link startDynamoDB}. */
export interface DynamoDBOptions {
  /** Interface to listen on; defaults to 127.0.0.1. */
  host?: string
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number
  /** Folder for the LevelDB files (tables, items, stream records); in memory when undefined. */
  dataDir?: string
}

/** A running engine. */
export interface DynamoDBEngine {
  /** `http://host:port`, for the SDK's `endpoint` or `aws --endpoint-url`. */
  endpoint: string
  port: number
  /** Stops listening and closes the database. */
  stop(): Promise<void>
}

/**
 * Starts the engine. DynamoDB and DynamoDB Streams clients both use the returned endpoint.
 *
 * @example
 * const db = await startDynamoDB({ dataDir: '.backbone-data/dynamodb' })
 * const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'us-east-1' })
 * await db.stop()
 */
export async function startDynamoDB(opts: DynamoDBOptions = {}): Promise<DynamoDBEngine> {
  const host = opts.host ?? '127.0.0.1'
  const store = createStore(opts.dataDir)
  const tables = cacheTables(store)
  const capture = new WriteCapture(store.db)
  const streams = new StreamStore(store.db, (ops) => capture.write(ops))
  await streams.load()
  const ctx: EngineContext = {
    store,
    lock: new ReadWriteLock(),
    capture,
    streams,
    tables,
    region: store.tableDb.awsRegion,
  }
  const server = createEngineServer(ctx)
  // Connections kept alive by SDK agents would otherwise hold `close` open.
  server.keepAliveTimeout = 5_000
  server.listen(opts.port ?? 0, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    endpoint: `http://${urlHost}:${port}`,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      // Wait for in-flight writes to finish, then close LevelDB cleanly.
      await ctx.lock.write(async () => {
        await new Promise<void>((resolve, reject) => {
          store.lifecycleManager.gracefulClose((err) => (err ? reject(err) : resolve()))
        })
      })
    },
  }
}
