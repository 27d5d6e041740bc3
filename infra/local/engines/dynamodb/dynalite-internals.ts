/**
 * Typed access to dynalite's internals (CommonJS, no exports map). We drive dynalite's store and
 * actions in process instead of over its own HTTP server so that every write of one request
 * (item, index entries and our stream records) lands in ONE LevelDB batch: a SIGKILL can then never
 * leave a committed write without its stream record, or half a transaction.
 */
import { createRequire } from 'node:module'
import { assertPinnedEngine } from '../engine-version.ts'

const require = createRequire(import.meta.url)

/** A DynamoDB AttributeValue as JSON on the wire (`{ S: 'x' }`, `{ N: '1' }`, ...). */
export type AttributeValue = Record<string, unknown>
/** An item or key as JSON on the wire. */
export type Item = Record<string, AttributeValue>

/** The table description dynalite keeps (only the fields we read are typed). */
export interface TableDescription {
  TableName: string
  TableArn: string
  TableStatus: string
  KeySchema: { AttributeName: string; KeyType: string }[]
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[]
  [field: string]: unknown
}

/** An error as dynalite produces it: the AWS JSON body and the HTTP status. */
export interface DynaliteError extends Error {
  statusCode?: number
  body?: Record<string, unknown>
}

type Callback<T> = (err: DynaliteError | null | undefined, value?: T) => void

/** The callback-style LevelDB that dynalite wraps (promise style when no callback is given). */
export interface MainDb {
  put(key: string, value: unknown, cb?: Callback<void>): Promise<void> | undefined
  del(key: string, cb?: Callback<void>): Promise<void> | undefined
  batch(ops: BatchOp[], cb?: Callback<void>): Promise<void> | undefined
  get(key: string): Promise<unknown>
  values(opts: { gt?: string; gte?: string; lt?: string; lte?: string; limit?: number; reverse?: boolean }): {
    all(): Promise<unknown[]>
  }
}

/** One LevelDB batch operation. */
export type BatchOp = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string }

/** The store returned by dynalite's `db.create`. */
export interface DynaliteStore {
  options: { maxItemSize: number }
  db: MainDb
  tableDb: { awsAccountId: string; awsRegion: string; get(key: string, cb: Callback<TableDescription>): void }
  getTable(name: string, checkStatus: boolean, cb: Callback<TableDescription>): void
  lifecycleManager: { gracefulClose(cb: (err?: Error | null) => void): void }
}

/** A dynalite action: `(store, validatedRequest, callback)`. */
export type DynaliteAction = (
  store: DynaliteStore,
  data: Record<string, unknown>,
  cb: Callback<unknown>,
) => void

interface ActionValidation {
  types: Record<string, unknown>
  custom?: (data: Record<string, unknown>, store: DynaliteStore) => string | undefined
}

// Before the deep requires: another release would fail below with a bare MODULE_NOT_FOUND or, worse,
// load files whose shapes changed; this names the installed and the pinned version instead.
assertPinnedEngine('dynalite')

const dbModule = require('dynalite/db/index.js') as {
  create(options: Record<string, unknown>): DynaliteStore
  createKey(item: Item, table: TableDescription): string
  checkConditional(
    data: Record<string, unknown>,
    existing: Item | undefined,
  ): DynaliteError | null | undefined
  validateKey(key: unknown, table: TableDescription): DynaliteError | null | undefined
  validateItem(item: unknown, table: TableDescription): DynaliteError | null | undefined
  itemSize(item: Item): number
  validationError(message: string): DynaliteError
}
const validations = require('dynalite/validations/index.js') as {
  checkTypes(data: unknown, types: Record<string, unknown>): Record<string, unknown>
  checkValidations(
    data: Record<string, unknown>,
    types: Record<string, unknown>,
    custom: ActionValidation['custom'],
    store: DynaliteStore,
  ): void
}

/** The operations dynalite implements, exactly as its own HTTP handler lists them. */
export const DYNALITE_OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
] as const
export type DynaliteOperation = (typeof DYNALITE_OPERATIONS)[number]

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)

const actions = new Map<string, { run: DynaliteAction; validation: ActionValidation }>(
  DYNALITE_OPERATIONS.map((op) => [
    op,
    {
      run: require(`dynalite/actions/${lowerFirst(op)}.js`) as DynaliteAction,
      validation: require(`dynalite/validations/${lowerFirst(op)}.js`) as ActionValidation,
    },
  ]),
)

/** dynalite's own helpers (key encoding, condition evaluation, item size). */
export const dynaliteDb = dbModule

/** Creates a dynalite store: LevelDB under `path`, or in memory. */
export function createStore(path: string | undefined): DynaliteStore {
  return dbModule.create({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
}

/**
 * Type-checks and validates a request the way dynalite's HTTP handler does (this also parses the
 * expressions into `_condition`/`_updates`); throws a {@link DynaliteError} carrying the AWS body.
 */
export function validateRequest(
  store: DynaliteStore,
  op: DynaliteOperation,
  raw: unknown,
): Record<string, unknown> {
  const action = actions.get(op)
  if (!action) throw dbModule.validationError(`Unknown operation ${op}`)
  const data = validations.checkTypes(raw, action.validation.types)
  validations.checkValidations(data, action.validation.types, action.validation.custom, store)
  return data
}

/** Runs a validated request through the dynalite action. */
export function runAction(
  store: DynaliteStore,
  op: DynaliteOperation,
  data: Record<string, unknown>,
): Promise<unknown> {
  const action = actions.get(op)
  if (!action) return Promise.reject(dbModule.validationError(`Unknown operation ${op}`))
  return new Promise((resolve, reject) => {
    action.run(store, data, (err, value) => (err ? reject(err) : resolve(value)))
  })
}

/** Reads a table description; rejects with dynalite's ResourceNotFoundException. */
export function getTable(
  store: DynaliteStore,
  name: string,
  checkStatus: boolean,
): Promise<TableDescription> {
  return new Promise((resolve, reject) => {
    store.getTable(name, checkStatus, (err, table) => (err || !table ? reject(err) : resolve(table)))
  })
}

/** True when the value looks like a dynalite error with an AWS body. */
export function isDynaliteError(err: unknown): err is DynaliteError & { statusCode: number; body: object } {
  return (
    err instanceof Error &&
    typeof (err as DynaliteError).statusCode === 'number' &&
    !!(err as DynaliteError).body
  )
}
