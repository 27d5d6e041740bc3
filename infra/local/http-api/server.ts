/**
 * Plumbing shared by the local HTTP API and Invoke API servers: listening on a port (0 = any free
 * one), stopping without waiting for idle keep-alive sockets, and reading a request body under a cap.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A started local server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string
  port: number
  stop(): Promise<void>
}

/** Listens, answers 400 to requests the HTTP parser rejects, and returns the bound URL. */
export async function listen(server: Server, host: string, port: number): Promise<RunningServer> {
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
    else socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${bound}`,
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive sockets (fetch keeps them) would otherwise hold close() open.
        server.closeAllConnections()
      }),
  }
}

/** A request body, or why there is none to use. */
export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' }

/**
 * Reads the whole body, keeping at most `limitBytes`. Past the cap the rest is drained and dropped,
 * so the client still gets its 413 instead of a reset connection.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limitBytes) chunks.push(chunk)
      else chunks.length = 0
    })
    request.on('end', () =>
      resolve(
        size > limitBytes ? { ok: false, reason: 'too-large' } : { ok: true, body: Buffer.concat(chunks) },
      ),
    )
    request.on('error', () => resolve({ ok: false, reason: 'aborted' }))
    request.on('close', () => {
      if (!request.complete) resolve({ ok: false, reason: 'aborted' })
    })
  })
}
