/**
 * The projection state item, kept in the projection's own table beside its documents (key
 * `_projection#<name>` / `state`), so the consumer, the reader and the rebuild need no table of
 * their own. Writes are conditional on the revision read: two operators (or a rebuild finishing
 * while someone switches back) cannot overwrite each other.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { ProjectionStateConflictError, ProjectionStoreError } from '../errors.ts'
import { type KeySchema, stateKey } from '../keys.ts'
import { initialState, type ProjectionState } from '../state.ts'

/** Where one projection lives. */
export interface ProjectionLocation {
  projection: string
  tableName: string
  keys: KeySchema
}

/** Reads and writes the state of projections. */
export class DynamoDBProjectionStateStore {
  readonly #client: DynamoDBDocumentClient

  constructor(client: DynamoDBDocumentClient) {
    this.#client = client
  }

  /** The stored state, or the initial one (version 1 active) when nothing is stored yet. */
  async get(at: ProjectionLocation): Promise<ProjectionState> {
    try {
      const { Item } = await this.#client.send(
        new GetCommand({
          TableName: at.tableName,
          Key: stateKey(at.keys, at.projection),
          ConsistentRead: true,
        }),
      )
      if (!Item) return initialState(at.projection)
      const { active, versions, revision } = Item as ProjectionState
      return { projection: at.projection, active, versions, revision }
    } catch (error) {
      throw new ProjectionStoreError(`Cannot read the state of projection ${at.projection}`, { cause: error })
    }
  }

  /** Stores `next`, on condition that the stored revision is still `next.revision - 1`. */
  async put(at: ProjectionLocation, next: ProjectionState): Promise<void> {
    const previous = next.revision - 1
    try {
      await this.#client.send(
        new PutCommand({
          TableName: at.tableName,
          Item: { ...stateKey(at.keys, at.projection), ...next },
          ConditionExpression: previous === 0 ? 'attribute_not_exists(#revision)' : '#revision = :previous',
          ExpressionAttributeNames: { '#revision': 'revision' },
          ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
        }),
      )
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ProjectionStateConflictError(at.projection)
      throw new ProjectionStoreError(`Cannot write the state of projection ${at.projection}`, {
        cause: error,
      })
    }
  }
}
