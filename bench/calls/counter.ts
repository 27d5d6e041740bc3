/**
 * Counts the AWS calls our functions make, with an SDK middleware on the process-wide clients
 * (`shared/clients/*` caches one per region and endpoint, so the bench gets the very instances the
 * function modules use; a DocumentClient shares its DynamoDBClient's middleware stack).
 */
import { dynamodbClient } from '../../shared/clients/dynamodb.ts'
import { lambdaClient } from '../../shared/clients/lambda.ts'
import { snsClient } from '../../shared/clients/sns.ts'
import { sqsClient } from '../../shared/clients/sqs.ts'
import type { BaseConfig } from '../../shared/config.ts'

/** Commands sent, by name without the `Command` suffix (`PutItem`, `PublishBatch`, ...). */
export class CallCounter {
  readonly #counts = new Map<string, number>()
  readonly #tables = new Map<string, number>()

  /** Counts one call of `command`, on `table` when it names one. */
  record(command: string, table?: string): void {
    const name = command.replace(/Command$/, '')
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1)
    if (table !== undefined) this.#tables.set(table, (this.#tables.get(table) ?? 0) + 1)
  }

  /** Calls that named `table` as their `TableName`. */
  countOnTable(table: string): number {
    return this.#tables.get(table) ?? 0
  }

  /** Calls of any of `names` (all calls when omitted). */
  count(names?: readonly string[]): number {
    let total = 0
    for (const [name, n] of this.#counts) if (names === undefined || names.includes(name)) total += n
    return total
  }

  /** `PutItem×3 PublishBatch×1` */
  describe(): string {
    return [...this.#counts].map(([name, n]) => `${name}×${n}`).join(' ')
  }

  reset(): void {
    this.#counts.clear()
    this.#tables.clear()
  }
}

/** DynamoDB commands that write (low-level and DocumentClient names). */
export const DYNAMODB_WRITES = [
  'PutItem',
  'Put',
  'UpdateItem',
  'Update',
  'DeleteItem',
  'Delete',
  'TransactWriteItems',
  'TransactWrite',
  'BatchWriteItem',
  'BatchWrite',
] as const

type Handler = (args: { input?: unknown }) => Promise<unknown>

/** The part of an SDK v3 client the counter uses (typed here: `@smithy/types` is not a dependency). */
interface CountableClient {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: { commandName?: string }) => Handler,
      options: { step: 'initialize'; name: string; override: boolean },
    ): void
  }
}

function attach(client: CountableClient, counter: CallCounter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const table = (args.input as { TableName?: unknown } | undefined)?.TableName
      counter.record(String(context.commandName ?? 'Unknown'), typeof table === 'string' ? table : undefined)
      return next(args)
    },
    { step: 'initialize', name: 'benchCallCounter', override: true },
  )
}

/** Attaches one counter to the process-wide DynamoDB, SNS, SQS and Lambda clients of `config`. */
export function countCalls(config: BaseConfig): CallCounter {
  return countCallsOn([dynamodbClient(config), snsClient(config), sqsClient(config), lambdaClient(config)])
}

/** Attaches one counter to `clients` (any SDK v3 clients, e.g. the ones a peer library was given). */
export function countCallsOn(clients: readonly object[]): CallCounter {
  const counter = new CallCounter()
  for (const client of clients) attach(client as CountableClient, counter)
  return counter
}
