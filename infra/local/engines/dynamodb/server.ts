/**
 * The engine's HTTP front: AWS JSON 1.0 protocol, dispatch on `X-Amz-Target`. Every failure is
 * answered in DynamoDB's error shape; nothing a client sends can crash the process.
 */

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { crc32 } from 'node:zlib'
import type { EngineContext } from './context.ts'
import { isDynaliteError } from './dynalite-internals.ts'
import {
  DynamoDBEngineError,
  InternalServerError,
  SerializationError,
  UnknownOperationError,
} from './errors.ts'
import { route } from './router.ts'

// Same cap as dynalite's HTTP handler.
const MAX_REQUEST_BYTES = 16 * 1024 * 1024

function send(res: ServerResponse, status: number, body: unknown, contentType: string): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', contentType)
  res.setHeader('x-amzn-RequestId', randomBytes(39).toString('base64url').toUpperCase().slice(0, 52))
  // The CRC32 DynamoDB sends; some SDKs verify it.
  res.setHeader('x-amz-crc32', String(crc32(text)))
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}

function errorBody(err: unknown): { status: number; body: unknown } {
  if (err instanceof DynamoDBEngineError) return { status: err.statusCode, body: err.toBody() }
  if (isDynaliteError(err)) return { status: err.statusCode, body: err.body }
  const internal = new InternalServerError(err)
  return { status: internal.statusCode, body: internal.toBody() }
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_REQUEST_BYTES) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

async function answer(ctx: EngineContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req)
  if (!body) {
    res.writeHead(413).end()
    return
  }
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('healthy: dynamodb.us-east-1.amazonaws.com ')
    return
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
  const replyType = contentType === 'application/x-amz-json-1.0' ? contentType : 'application/json'
  const target = String(req.headers['x-amz-target'] ?? '')
  try {
    if (req.method !== 'POST') throw new UnknownOperationError(target)
    const handler = route(target)
    if (!handler) throw new UnknownOperationError(target)
    let request: unknown
    try {
      request = JSON.parse(body.toString('utf8') || 'null')
    } catch (cause) {
      throw Object.assign(new SerializationError(), { cause })
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      throw new SerializationError()
    send(res, 200, await handler(ctx, request as Record<string, unknown>), replyType)
  } catch (err) {
    const { status, body: errBody } = errorBody(err)
    send(res, status, errBody, replyType)
  }
}

/** Creates the front server; it only listens once the caller calls `listen`. */
export function createEngineServer(ctx: EngineContext): Server {
  return createServer((req, res) => {
    answer(ctx, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, new InternalServerError(err).toBody(), 'application/json')
      else res.destroy()
    })
  })
}
