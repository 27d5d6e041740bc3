/**
 * Catch-up of the consumers that start from history (`startFrom` other than `now`): after deploy, the
 * replay function is invoked, asynchronously, with each one's catch-up request
 * (`shared/topology/start-position.ts`, the same request `npm start` sends). Each invocation is a
 * custom resource that depends on its consumer (queue, DLQ, subscription, function, event source
 * mapping) and on the replay function (whose `CONSUMER_QUEUES` then names the consumer): the
 * subscription exists before the catch-up reads history, so nothing falls between the two.
 *
 * It runs when the resource is created, i.e. on the first deploy of the consumer, never on later
 * updates. The job id is fixed per consumer, so a repeat finds the job. Lambda retries a failed
 * asynchronous invocation twice, which resumes the job from its checkpoint; after that,
 * `{ "jobId": "catch-up-<consumer>" }` resumes it by hand.
 */
import { Duration, Stack } from 'aws-cdk-lib'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Architecture, CfnFunction, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda'
import { LogGroup } from 'aws-cdk-lib/aws-logs'
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources'
import { Construct } from 'constructs'
import type { CatchUpRequest } from '../../shared/topology/start-position.ts'
import { logGroupDefaults } from '../defaults/logs-defaults.ts'
import type { BackboneConsumer } from './backbone-consumer.ts'
import { pascalCase } from './names.ts'
import type { Replay } from './replay.ts'

/** Properties of {@link ConsumerCatchUps}. */
export interface ConsumerCatchUpsProps {
  /** The catch-up requests of the declaration (one per consumer starting in the past). */
  readonly requests: readonly CatchUpRequest[]
  /** The consumers, to start each catch-up after its consumer exists. */
  readonly consumers: readonly BackboneConsumer[]
  /** The replay function that runs the catch-ups. */
  readonly replay: Replay
}

/** One custom resource per catch-up, invoking the replay function once its consumer exists. */
export class ConsumerCatchUps extends Construct {
  /** The custom resources, by consumer name. */
  readonly resources: ReadonlyMap<string, AwsCustomResource>
  /** The function that makes their SDK calls (one per stack, shared); absent without catch-ups. */
  readonly provider?: LambdaFunction

  constructor(scope: Construct, id: string, props: ConsumerCatchUpsProps) {
    super(scope, id)
    const { replay } = props
    const resources = new Map<string, AwsCustomResource>()
    if (props.requests.length === 0) {
      this.resources = resources
      return
    }
    // The provider's own role and log group instead of its default AWSLambdaBasicExecutionRole (a
    // managed policy nag rejects, IAM4): it writes its logs; each resource adds its one invoke.
    const logGroup = new LogGroup(this, 'ProviderLogs', logGroupDefaults)
    const role = new Role(this, 'ProviderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the catch-up custom resources: invokes the replay function',
    })
    logGroup.grantWrite(role)
    for (const request of props.requests) {
      const consumer = props.consumers.find((c) => c.declaration.name === request.target.consumer)
      if (consumer === undefined)
        throw new Error(`catch-up of undeclared consumer ${request.target.consumer}`)
      const resource = new AwsCustomResource(this, pascalCase(request.target.consumer), {
        onCreate: {
          service: 'Lambda',
          action: 'Invoke',
          parameters: {
            FunctionName: replay.function.function.functionName,
            // Asynchronous: a catch-up may outlast the deploy; the job shows its progress.
            InvocationType: 'Event',
            Payload: JSON.stringify(request),
          },
          physicalResourceId: PhysicalResourceId.of(request.jobId),
        },
        policy: AwsCustomResourcePolicy.fromStatements([
          new PolicyStatement({
            actions: ['lambda:InvokeFunction'],
            resources: [replay.function.function.functionArn],
          }),
        ]),
        role,
        logGroup,
        installLatestAwsSdk: false,
        timeout: Duration.minutes(1),
        memorySize: PROVIDER_MEMORY_MB,
      })
      resource.node.addDependency(consumer, replay)
      resources.set(request.target.consumer, resource)
    }
    this.resources = resources
    this.provider = armProvider(this)
  }
}

/** Memory of the provider: it makes one small SDK call per resource. */
const PROVIDER_MEMORY_MB = 128

/**
 * The AwsCustomResource provider on arm64 like every function of the stack (CDK offers no property for
 * it; its code is plain JavaScript on the Node.js runtime, which CDK already sets to the newest).
 */
function armProvider(scope: Construct): LambdaFunction {
  const provider = Stack.of(scope).node.tryFindChild(
    `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
  )
  const fn = provider?.node.defaultChild
  if (!(fn instanceof CfnFunction)) throw new Error('the AwsCustomResource provider function was not found')
  fn.architectures = [Architecture.ARM_64.name]
  return provider as LambdaFunction
}
