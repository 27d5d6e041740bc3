/** The proxy's two ways to reach the target: streaming a request through, or one buffered exchange. */
import {
  type Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http'

/** Streams `req` to `target` and the answer back to `res`, unchanged. */
export function forward(target: URL, agent: Agent, req: IncomingMessage, res: ServerResponse): void {
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

/** A buffered HTTP answer. */
export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** Reads a whole request or answer body. */
export async function readBody(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}

/** Sends `body` with `req`'s method, path and headers (length recomputed) and buffers the answer. */
export function exchange(target: URL, agent: Agent, req: IncomingMessage, body: string): Promise<Answer> {
  const { 'content-length': _, 'transfer-encoding': __, 'accept-encoding': ___, ...headers } = req.headers
  return new Promise((resolve, reject) => {
    const upstream = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        // No accept-encoding: the proxy rewrites the answer, so it must come back uncompressed.
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (answer) => {
        readBody(answer).then(
          (text) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: text }),
          reject,
        )
      },
    )
    upstream.on('error', reject)
    upstream.end(body)
  })
}
