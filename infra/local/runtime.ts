/**
 * The local stack: embedded DynamoDB and SNS/SQS, the resources of a declaration (the project's
 * `functions/backbone.ts` unless told otherwise), every function of its catalogue in the local Lambda host, the HTTP API, the Invoke API, and the event source mappings (the events table's
 * stream → relay; each consumer queue → its consumer). `npm start` and the end-to-end tests use it.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { SNSClient } from '@aws-sdk/client-sns'
import { SQSClient } from '@aws-sdk/client-sqs'
import { FrameworkTables } from '../../shared/topology/catalogue.ts'
import { type CatchUpRequest, catchUpRequests } from '../../shared/topology/start-position.ts'
import { type CatchUpOutcome, runCatchUps } from './catch-up.ts'
import { localClientConfig, LOCAL_REGION as REGION } from './clients.ts'
import { type BackboneDeclaration, declaredBackbone, functionCatalogueOf } from './declaration.ts'
import { startDeclaredRebuilds } from './declared-rebuilds.ts'
import { type DynamoDBEngine, startDynamoDB } from './engines/dynamodb/index.ts'
import { type SnsSqsEngine, startSnsSqs } from './engines/sns-sqs.ts'
import { type LocalEventSource, type MappingSettings, startEventSources } from './event-sources.ts'
import { type FaultProxy, startFaultProxy } from './faults/index.ts'
import { localFunctions } from './functions.ts'
import { type AuthorizerKind, type LocalAuth, localAuth } from './http-api/authorizers/local-auth.ts'
import { startHttpApi } from './http-api/index.ts'
import { startInvokeApi } from './invoke-api/index.ts'
import { createLambdaHost, type LambdaHost } from './lambda/host.ts'
import type { FunctionDefinition } from './lambda/types.ts'
import { createConsumerTables } from './resources/consumer-tables.ts'
import { createEventsTable } from './resources/events-table.ts'
import { createFanoutResources, type FanoutResources } from './resources/fanout.ts'
import { createReplayJobsTable } from './resources/replay-jobs-table.ts'
import type { LocalPorts } from './settings.ts'
import { localStatus } from './status.ts'
import { startLocalStudio, startTracing } from './studio/local.ts'
import type { TraceRecorder } from './studio/trace/recorder.ts'

export interface LocalStackOptions {
  /** Folder for every engine's files and the stream checkpoints. */
  dataDir: string
  /** Ports; 0 = any free port (tests). */
  ports: LocalPorts
  /** The HTTP API's authorizer: `iam` (SigV4 with the local credentials), `jwt` (a generated key set) or none (default). */
  authorizer?: AuthorizerKind
  /** Diagnostics (function crashes, poller warnings); default console.error. */
  log?: (line: string) => void
  /** What to run; default the project's declaration (tests add consumers or run a domain of their own). */
  backbone?: BackboneDeclaration
  /**
   * Fault injection (tests): `sns: true` routes every function's SNS calls through a proxy that
   * `stack.faults.sns.fail()` switches to answering 503 ServiceUnavailable. SQS calls stay direct.
   */
  faults?: { sns?: boolean }
}

/** A running local stack. */
export interface LocalStack {
  urls: { http: string; lambda: string; aws: string; dynamodb: string; studio: string }
  resources: FanoutResources
  /** The functions as registered in the Lambda host (the parity test compares them with the CDK stack's). */
  functions: readonly FunctionDefinition[]
  /** HTTP API routes, as route key → function name. */
  routes: ReadonlyArray<{ routeKey: string; functionName: string }>
  /** The event source mappings and the settings each runs with. */
  mappings: readonly MappingSettings[]
  /** The HTTP API's authorizer, and with `jwt` a way to mint a token it accepts. */
  auth: LocalAuth
  lambda: LambdaHost
  /** What the runtime saw happen to each event (Event Studio's trace). */
  recorder: TraceRecorder
  /** The fault proxies asked for in {@link LocalStackOptions.faults}. */
  faults: { sns?: FaultProxy }
  /**
   * The catch-ups started once everything was up (consumers that start in the past), and their
   * outcomes when the replay function has answered each (it never rejects).
   */
  catchUps: { requests: readonly CatchUpRequest[]; done: Promise<CatchUpOutcome[]> }
  /** Stops pollers, servers, functions and engines, in that order. */
  stop(): Promise<void>
}

interface Parts {
  dynamo?: DynamoDBEngine
  snsSqs?: SnsSqsEngine
  lambda?: LambdaHost
  servers: Array<{ stop(): Promise<void> }>
  pollers: LocalEventSource[]
  clients: Array<{ destroy(): void }>
  stopTracing?: () => void
}

async function stopParts(parts: Parts): Promise<void> {
  // Pollers first: an open long poll or an invocation in flight would otherwise hold the engines open.
  await Promise.allSettled(parts.pollers.map((p) => p.stop()))
  await Promise.allSettled(parts.servers.map((s) => s.stop()))
  parts.stopTracing?.()
  await parts.lambda?.close()
  for (const client of parts.clients) client.destroy()
  await Promise.allSettled([parts.snsSqs?.stop(), parts.dynamo?.stop()])
}

