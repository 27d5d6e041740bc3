/**
 * The replay function and its jobs table. An operator invokes it with a replay request; a long job
 * checkpoints and continues in a new asynchronous invocation of the same function.
 */
import { CustomResource } from 'aws-cdk-lib'
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam'
import { Construct } from 'constructs'
import { FrameworkTables, type FunctionSpec } from '../../shared/topology/catalogue.ts'
import { BackboneFunction } from './backbone-function.ts'
import type { DeploymentEnvironment } from './deployment-environment.ts'
import type { EventStore } from './event-store.ts'
import type { Fanout } from './fanout.ts'
import { grantSendTo } from './messaging-access.ts'
import { ReplayJobsTable } from './replay-jobs-table.ts'

/** Properties of {@link Replay}. */
export interface ReplayProps {
  /** The history replayed. */
  readonly eventStore: EventStore
  /** Where replayed events go: a consumer's queue or a topic. */
  readonly fanout: Fanout
  /** The replay's catalogue entry. */
  readonly spec: FunctionSpec
  /** Where the function's variables resolve. */
  readonly environment: DeploymentEnvironment
}

/** Replay function + jobs table. */
export class Replay extends Construct {
  readonly function: BackboneFunction
  readonly jobs: ReplayJobsTable

  constructor(scope: Construct, id: string, props: ReplayProps) {
    super(scope, id)
    const { eventStore, fanout } = props
    this.jobs = new ReplayJobsTable(this, 'Jobs')
    props.environment.addTable(FrameworkTables.replayJobs, this.jobs.table)
    // The function finds its own name in AWS_LAMBDA_FUNCTION_NAME, set by Lambda.
    this.function = new BackboneFunction(this, 'Handler', {
      spec: props.spec,
      environment: props.environment.resolve(props.spec),
    })
    eventStore.grantReplayRead(this.function)
    this.jobs.grantReadWrite(this.function)
    grantSendTo(
      this.function,
      fanout.consumers.map((c) => c.queues.queue),
    )
    fanout.topics.grantPublish(this.function)
    const selfInvoke = this.grantSelfInvoke()
    const versions: Record<string, number> = {}
    // A projection rebuild keeps the projection's state and invokes its consumer with history.
    for (const consumer of fanout.consumers) {
      const projection = consumer.declaration.projection
      if (projection === undefined) continue
      versions[consumer.declaration.name] = projection.version
      fanout.tables.grantProjectionState(this.function, projection.table, true)
      // The function itself, not `grantInvoke`'s versions and aliases (`<arn>:*`, an IAM5 wildcard).
      this.function.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [consumer.function.function.functionArn],
        }),
      )
    }
    this.addDeployHook(versions, selfInvoke)
  }

  /**
   * Every deploy that changes a declared projection version calls the function (a Lambda-backed
   * custom resource, no provider function of its own), which starts the rebuild of each new version.
   */
  private addDeployHook(versions: Record<string, number>, selfInvoke: Policy): void {
    if (Object.keys(versions).length === 0) return
    const hook = new CustomResource(this, 'ProjectionVersions', {
      serviceToken: this.function.function.functionArn,
      resourceType: 'Custom::ProjectionVersions',
      properties: { versions },
    })
    // The hook starts each rebuild by invoking the function itself.
    hook.node.addDependency(selfInvoke)
  }

  /**
   * `lambda:InvokeFunction` on this function only, for continuations. In a policy of its own: the
   * role's default policy is created before the function, so it cannot name the function's ARN
   * without a dependency cycle; this policy is created after it.
   */
  private grantSelfInvoke(): Policy {
    return new Policy(this, 'SelfInvokePolicy', {
      roles: [this.function.role],
      statements: [
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [this.function.function.functionArn],
        }),
      ],
    })
  }
}
