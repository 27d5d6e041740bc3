/**
 * A fault injector at the network boundary: an HTTP proxy in front of an AWS endpoint (the embedded
 * SNS/SQS engine) that forwards every request unchanged until it is told to fail, then answers each
 * request with 503 ServiceUnavailable in AWS's error shape until it recovers; or, in its partial mode,
 * forwards SNS PublishBatch calls with some entries taken out and reports those as failed (see
 * `partial-batch.ts`). The code under test
 * keeps its real SDK clients and only sees another endpoint URL, so what a test observes is how the
 * whole system rides out an outage, not how a mock behaves. Hand-written on `node:http` because a
 * forwarding proxy is ~50 lines and no proxy library is a dependency of the project.
 */
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serviceUnavailable } from './aws-errors.ts'
import type { EntryChooser } from './entry-choice.ts'
import { FaultProxyStartError } from './errors.ts'
import { failSomeEntries } from './partial-batch.ts'
import { forward } from './upstream.ts'

/** What the proxy does with a request. */
export const FaultMode = {
  /** Forward to the target. */
  pass: 'pass',
  /** Answer 503 ServiceUnavailable without forwarding. */
  unavailable: 'unavailable',
  /** Forward, but fail the entries a chooser picks in each SNS PublishBatch call. */
  partial: 'partial',
} as const

export type FaultMode = (typeof FaultMode)[keyof typeof FaultMode]

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The endpoint to forward to, e.g. `http://127.0.0.1:4566`. */
  target: string
  /** @default '127.0.0.1' */
  host?: string
  /** @default 0 (any free port) */
  port?: number
}

/** Requests seen since start. */
export interface FaultProxyStats {
  forwarded: number
  /** Requests answered with an injected fault. */
  rejected: number
  /** PublishBatch entries reported as failed by the partial mode (not forwarded). */
  failedEntries: number
}

/** A running proxy. */
export interface FaultProxy {
  /** Endpoint URL to give the code under test instead of the target. */
  url: string
  mode(): FaultMode
  /** From now on, answer every request with 503 ServiceUnavailable. */
  fail(): void
  /**
   * From now on, fail the PublishBatch entries `choose` picks (`everyKth(3)`, `seededRatio(0.1, 7)`
   * or any predicate) and forward everything else.
   */
  failEntries(choose: EntryChooser): void
  /** From now on, forward every request again. */
  recover(): void
  stats(): FaultProxyStats
  /** Closes the listener, open connections and requests in flight. Idempotent. */
  stop(): Promise<void>
}

function reject(req: IncomingMessage, res: ServerResponse): void {
  const answer = serviceUnavailable(req.headers)
  // The body is drained first so the keep-alive connection stays usable for the client's retry.
  req.resume()
  req.on('end', () => {
    res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) })
    res.end(answer.body)
  })
}

/**
 * Starts a proxy to `target`, forwarding until {@link FaultProxy.fail} is called.
 *
 * @example
 * const proxy = await startFaultProxy({ target: engine.endpoint })
 * proxy.fail()     // SNS is down
 * proxy.recover()  // SNS is back
 * await proxy.stop()
 */
export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target)
  const agent = new Agent({ keepAlive: true })
  const stats: FaultProxyStats = { forwarded: 0, rejected: 0, failedEntries: 0 }
  let mode: FaultMode = FaultMode.pass
  let choose: EntryChooser = () => false
  const server = createServer((req, res) => {
    if (mode === FaultMode.unavailable) {
      stats.rejected++
      reject(req, res)
      return
    }
    stats.forwarded++
    if (mode === FaultMode.partial) {
      // The target went away mid-exchange: a connection reset is what the client would see too.
      failSomeEntries(target, agent, choose, stats, req, res).catch(() => res.destroy())
      return
    }
    forward(target, agent, req, res)
  })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((resolve, fail) => {
    server.once('error', (error) =>
      fail(new FaultProxyStartError(`cannot listen on ${host}`, { cause: error })),
    )
    server.listen(opts.port ?? 0, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  let stopped: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    mode: () => mode,
    fail: () => {
      mode = FaultMode.unavailable
    },
    failEntries: (chooser) => {
      choose = chooser
      mode = FaultMode.partial
    },
    recover: () => {
      mode = FaultMode.pass
    },
    stats: () => ({ ...stats }),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        agent.destroy()
      })
      return stopped
    },
  }
}
