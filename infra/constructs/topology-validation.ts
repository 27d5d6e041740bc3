/**
 * Checks a declaration (`functions/backbone.ts`, or a fork's) against what AWS accepts and against
 * itself, before anything is built, and reports every problem in one error (CloudFormation would
 * report them one failed deployment at a time).
 */

import { TimeIndexShards } from '../../shared/store/table-schema.ts'
import type {
  BackboneDeclaration,
  ConsumerDeclaration,
  RelaySettings,
  TableDeclaration,
  TopicDeclaration,
} from '../../shared/topology/declaration.ts'
import { startPositionProblem } from '../../shared/topology/start-position.ts'
import { InvalidTopologyError } from './errors.ts'

// Names become construct ids, output ids and physical-name fragments: keep them to what all accept.
const NAME = /^[a-z][a-z0-9-]{0,39}$/

// What Lambda accepts as an environment variable name.
const VARIABLE = /^[A-Za-z][A-Za-z0-9_]*$/

type Range = readonly [min: number, max: number]

/** AWS's limits (Lambda, SQS event source mappings, DynamoDB stream mappings). */
const Limits = {
  memoryMb: [128, 10_240],
  timeoutSeconds: [1, 900],
  batchSize: [1, 10_000],
  fifoBatchSize: [1, 10],
  batchingWindowSeconds: [0, 300],
  maxConcurrency: [2, 1_000],
  maxReceiveCount: [1, 1_000],
  maximumRetryAttempts: [-1, 10_000],
  maximumRecordAgeSeconds: [60, 604_800],
  parallelizationFactor: [1, 10],
} as const satisfies Record<string, Range>

/**
 * Validates a declaration.
 *
 * @throws {InvalidTopologyError} listing every problem at once.
 */
export function validateTopology(declaration: BackboneDeclaration): void {
  const { topics, consumers, tables } = declaration
  const problems = [
    ...duplicates(
      'topic',
      topics.map((t) => t.name),
    ),
    ...duplicates(
      'consumer',
      consumers.map((c) => c.name),
    ),
    ...duplicates(
      'table',
      tables.map((t) => t.name),
    ),
    ...topics.flatMap((t) => badName(`topic "${t.name}"`, t.name)),
    ...tables.flatMap((t) => badName(`table "${t.name}"`, t.name)),
    ...routeProblems(declaration),
    ...consumers.flatMap((c) => consumerProblems(c, topics, tables)),
    ...relayProblems(declaration.relay),
    ...outOf(
      'eventStore timeIndexShards',
      declaration.eventStore?.timeIndexShards ?? TimeIndexShards.default,
      [TimeIndexShards.min, TimeIndexShards.max],
    ),
  ]
  if (problems.length > 0) throw new InvalidTopologyError(problems)
}

function routeProblems({ routes, defaultTopic, topics }: BackboneDeclaration): string[] {
  const known = (name: string) => topics.some((t) => t.name === name)
  return [
    ...Object.entries(routes)
      .filter(([, topic]) => !known(topic))
      .map(([type, topic]) => `route of ${type} names unknown topic "${topic}"`),
    ...(known(defaultTopic) ? [] : [`defaultTopic names unknown topic "${defaultTopic}"`]),
  ]
}

/** A projection lives in a table its consumer uses, reading its state there (`GetItem`). */
function projectionProblems(at: string, c: ConsumerDeclaration): string[] {
  if (c.projection === undefined) return []
  const { version, table } = c.projection
  const use = c.tables?.find((u) => u.table === table)
  return [
    ...(Number.isInteger(version) && version >= 1
      ? []
      : [`${at} projection.version must be a positive integer, got ${version}`]),
    ...(use?.actions.includes('GetItem')
      ? []
      : [`${at} projection.table "${table}" must be one of its tables, with GetItem (its projection state)`]),
  ]
}

function consumerProblems(
  c: ConsumerDeclaration,
  topics: readonly TopicDeclaration[],
  tables: readonly TableDeclaration[],
): string[] {
  const at = `consumer "${c.name}"`
  const topic = topics.find((t) => t.name === c.topic)
  const problems = [
    ...badName(at, c.name),
    ...outOf(`${at} memoryMb`, c.memoryMb, Limits.memoryMb),
    ...outOf(`${at} timeoutSeconds`, c.timeoutSeconds, Limits.timeoutSeconds),
    ...outOf(`${at} maxConcurrency`, c.maxConcurrency, Limits.maxConcurrency),
    ...outOf(`${at} maxReceiveCount`, c.maxReceiveCount, Limits.maxReceiveCount),
    ...outOf(`${at} maxBatchingWindowSeconds`, c.maxBatchingWindowSeconds, Limits.batchingWindowSeconds),
    ...[startPositionProblem(c.startFrom, new Date())].flatMap((p) => (p ? [`${at} startFrom ${p}`] : [])),
    ...(c.tables ?? []).flatMap((use) => [
      ...(tables.some((t) => t.name === use.table) ? [] : [`${at} uses undeclared table "${use.table}"`]),
      ...(VARIABLE.test(use.environment)
        ? []
        : [`${at} table variable "${use.environment}" is not a valid name`]),
      ...(use.actions.length > 0 ? [] : [`${at} declares no actions on table "${use.table}"`]),
    ]),
    ...projectionProblems(at, c),
  ]
  if (topic === undefined) return [...problems, `${at} subscribes to unknown topic "${c.topic}"`]
  if (topic.fifo) {
    problems.push(...outOf(`${at} batchSize (FIFO queue)`, c.batchSize, Limits.fifoBatchSize))
    // Lambda rejects a batching window on FIFO queues.
    if (c.maxBatchingWindowSeconds !== 0)
      problems.push(`${at} maxBatchingWindowSeconds must be 0 on a FIFO queue`)
  } else {
    problems.push(...outOf(`${at} batchSize`, c.batchSize, Limits.batchSize))
    // Lambda's rule: batches above 10 messages need a batching window of at least 1 s.
    if (c.batchSize > 10 && c.maxBatchingWindowSeconds < 1)
      problems.push(`${at} batchSize above 10 needs maxBatchingWindowSeconds of at least 1`)
  }
  return problems
}

function relayProblems(r: RelaySettings): string[] {
  return [
    ...outOf('relay batchSize', r.batchSize, Limits.batchSize),
    ...outOf('relay maxBatchingWindowSeconds', r.maxBatchingWindowSeconds, Limits.batchingWindowSeconds),
    ...outOf('relay maximumRetryAttempts', r.maximumRetryAttempts, Limits.maximumRetryAttempts),
    ...outOf('relay maximumRecordAgeSeconds', r.maximumRecordAgeSeconds, Limits.maximumRecordAgeSeconds),
    ...outOf('relay timeoutSeconds', r.timeoutSeconds, Limits.timeoutSeconds),
    ...outOf('relay memoryMb', r.memoryMb, Limits.memoryMb),
    ...outOf('relay parallelizationFactor', r.parallelizationFactor, Limits.parallelizationFactor),
  ]
}

function outOf(what: string, value: number, [min, max]: Range): string[] {
  if (Number.isInteger(value) && value >= min && value <= max) return []
  return [`${what} must be an integer from ${min} to ${max}, got ${value}`]
}

function badName(what: string, name: string): string[] {
  return NAME.test(name) ? [] : [`${what}: names are lowercase letters, digits and "-", up to 40 characters`]
}

function duplicates(kind: string, names: readonly string[]): string[] {
  const seen = new Set<string>()
  const repeated = new Set(names.filter((n) => seen.has(n) || !seen.add(n)))
  return [...repeated].map((n) => `${kind} "${n}" is declared more than once`)
}
