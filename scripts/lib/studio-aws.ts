/**
 * Event Studio against a deployed stack: its sources built from the stack's outputs (as `cdk deploy
 * --outputs-file` writes them) and the AWS SDK's default credentials. No trace recorder and no Lambda
 * host there: Trace and the flow's event counts are the local runtime's (see the README).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { SQSClient } from '@aws-sdk/client-sqs'
import { pascalCase } from '../../infra/constructs/names.ts'
import { projectPath } from '../../infra/local/settings.ts'
import { StudioError } from '../../infra/local/studio/errors.ts'
import type { StudioSources } from '../../infra/local/studio/sources.ts'
import { createBackboneClient } from '../../shared/client/backbone-client.ts'
import { DEFAULT_EVENT_SOURCE } from '../../shared/config.ts'
import type { EventMap } from '../../shared/events/event-map.ts'
import { TimeIndexShards } from '../../shared/store/table-schema.ts'
import type { BackboneDeclaration } from '../../shared/topology/declaration.ts'
import { resolveConsumerQueues } from './resolve-queues.ts'

/** One stack's outputs: output name → value. */
export type StackOutputs = Readonly<Record<string, string>>

function output(outputs: StackOutputs, name: string): string {
  const value = outputs[name]
  if (value === undefined || value === '') {
    throw new StudioError(
      `The stack outputs have no ${name}: deploy the current stack, then write them again with cdk deploy --outputs-file`,
    )
  }
  return value
}

/** The region: AWS_REGION, or the one in a topic ARN of the outputs. */
function regionOf(outputs: StackOutputs, env: NodeJS.ProcessEnv): string {
  const fromArn = Object.entries(outputs)
    .find(([k]) => k.endsWith('TopicArn'))?.[1]
    ?.split(':')[3]
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? fromArn
  if (!region) throw new StudioError('Set AWS_REGION: the stack outputs name no region')
  return region
}

/** The sources of a studio on the deployed stack described by `outputs`. */
export async function awsStudioSources(
  outputs: StackOutputs,
  declaration: BackboneDeclaration,
  env: NodeJS.ProcessEnv = process.env,
  /** Client settings on top of the region (tests point them at the local engines). */
  clientConfig: { sqs?: object; dynamodb?: object; lambda?: object } = {},
): Promise<StudioSources & { destroy(): void }> {
  const region = regionOf(outputs, env)
  const sqs = new SQSClient({ region, ...clientConfig.sqs })
  const dynamodb = new DynamoDBClient({ region, ...clientConfig.dynamodb })
  const lambda = new LambdaClient({ region, ...clientConfig.lambda })
  const token = env.BACKBONE_API_TOKEN
  const consumerQueues = Object.fromEntries(
    await Promise.all(
      declaration.consumers.map(async (c) => {
        const id = pascalCase(c.name)
        const names = { queue: output(outputs, `${id}QueueName`), dlq: output(outputs, `${id}DlqName`) }
        return [c.name, await resolveConsumerQueues(sqs, names)] as const
      }),
    ),
  )
  return {
    sqs,
    dynamodb,
    lambda,
    // SigV4 with the default credentials (the stack's IAM authorizer), or a bearer token for a JWT one.
    api: createBackboneClient<EventMap>({
      url: output(outputs, 'ApiUrl'),
      auth: token ? { bearer: token } : { sigv4: { region } },
    }),
    declaration,
    resources: {
      consumerQueues,
      topicArns: Object.fromEntries(
        declaration.topics.map((t) => [t.name, output(outputs, `${pascalCase(t.name)}TopicArn`)]),
      ),
    },
    tables: {
      events: output(outputs, 'EventsTableName'),
      replayJobs: output(outputs, 'ReplayJobsTableName'),
    },
    timeIndexShards: declaration.eventStore?.timeIndexShards ?? TimeIndexShards.default,
    functions: {
      redrive: output(outputs, 'RedriveFunctionName'),
      replay: output(outputs, 'ReplayFunctionName'),
    },
    contractsDir: projectPath('contracts'),
    // The stack's `eventSource` prop, when it was deployed with one.
    eventSource: env.BACKBONE_EVENT_SOURCE ?? DEFAULT_EVENT_SOURCE,
    destroy() {
      for (const client of [sqs, dynamodb, lambda]) client.destroy()
    },
  }
}
