/**
 * The proxy's partial mode for SNS PublishBatch: the call goes through with the chosen entries taken
 * out, and the answer lists those under `Failed` (code `InternalError`, SenderFault false: a failure
 * on AWS's side that a retry may get past) next to what the engine reported for the rest. This is
 * the failure the relay must survive without losing an event or letting a later event of a stream
 * overtake an earlier one: SNS accepted part of the batch. Any other request is forwarded unchanged.
 */
import { randomUUID } from 'node:crypto'
import type { Agent, IncomingMessage, ServerResponse } from 'node:http'
import type { EntryChooser } from './entry-choice.ts'
import { failedMember, parsePublishBatch, publishBatchAnswer, withFailedMembers } from './publish-batch.ts'
import { exchange, readBody } from './upstream.ts'

const CODE = 'InternalError'
const MESSAGE = 'Internal error (injected fault)'

/** Counts entries failed by the proxy. */
export interface PartialStats {
  failedEntries: number
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) })
  res.end(body)
}

/** Handles one request in partial mode. */
export async function failSomeEntries(
  target: URL,
  agent: Agent,
  choose: EntryChooser,
  stats: PartialStats,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req)
  const batch = parsePublishBatch(body)
  const failing = new Set(batch?.entries.filter((e) => choose(e)).map((e) => e.index) ?? [])
  if (batch === undefined || failing.size === 0) {
    const answer = await exchange(target, agent, req, body)
    send(res, answer.status, stringHeaders(answer.headers), answer.body)
    return
  }
  stats.failedEntries += failing.size
  const members = batch.entries
    .filter((e) => failing.has(e.index))
    .map((e) => failedMember(e.id, CODE, MESSAGE))
  const keep = batch.entries.filter((e) => !failing.has(e.index)).map((e) => e.index)
  if (keep.length === 0) {
    send(
      res,
      200,
      { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() },
      publishBatchAnswer(members, randomUUID()),
    )
    return
  }
  const answer = await exchange(target, agent, req, batch.bodyWith(keep))
  // A call the engine refused as a whole (throttled, invalid) is answered as it was: nothing was published.
  const merged = answer.status === 200 ? withFailedMembers(answer.body, members) : answer.body
  send(res, answer.status, stringHeaders(answer.headers), merged)
}

/** The upstream's headers minus those describing the body the proxy replaces. */
function stringHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue
    out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