/** The tables and fan-out resources of `declaration` on the embedded engines (idempotent). */
async function createResources(
  dynamodb: DynamoDBClient,
  sns: SNSClient,
  sqs: SQSClient,
  declaration: BackboneDeclaration,
): Promise<FanoutResources> {
  await createEventsTable(dynamodb, FrameworkTables.events)
  await createConsumerTables(dynamodb, FrameworkTables.dedup, declaration.tables)
  await createReplayJobsTable(dynamodb, FrameworkTables.replayJobs)
  return createFanoutResources(sns, sqs, declaration)
}

/** Starts everything; on a failure part-way, stops what had started and rethrows. */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const parts: Parts = { servers: [], pollers: [], clients: [] }
  const declaration = opts.backbone ?? declaredBackbone
  // A wrong start position fails here, before any engine starts.
  const catchUps = catchUpRequests(declaration)
  try {
    await mkdir(join(opts.dataDir, 'checkpoints'), { recursive: true })
    parts.dynamo = await startDynamoDB({ port: opts.ports.dynamodb, dataDir: join(opts.dataDir, 'dynamodb') })
    parts.snsSqs = await startSnsSqs({ port: opts.ports.aws, dataDir: join(opts.dataDir, 'sns-sqs') })
    const dynamodb = new DynamoDBClient(localClientConfig(parts.dynamo.endpoint))
    const sns = new SNSClient(localClientConfig(parts.snsSqs.endpoint))
    const sqs = new SQSClient(localClientConfig(parts.snsSqs.endpoint))
    parts.clients.push(dynamodb, sns, sqs)
    const functions = functionCatalogueOf(declaration)
    const resources = await createResources(dynamodb, sns, sqs, declaration)
    const lambda = createLambdaHost({ region: REGION, log: opts.log })
    parts.lambda = lambda
    const invokeApi = await startInvokeApi({
      port: opts.ports.lambda,
      lambda,
      region: REGION,
      log: opts.log,
      status: () => localStatus(lambda, sqs, resources),
    })
    parts.servers.push(invokeApi)
    const faults: { sns?: FaultProxy } = {}
    if (opts.faults?.sns) {
      faults.sns = await startFaultProxy({ target: parts.snsSqs.endpoint })
      parts.servers.push(faults.sns)
    }
    const endpoints = {
      dynamodb: parts.dynamo.endpoint,
      snsSqs: parts.snsSqs.endpoint,
      ...(faults.sns ? { sns: faults.sns.url } : {}),
      lambda: invokeApi.url,
    }
    const definitions = localFunctions(declaration, endpoints, resources)
    for (const definition of definitions) lambda.register(definition)
    const routes = functions.flatMap((f) => f.routes.map((routeKey) => ({ routeKey, functionName: f.name })))
    const auth = await localAuth(opts.authorizer)
    const httpApi = await startHttpApi({
      port: opts.ports.http,
      routes,
      invoke: lambda.invoke,
      authorizer: auth.authorizer,
      log: opts.log,
    })
    parts.servers.push(httpApi)
    const tracing = await startTracing({
      engine: parts.snsSqs,
      declaration,
      resources,
      functions,
      invoke: lambda.invoke,
    })
    parts.stopTracing = tracing.stop
    const studio = await startLocalStudio({
      port: opts.ports.studio,
      urls: { http: httpApi.url, lambda: invokeApi.url },
      sqs,
      dynamodb,
      declaration,
      resources,
      lambda,
      recorder: tracing.recorder,
      auth,
      ...(opts.log ? { log: opts.log } : {}),
    })
    parts.servers.push(studio)
    const wiring = {
      // The mappings' invocations are recorded for the trace; the functions run unchanged.
      invoke: tracing.invoke,
      sqs,
      resources,
      dynamodbEndpoint: parts.dynamo.endpoint,
      dataDir: opts.dataDir,
      functions,
      log: opts.log ?? ((line: string) => console.error(line)),
    }
    const mappings = startEventSources(wiring, parts.pollers)
    // After every queue is subscribed and polled: what is stored from now on arrives live.
    const catchUpsDone = runCatchUps(catchUps, lambda.invoke)
    let stopping: Promise<void> | undefined
    await startDeclaredRebuilds({
      declaration,
      dynamodb,
      invokeAsync: (name, event) => lambda.invokeAsync(name, event),
      log: opts.log ?? ((line: string) => console.error(line)),
    })
    return {
      urls: {
        http: httpApi.url,
        lambda: invokeApi.url,
        aws: parts.snsSqs.endpoint,
        dynamodb: parts.dynamo.endpoint,
        studio: studio.url,
      },
      resources,
      functions: definitions,
      routes,
      mappings,
      auth,
      lambda,
      recorder: tracing.recorder,
      faults,
      catchUps: { requests: catchUps, done: catchUpsDone },
      stop: () => {
        stopping ??= stopParts(parts)
        return stopping
      },
    }
  } catch (error) {
    await stopParts(parts)
    throw error
  }
}
