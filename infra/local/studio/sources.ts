/**
 * What Event Studio reads and acts through: AWS SDK clients, the HTTP API's typed client, the
 * deployed topology, and (locally) the trace recorder and the Lambda host's counters. Pointing the
 * studio at a deployed stack is building these from the stack's outputs and credentials.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { SQSClient } from '@aws-sdk/client-sqs'
import type { BackboneClient } from '../../../shared/client/backbone-client.ts'
import type { EventMap } from '../../../shared/events/event-map.ts'
import type { BackboneDeclaration } from '../../../shared/topology/declaration.ts'
import type { FanoutResources } from '../resources/fanout.ts'
import type { TraceRecorder } from './trace/recorder.ts'

export interface StudioSources {
  sqs: SQSClient
  dynamodb: DynamoDBClient
  /** Invokes the redrive and replay functions, as `npm run redrive` / `npm run replay` and operators do. */
  lambda: LambdaClient
  /** The HTTP API, for stream reads and folded state (the same validation a user meets). */
  api: BackboneClient<EventMap>
  declaration: BackboneDeclaration
  resources: Pick<FanoutResources, 'topicArns' | 'consumerQueues'>
  /** Table names as deployed. */
  tables: { events: string; replayJobs: string }
  /** Time index shards per day (`TIME_INDEX_SHARDS`). */
  timeIndexShards: number
  /** Function names as deployed. */
  functions: { redrive: string; replay: string }
  /** Per function invocations and errors (local Lambda host only). */
  functionStats?: () => Record<string, { invocations: number; errors: number }>
  /** The local runtime's trace recorder; without it, Trace and the flow's rates are unavailable. */
  recorder?: TraceRecorder
  /** CloudEvents `source` of the deployment (`EVENT_SOURCE`), to show each event's envelope as relayed. */
  eventSource: string
  /** The `contracts/` folder (Schemas page). */
  contractsDir: string
}
