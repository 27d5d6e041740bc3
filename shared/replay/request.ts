/**
 * Turns a replay request into a command, checking every rule before anything is read or sent.
 * Each rejection is a {@link ReplayRequestError} naming the field.
 */
import type * as z from 'zod/mini'
import type { EventRegistry } from '../events/registry.ts'
import type { DeployedTopology } from '../topology/deployed.ts'
import { topicOf } from '../topology/routing.ts'
import { ReplayRequestError } from './errors.ts'
import { DEFAULT_RATE_PER_SECOND, type RawReplayRequest, replayRequestSchema } from './request-schema.ts'
import type { ReplayFilter, ReplaySpec, ReplayTarget } from './types.ts'
import '../zod-locale.ts'

/** What a request asks for. */
export type ReplayCommand =
  | {
      kind: 'start'
      jobId?: string
      spec: ReplaySpec /** Whether `filter.to` was given (not defaulted). */
      toGiven: boolean
    }
  /** Status of a job, resuming it if nobody is working on it. */
  | { kind: 'status'; jobId: string; continuationToken?: string }
  | { kind: 'cancel'; jobId: string }

/**
 * Validates `input`. `now` fills in `filter.to` when it is left out, so a job's range is fixed at
 * creation and every continuation reads the same history.
 */
export function parseReplayRequest(
  input: unknown,
  registry: EventRegistry,
  topology: DeployedTopology,
  now: Date,
): ReplayCommand {
  const raw = parseShape(input)
  if (raw.target === undefined) return jobCommand(raw)
  if (raw.cancel !== undefined)
    throw new ReplayRequestError('cancel', 'give only { "jobId", "cancel": true }')
  const target = parseTarget(raw.target, topology)
  const filter = parseFilter(raw.filter ?? {}, target, registry, topology, now)
  const spec: ReplaySpec = {
    target,
    filter,
    dryRun: raw.dryRun ?? false,
    ratePerSecond: raw.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
    reprocess: raw.reprocess ?? false,
  }
  const toGiven = raw.filter?.to !== undefined
  return raw.jobId === undefined
    ? { kind: 'start', spec, toGiven }
    : { kind: 'start', jobId: raw.jobId, spec, toGiven }
}

function parseShape(input: unknown): RawReplayRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ReplayRequestError(
      '(request)',
      'must be a JSON object like { "target": { "consumer": "..." } }',
    )
  }
  const parsed = replayRequestSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0] as z.core.$ZodIssue
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
  const path = [...issue.path, ...keys.slice(0, 1)].map(String).join('.')
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message
  throw new ReplayRequestError(path || '(request)', message, { cause: parsed.error })
}

function jobCommand(raw: RawReplayRequest): ReplayCommand {
  if (raw.jobId === undefined) {
    throw new ReplayRequestError(
      'target',
      'required: { "consumer": "<name>" } or { "topic": "<name>" } (or give only "jobId" for a job\'s status)',
    )
  }
  for (const field of ['filter', 'dryRun', 'ratePerSecond', 'reprocess'] as const) {
    if (raw[field] !== undefined) throw new ReplayRequestError(field, 'only allowed with "target"')
  }
  if (raw.cancel === true) return { kind: 'cancel', jobId: raw.jobId }
  if (raw.continuationToken !== undefined) {
    return { kind: 'status', jobId: raw.jobId, continuationToken: raw.continuationToken }
  }
  return { kind: 'status', jobId: raw.jobId }
}

function parseTarget(
  raw: { consumer?: string | undefined; topic?: string | undefined },
  topology: DeployedTopology,
): ReplayTarget {
  if ((raw.consumer === undefined) === (raw.topic === undefined)) {
    throw new ReplayRequestError('target', 'give exactly one of "consumer" or "topic"')
  }
  if (raw.consumer !== undefined) {
    if (!Object.hasOwn(topology.consumers, raw.consumer)) {
      const known = Object.keys(topology.consumers).join(', ')
      throw new ReplayRequestError('target.consumer', `unknown consumer "${raw.consumer}"; known: ${known}`)
    }
    return { consumer: raw.consumer }
  }
  const topic = raw.topic as string
  if (!Object.hasOwn(topology.topicArns, topic)) {
    const known = Object.keys(topology.topicArns).join(', ')
    throw new ReplayRequestError('target.topic', `unknown topic "${topic}"; known: ${known}`)
  }
  return { topic }
}

/** The topic a target receives events from. */
export function targetTopic(target: ReplayTarget, topology: DeployedTopology): string {
  if ('topic' in target) return target.topic
  return Object.hasOwn(topology.consumers, target.consumer)
    ? (topology.consumers[target.consumer]?.topic ?? '')
    : ''
}

function parseFilter(
  raw: NonNullable<RawReplayRequest['filter']>,
  target: ReplayTarget,
  registry: EventRegistry,
  topology: DeployedTopology,
  now: Date,
): ReplayFilter {
  const topic = targetTopic(target, topology)
  const topicFor = (type: string) => topicOf(topology.routes, type)
  raw.types?.forEach((type, i) => {
    if (!registry.has(type)) {
      const known = registry.types().join(', ')
      throw new ReplayRequestError(`filter.types.${i}`, `unknown event type "${type}"; known: ${known}`)
    }
    if (topicFor(type) !== topic) {
      throw new ReplayRequestError(
        `filter.types.${i}`,
        `${type} is published to topic "${topicFor(type)}", which the target does not receive (topic "${topic}")`,
      )
    }
  })
  const from = raw.from === undefined ? undefined : canonical(raw.from)
  let to = raw.to === undefined ? undefined : canonical(raw.to)
  // Without stream ids the time index is read, from `from` or else from the oldest stored event
  // (the store records where its history begins), up to `to` or the moment the job starts.
  if (raw.streamIds === undefined) to ??= now.toISOString()
  if (from !== undefined && to !== undefined && from >= to) {
    throw new ReplayRequestError('filter.to', `must be after filter.from (${from} >= ${to})`)
  }
  return {
    ...(raw.streamIds ? { streamIds: [...new Set(raw.streamIds)] } : {}),
    ...(raw.types ? { types: [...new Set(raw.types)] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  }
}

const canonical = (iso: string): string => new Date(Date.parse(iso)).toISOString()
