/**
 * The whole local stack as `npm start` runs it, for end-to-end tests: started in this process on
 * port 0 with a fresh temp data folder, optionally with extra (test-only) consumers next to the
 * topology's and with fault injection; real SDK clients to reach it from outside.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { SQSClient } from '@aws-sdk/client-sqs'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { localClientConfig as clientConfig } from '../../infra/local/clients.ts'
import { type BackboneDeclaration, declaredBackbone } from '../../infra/local/declaration.ts'
import type { FaultProxy } from '../../infra/local/faults/index.ts'
import { type LocalStack, startLocalStack } from '../../infra/local/runtime.ts'
import type { ConsumerDeclaration } from '../../shared/topology/declaration.ts'
import { readModelClient } from './read-model.ts'
import { fetchStatus, type LocalStatus } from './status.ts'

/** A running stack and clients for it. */
export interface TestStack {
  stack: LocalStack
  dataDir: string
  /** DocumentClient on the stack's DynamoDB (read-model reads, switches). */
  db: DynamoDBDocumentClient
  sqs: SQSClient
  /** Lines the runtime logged (poller warnings, function crashes), for failure messages. */
  logs: string[]
  status(): Promise<LocalStatus>
  /** Invokes a function through the Invoke API with LambdaClient; rejects on a function error. */
  invoke<T>(functionName: string, payload: unknown): Promise<T>
  /** Stops the stack and removes its data folder. */
  stop(): Promise<void>
}

export interface TestStackOptions {
  /** What to run instead of the project's declaration (a fixture domain). */
  backbone?: BackboneDeclaration
  /** Consumers added to the declaration's. */
  extraConsumers?: readonly ConsumerDeclaration[]
  faults?: { sns?: boolean }
  /** A data folder to run on (a restart of an earlier stack); left in place on stop. Default: a fresh one, removed on stop. */
  dataDir?: string
}

/** Thrown when an invoked function reports an error. */
export class FunctionFailedError extends Error {
  constructor(functionName: string, payload: string) {
    super(`${functionName} failed: ${payload}`)
    this.name = 'FunctionFailedError'
  }
}

function withConsumers(
  declaration: BackboneDeclaration,
  extra: readonly ConsumerDeclaration[],
): BackboneDeclaration {
  return { ...declaration, consumers: [...declaration.consumers, ...extra] }
}

/** Starts the stack. The functions log only critical lines unless BACKBONE_LOG_LEVEL says otherwise. */
export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  // Failures are injected on purpose here: the functions' error logs would only drown the report.
  process.env.BACKBONE_LOG_LEVEL ??= 'CRITICAL'
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'backbone-e2e-')))
  const removeData = () =>
    opts.dataDir === undefined ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve()
  const logs: string[] = []
  const stack = await startLocalStack({
    dataDir,
    ports: { http: 0, lambda: 0, aws: 0, dynamodb: 0, studio: 0 },
    backbone: withConsumers(opts.backbone ?? declaredBackbone, opts.extraConsumers ?? []),
    ...(opts.faults ? { faults: opts.faults } : {}),
    log: (line) => logs.push(line),
  }).catch(async (error: unknown) => {
    await removeData()
    throw error
  })
  const db = readModelClient(stack.urls.dynamodb)
  const sqs = new SQSClient(clientConfig(stack.urls.aws))
  const lambda = new LambdaClient(clientConfig(stack.urls.lambda))
  return {
    stack,
    dataDir,
    db,
    sqs,
    logs,
    status: () => fetchStatus(stack.urls.lambda),
    async invoke<T>(functionName: string, payload: unknown): Promise<T> {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }),
      )
      const text = new TextDecoder().decode(out.Payload)
      if (out.FunctionError) throw new FunctionFailedError(functionName, text)
      return JSON.parse(text) as T
    },
    async stop() {
      db.destroy()
      sqs.destroy()
      lambda.destroy()
      await stack.stop()
      await removeData()
    },
  }
}

/** The SNS fault proxy of a stack started with `faults: { sns: true }` (throws when it has none). */
export function snsFaultProxy(t: TestStack): FaultProxy {
  const proxy = t.stack.faults.sns
  if (proxy === undefined) throw new Error('the stack started without the SNS fault proxy')
  return proxy
}
