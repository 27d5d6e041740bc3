/**
 * {@link ReplayJobStore} on DynamoDB: one item per job in the jobs table (see `jobs-table-schema.ts`).
 * Every ownership rule is a condition expression, so two invocations can never both run a job.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb'
import { ReplayJobStoreError } from '../errors.ts'
import type { ReplayJobStore, SaveOutcome } from '../job-store.ts'
import { isFinished, type ReplayJob, ReplayStatus } from '../types.ts'
import { FINISHED_JOB_RETENTION_SECONDS, ReplayJobsTableSchema } from './jobs-table-schema.ts'

const isConditionFailure = (error: unknown) =>
  (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException'

function storeError(error: unknown): ReplayJobStoreError {
  const name = (error as { name?: string } | undefined)?.name ?? 'Error'
  return new ReplayJobStoreError(`Replay jobs table request failed: ${name}`, { cause: error })
}

const expiresAt = (iso: string) => Math.floor(Date.parse(iso) / 1000) + FINISHED_JOB_RETENTION_SECONDS

function toItem(job: ReplayJob): Record<string, unknown> {
  const finishedAt = job.finishedAt
  return isFinished(job.status) && finishedAt
    ? { ...job, [ReplayJobsTableSchema.ttlAttribute]: expiresAt(finishedAt) }
    : { ...job }
}

function fromItem(item: Record<string, unknown>): ReplayJob {
  const { [ReplayJobsTableSchema.ttlAttribute]: _ttl, ...job } = item
  return job as unknown as ReplayJob
}

export class DynamoDBReplayJobStore implements ReplayJobStore {
  readonly #client: DynamoDBDocumentClient
  readonly #table: string

  constructor(opts: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = opts.client
    this.#table = opts.tableName
  }

  async create(job: ReplayJob) {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: toItem(job),
          ConditionExpression: 'attribute_not_exists(jobId)',
        }),
      )
      return { created: true as const }
    } catch (error) {
      if (!isConditionFailure(error)) throw storeError(error)
    }
    const existing = await this.get(job.jobId)
    if (!existing) throw new ReplayJobStoreError(`Replay job ${job.jobId} exists but could not be read`)
    return { created: false as const, existing }
  }

  async get(jobId: string) {
    try {
      const out = await this.#client.send(
        new GetCommand({ TableName: this.#table, Key: { jobId }, ConsistentRead: true }),
      )
      return out.Item ? fromItem(out.Item) : undefined
    } catch (error) {
      throw storeError(error)
    }
  }

  async acquire(jobId: string, lease: { owner: string; leaseUntil: number; now: number; handover?: string }) {
    const handover = lease.handover === undefined ? '' : ' OR leaseOwner = :handover'
    try {
      const out = await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { jobId },
          UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until, #status = :running REMOVE #error',
          ConditionExpression: `#status = :failed OR (#status = :running AND (attribute_not_exists(leaseOwner) OR leaseUntil < :now${handover}))`,
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':owner': lease.owner,
            ':until': lease.leaseUntil,
            ':now': lease.now,
            ':running': ReplayStatus.Running,
            ':failed': ReplayStatus.Failed,
            ...(lease.handover === undefined ? {} : { ':handover': lease.handover }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      )
      return out.Attributes ? fromItem(out.Attributes) : undefined
    } catch (error) {
      if (isConditionFailure(error)) return undefined
      throw storeError(error)
    }
  }

  async save(job: ReplayJob, owner: string): Promise<SaveOutcome> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: toItem(job),
          ConditionExpression: '#status = :running AND leaseOwner = :owner',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': ReplayStatus.Running, ':owner': owner },
        }),
      )
      return 'saved'
    } catch (error) {
      if (isConditionFailure(error)) return 'lost'
      throw storeError(error)
    }
  }

  async fail(jobId: string, owner: string, failure: { error: string; now: string }) {
    return this.#transition(jobId, {
      UpdateExpression:
        'SET #status = :failed, #error = :error, updatedAt = :now, leaseUntil = :zero REMOVE leaseOwner',
      ConditionExpression: '#status = :running AND leaseOwner = :owner',
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
      ExpressionAttributeValues: {
        ':failed': ReplayStatus.Failed,
        ':running': ReplayStatus.Running,
        ':error': failure.error,
        ':now': failure.now,
        ':zero': 0,
        ':owner': owner,
      },
    })
  }

  async cancel(jobId: string, now: string) {
    return this.#transition(jobId, {
      UpdateExpression:
        'SET #status = :cancelled, updatedAt = :now, finishedAt = :now, #ttl = :ttl REMOVE leaseOwner',
      ConditionExpression: '#status IN (:running, :failed)',
      ExpressionAttributeNames: { '#status': 'status', '#ttl': ReplayJobsTableSchema.ttlAttribute },
      ExpressionAttributeValues: {
        ':cancelled': ReplayStatus.Cancelled,
        ':running': ReplayStatus.Running,
        ':failed': ReplayStatus.Failed,
        ':now': now,
        ':ttl': expiresAt(now),
      },
    })
  }

  /** A conditional status change; the job as it is afterwards, changed or not (undefined if none). */
  async #transition(
    jobId: string,
    update: Pick<
      UpdateCommandInput,
      'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<ReplayJob | undefined> {
    try {
      const out = await this.#client.send(
        new UpdateCommand({ TableName: this.#table, Key: { jobId }, ...update, ReturnValues: 'ALL_NEW' }),
      )
      return out.Attributes ? fromItem(out.Attributes) : undefined
    } catch (error) {
      if (!isConditionFailure(error)) throw storeError(error)
    }
    return this.get(jobId)
  }
}
