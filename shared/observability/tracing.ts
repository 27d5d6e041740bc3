import { randomFillSync } from 'node:crypto'

/**
 * W3C Trace Context helpers (https://www.w3.org/TR/trace-context/). Written by hand because the
 * format is one regular expression and OpenTelemetry's SDK would be a heavy dependency for it.
 */

/** A parsed `traceparent` header (version 00). */
export interface TraceParent {
  traceId: string
  parentId: string
  flags: string
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/
const ALL_ZERO = /^0+$/
/** X-Ray `Root=1-<8 hex epoch>-<24 hex>`: the 32 hex digits are a valid W3C trace id. */
const XRAY_ROOT = /(?:^|;)\s*Root=1-([0-9a-f]{8})-([0-9a-f]{24})(?:;|$)/

// crypto.randomBytes costs ~4 µs a call however few bytes it returns (8.5 µs of a ~60 µs publish
// request went to the two ids); Node pools only randomUUID. Ids come from a pool refilled 4 KiB at a time.
const entropy = Buffer.alloc(4096)
let used = entropy.length

/** A random id of `bytes` bytes as hex, from the pool; never all zeros (invalid per the spec). */
const randomId = (bytes: number): string => {
  if (used + bytes > entropy.length) {
    randomFillSync(entropy)
    used = 0
  }
  used += bytes
  const id = entropy.toString('hex', used - bytes, used)
  return ALL_ZERO.test(id) ? randomId(bytes) : id
}

/** Parses a `traceparent` header; `undefined` when absent or invalid (the spec says: start a new trace). */
export const parseTraceParent = (header: string | undefined): TraceParent | undefined => {
  const match = TRACEPARENT.exec(header?.trim().toLowerCase() ?? '')
  if (!match) return undefined
  const [, traceId = '', parentId = '', flags = ''] = match
  // All-zero ids are invalid per the spec.
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return undefined
  return { traceId, parentId, flags }
}

/** The trace id of an `x-amzn-trace-id` header, converted to W3C form, so X-Ray and W3C traces join up. */
export const traceIdFromXRay = (header: string | undefined): string | undefined => {
  const match = XRAY_ROOT.exec(header ?? '')
  return match ? `${match[1]}${match[2]}` : undefined
}

/** Formats a trace context as a `traceparent` header value. */
export const formatTraceParent = ({ traceId, parentId, flags }: TraceParent): string =>
  `00-${traceId}-${parentId}-${flags}`

/**
 * The trace context of the work this invocation does: same trace as the caller (from `traceparent`,
 * else from X-Ray's header, else a new trace), with a fresh span id as the parent of what we emit.
 */
export const childTraceParent = (headers: {
  traceparent?: string | undefined
  xAmznTraceId?: string | undefined
}): string => {
  const incoming = parseTraceParent(headers.traceparent)
  const traceId = incoming?.traceId ?? traceIdFromXRay(headers.xAmznTraceId) ?? randomId(16)
  return formatTraceParent({
    traceId,
    parentId: randomId(8),
    flags: incoming?.flags ?? '01',
  })
}
