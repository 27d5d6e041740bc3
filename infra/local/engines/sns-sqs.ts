import { Server } from 'node:net'
import { type SpyMessage, startFauxqs } from 'fauxqs'
import { assertPinnedEngine } from './engine-version.ts'
import { EngineExposedError } from './errors.ts'
import { applyFauxqsPatches } from './sns-sqs/fauxqs-patches.ts'

/** Options of the embedded SNS/SQS engine. */
export interface SnsSqsOptions {
  /** Interface to listen on and the host the endpoint URL names; default `127.0.0.1` (loopback only). */
  host?: string
  /** TCP port; `0` lets the OS choose (tests). Default 4566, the port LocalStack made the convention. */
  port?: number
  /** Folder for the SQLite database; state (queues, topics, subscriptions, messages) survives restarts. In memory when omitted. */
  dataDir?: string
  /**
   * Host used inside queue URLs, giving `http://sqs.<region>.<queueUrlHost>:<port>/000000000000/<name>`.
   * When omitted, queue URLs are `http://<request Host header>/000000000000/<name>`, which a client
   * configured with {@link SnsSqsEngine.endpoint} can also dial directly.
   */
  queueUrlHost?: string
}

/** A running SNS/SQS engine. */
export interface SnsSqsEngine {
  /** Endpoint for SNSClient and SQSClient, e.g. `http://127.0.0.1:4566`. */
  endpoint: string
  /** The port actually bound (useful with `port: 0`). */
  port: number
  /**
   * Calls `listener` with every message the engine records: SNS publishes, SQS sends (direct or by
   * fan-out), deletes and moves to a DLQ, each with its message id and time. Event Studio's trace
   * is built from these. Returns a function that removes the listener.
   */
  onMessage(listener: (message: SpyMessage) => void): () => void
  /** Stops the server and closes the database. Stop pollers first: an open long poll delays the close. */
  stop(): Promise<void>
}

type ListenArgs = Parameters<Server['listen']>

/**
 * fauxqs 2.4 hard-codes `listen({ host: '0.0.0.0' })`, which would expose an unauthenticated engine to
 * the network. While it starts, a listen on 0.0.0.0 is redirected to `host`; fauxqs offers no option.
 */
async function onInterface<T>(host: string, start: () => Promise<T>): Promise<T> {
  const original = Server.prototype.listen
  Server.prototype.listen = function listen(this: Server, ...args: ListenArgs) {
    const [first] = args
    if (typeof first === 'object' && first !== null && 'host' in first && first.host === '0.0.0.0') {
      args[0] = { ...first, host }
    }
    return original.apply(this, args)
  } as Server['listen']
  try {
    return await start()
  } finally {
    Server.prototype.listen = original
  }
}

/**
 * Starts SNS and SQS in this process (fauxqs): topics with filter policies and raw delivery fanning out
 * to queues, redrive to DLQs, FIFO, visibility timeouts, long polling. Account id is `000000000000`.
 *
 * @example
 * const engine = await startSnsSqs({ port: 0, dataDir: '.backbone-data/sns-sqs' })
 * const sqs = new SQSClient({ endpoint: engine.endpoint, region: 'us-east-1' })
 */
export async function startSnsSqs(opts: SnsSqsOptions = {}): Promise<SnsSqsEngine> {
  // The patches and the listen redirect rely on fauxqs's internals: only the pinned version has them.
  assertPinnedEngine('fauxqs')
  await applyFauxqsPatches()
  const host = opts.host ?? '127.0.0.1'
  const server = await onInterface(host, () =>
    startFauxqs({
      port: opts.port ?? 4566,
      logger: false,
      // The spy's own buffer is kept tiny: listeners (onMessage) keep what they need themselves.
      messageSpies: { bufferSize: 1 },
      ...(opts.queueUrlHost === undefined ? {} : { host: opts.queueUrlHost }),
      ...(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir }),
    }),
  )
  // Checked, not assumed: the redirect above depends on how fauxqs calls listen.
  const bound = new URL(server.address).hostname
  if (bound !== host) {
    await server.stop()
    throw new EngineExposedError('fauxqs', host, server.address)
  }
  const listeners = new Set<(message: SpyMessage) => void>()
  // A waiter whose predicate never matches is called with every message, through the spy's public API.
  void server.spy.waitForMessage((message) => {
    for (const listener of listeners) listener(message)
    return false
  })
  let stopped: Promise<void> | undefined
  return {
    endpoint: `http://${host}:${server.port}`,
    port: server.port,
    onMessage(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop() {
      // Idempotent: the runtime's shutdown path and a test's cleanup may both call it.
      stopped ??= server.stop()
      return stopped
    },
  }
}
