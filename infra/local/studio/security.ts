/**
 * The studio's defences: it answers only requests addressed to its loopback host (no DNS
 * rebinding), sends a strict Content Security Policy, and accepts a mutating request only from its
 * own origin carrying the token made at start (no cross-site request can do either).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Header that carries the per-start token on mutating requests. */
export const TOKEN_HEADER = 'x-studio-token'

/** Scripts, styles and connections from the studio itself only; no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function securityHeaders(response: ServerResponse): void {
  response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY)
  response.setHeader('x-content-type-options', 'nosniff')
  // Not no-referrer: under it a browser sends `Origin: null` on same-origin POSTs, which the check refuses.
  response.setHeader('referrer-policy', 'same-origin')
  response.setHeader('x-frame-options', 'DENY')
  response.setHeader('cross-origin-opener-policy', 'same-origin')
  response.setHeader('cross-origin-resource-policy', 'same-origin')
}

/** A new random token: one per studio start. */
export const newToken = (): string => randomBytes(24).toString('base64url')

export class RequestGuard {
  readonly token: string
  readonly #hosts: Set<string>

  constructor(port: () => number, token = newToken()) {
    this.token = token
    // Read lazily: with port 0 the port is known only once the server listens.
    this.#hosts = new Set()
    this.hosts = () => {
      if (this.#hosts.size === 0)
        for (const h of ['127.0.0.1', 'localhost']) this.#hosts.add(`${h}:${port()}`)
      return this.#hosts
    }
  }

  readonly hosts: () => Set<string>

  /**
   * The request comes from the studio's own page: its Origin names the studio, or (Chromium 153 sends
   * no Origin on a same-origin fetch) the browser's own `Sec-Fetch-Site` says same-origin. A request
   * with neither is refused: a browser that sends neither is too old to run the studio anyway.
   */
  sameOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin
    if (origin !== undefined)
      return origin.startsWith('http://') && this.hosts().has(origin.slice('http://'.length))
    return request.headers['sec-fetch-site'] === 'same-origin'
  }

  /** Why the request is refused (403), or undefined when it may go on. */
  refusal(request: IncomingMessage): string | undefined {
    const host = request.headers.host ?? ''
    if (!this.hosts().has(host)) return `Host "${host}" is not the studio's address`
    if (request.method === 'GET' || request.method === 'HEAD') return undefined
    if (!this.sameOrigin(request)) {
      return 'Origin (or Sec-Fetch-Site) is not the studio’s own: cross-site requests may not change anything'
    }
    const given = request.headers[TOKEN_HEADER]
    if (typeof given !== 'string' || !sameSecret(given, this.token)) {
      return `${TOKEN_HEADER} header missing or wrong: reload the studio page`
    }
    return undefined
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
