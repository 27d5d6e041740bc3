/**
 * Event Studio in the local runtime: the trace recorder fed by the SNS/SQS engine and by the event
 * source mappings' invocations, and the studio server reading through SDK clients on the engines.
 */
import { join } from 'node:path'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { LambdaClient } from '@aws-sdk/client-lambda'
import type { SQSClient } from '@aws-sdk/client-sqs'
import { createBackboneClient } from '../../../shared/client/backbone-client.ts'
import type { ClientAuth } from '../../../shared/client/signer.ts'
import { DEFAULT_EVENT_SOURCE } from '../../../shared/config.ts'
import type { EventMap } from '../../../shared/events/event-map.ts'
import { TimeIndexShards } from '../../../shared/store/table-schema.ts'
import { FrameworkTables, type FunctionSpec } from '../../../shared/topology/catalogue.ts'
import type { BackboneDeclaration } from '../../../shared/topology/declaration.ts'
import { LOCAL_CREDENTIALS, LOCAL_REGION, localClientConfig } from '../clients.ts'
import type { SnsSqsEngine } from '../engines/sns-sqs.ts'
import type { LocalAuth } from '../http-api/authorizers/local-auth.ts'
import type { LambdaHost } from '../lambda/host.ts'
import type { Invoke } from '../lambda/types.ts'
import type { FanoutResources } from '../resources/fanout.ts'
import { projectPath } from '../settings.ts'
import { type Studio, startStudio } from './server.ts'
import { engineFilterPolicy, engineListener } from './trace/from-engine.ts'
import { tracingInvoke } from './trace/from-invocations.ts'
import { TraceRecorder } from './trace/recorder.ts'
import { traceTopology } from './trace/topology.ts'

/** The trace: a recorder listening to the engine, and the mappings' `invoke` that also records. */
export async function startTracing(opts: {
  engine: SnsSqsEngine
  declaration: BackboneDeclaration
  resources: FanoutResources
  functions: readonly FunctionSpec[]
  invoke: Invoke
}) {
  const recorder = new TraceRecorder()
  const topology = traceTopology(opts.declaration, opts.resources)
  const stopListening = opts.engine.onMessage(engineListener(recorder, topology, await engineFilterPolicy()))
  const relay = opts.functions.find((f) => f.streamSource)?.name ?? 'relay'
  return { recorder, invoke: tracingInvoke(opts.invoke, recorder, topology, relay), stop: stopListening }
}

/** How the studio gets past the local HTTP API's authorizer, when one is on. */
function apiAuth(auth: LocalAuth): ClientAuth | undefined {
  if (auth.kind === 'iam') return { sigv4: { region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } } }
  const mint = auth.devToken
  if (auth.kind === 'jwt' && mint) return { bearer: () => mint() }
  return undefined
}

export async function startLocalStudio(opts: {
  port: number
  urls: { http: string; lambda: string }
  sqs: SQSClient
  dynamodb: DynamoDBClient
  declaration: BackboneDeclaration
  resources: FanoutResources
  lambda: LambdaHost
  recorder: TraceRecorder
  auth: LocalAuth
  log?: (line: string) => void
}): Promise<Studio> {
  const lambdaClient = new LambdaClient(localClientConfig(opts.urls.lambda))
  const auth = apiAuth(opts.auth)
  const studio = await startStudio({
    port: opts.port,
    ...(opts.log ? { log: opts.log } : {}),
    sources: {
      sqs: opts.sqs,
      dynamodb: opts.dynamodb,
      lambda: lambdaClient,
      api: createBackboneClient<EventMap>({ url: opts.urls.http, attempts: 1, ...(auth ? { auth } : {}) }),
      declaration: opts.declaration,
      resources: opts.resources,
      tables: { events: FrameworkTables.events, replayJobs: FrameworkTables.replayJobs },
      timeIndexShards: opts.declaration.eventStore?.timeIndexShards ?? TimeIndexShards.default,
      functions: { redrive: 'redrive', replay: 'replay' },
      functionStats: () => opts.lambda.stats(),
      recorder: opts.recorder,
      contractsDir: join(projectPath('contracts')),
      eventSource: DEFAULT_EVENT_SOURCE,
    },
  })
  return {
    ...studio,
    async stop() {
      await studio.stop()
      lambdaClient.destroy()
    },
  }
}
