/**
 * A fault injector at the network boundary: an HTTP proxy in front of an AWS endpoint (the embedded
 * SNS/SQS engine) that forwards every request unchanged until it is told to fail, then answers each
 * request with 503 ServiceUnavailable in AWS's error shape until it recovers. The code under test
 * keeps its real SDK clients and only sees another endpoint URL, so what a test observes is how the
 * whole system rides out an outage, not how a mock behaves. Hand-written on `node:http` because a
 * forwarding proxy is ~50 lines and no proxy library is a dependency of the project.
 */
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serviceUnavailable } from './aws-errors.ts'
import { FaultProxyStartError } from './errors.ts'

/** What the proxy does with a request. */
export const FaultMode = {
  /** Forward to the target. */
  pass: 'pass',
  /** Answer 503 ServiceUnavailable without forwarding. */
  unavailable: 'unavailable',
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
}

/** A running proxy. */
export interface FaultProxy {
  /** Endpoint URL to give the code under test instead of the target. */
  url: string
  mode(): FaultMode
  /** From now on, answer every request with 503 ServiceUnavailable. */
  fail(): void
  /** From now on, forward every request again. */
  recover(): void
  stats(): FaultProxyStats
  /** Closes the listener, open connections and requests in flight. Idempotent. */
  stop(): Promise<void>
}

function forward(target: URL, agent: Agent, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      // Host keeps the client's value: the engine builds queue URLs from it.
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    },
  )
  upstream.on('error', () => {
    // The target went away (engine stopping): a connection reset is what the client would see too.
    res.destroy()
  })
  res.on('close', () => upstream.destroy())
  req.pipe(upstream)
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
  const stats: FaultProxyStats = { forwarded: 0, rejected: 0 }
  let mode: FaultMode = FaultMode.pass
  const server = createServer((req, res) => {
    if (mode === FaultMode.unavailable) {
      stats.rejected++
      reject(req, res)
      return
    }
    stats.forwarded++
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
