/**
 * Reads a projection's documents the way readers must: from the active version only, resolved
 * first. A version being rebuilt is never served, and a switch (or a switch back) takes effect on
 * the next read: the state is read consistently on every request (one small item).
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'
import type { DeployedProjection } from './config.ts'
import type { ProjectionLocation } from './dynamodb/state-store.ts'
import { ProjectionStoreError } from './errors.ts'
import { versionedKey } from './keys.ts'
import type { ProjectionState } from './state.ts'

/** How a domain addresses its documents: a projection's document key → the item's table key. */
export type DocumentKeys = Readonly<Record<string, (key: string) => Record<string, string>>>

/** A document as served. */
export interface ProjectionDocument {
  projection: string
  /** The version it was read from (the active one). */
  version: number
  key: string
  document: Record<string, unknown>
}

/** Reads active documents; `undefined` for a projection it cannot address or a missing document. */
export class ProjectionReader {
  readonly #client: DynamoDBDocumentClient
  readonly #projections: Readonly<Record<string, DeployedProjection>>
  readonly #keys: DocumentKeys
  readonly #states: { get(at: ProjectionLocation): Promise<ProjectionState> }

  constructor(options: {
    client: DynamoDBDocumentClient
    projections: Readonly<Record<string, DeployedProjection>>
    keys: DocumentKeys
    states: { get(at: ProjectionLocation): Promise<ProjectionState> }
  }) {
    this.#client = options.client
    this.#projections = options.projections
    this.#keys = options.keys
    this.#states = options.states
  }

  /** Whether `projection` is deployed and addressable here. */
  has(projection: string): boolean {
    return Object.hasOwn(this.#projections, projection) && Object.hasOwn(this.#keys, projection)
  }

  async read(projection: string, key: string): Promise<ProjectionDocument | undefined> {
    const deployed = this.has(projection) ? this.#projections[projection] : undefined
    const keyOf = this.has(projection) ? this.#keys[projection] : undefined
    if (deployed === undefined || keyOf === undefined) return undefined
    const { tableName, keys } = deployed
    const { active } = await this.#states.get({ projection, tableName, keys })
    const itemKey = versionedKey(keys, active, keyOf(key))
    try {
      const { Item } = await this.#client.send(
        new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
      )
      if (!Item) return undefined
      const document = Object.fromEntries(
        Object.entries(Item).filter(([name]) => !Object.hasOwn(itemKey, name)),
      )
      return { projection, version: active, key, document }
    } catch (error) {
      throw new ProjectionStoreError(`Cannot read ${projection} document ${key}`, { cause: error })
    }
  }
}
