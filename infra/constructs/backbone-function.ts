/**
 * A Lambda function built from the backbone's defaults: its own role (no managed policies), its own
 * log group with retention, X-Ray active tracing, an ESM bundle made by the local esbuild.
 */
import { createRequire } from 'node:module'
import { Duration } from 'aws-cdk-lib'
import {
  Effect,
  type IGrantable,
  type IPrincipal,
  Policy,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam'
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, type LogGroupProps } from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import type { FunctionSpec } from '../../shared/topology/catalogue.ts'
import { lambdaDefaults, lambdaEnvironmentDefaults } from '../defaults/lambda-defaults.ts'
import { logGroupDefaults } from '../defaults/logs-defaults.ts'
import { projectPath } from '../stacks/project-root.ts'
import { Ack, acknowledge } from './acknowledgements.ts'
import { BundlerNotFoundError } from './errors.ts'

/** Properties of {@link BackboneFunction}. */
export interface BackboneFunctionProps {
  /** The function's catalogue entry: entry module, description, timeout, memory. */
  readonly spec: FunctionSpec
  /** Its environment, resolved from the spec against the stack (merged over the default environment). */
  readonly environment: Record<string, string>
  /**
   * Overrides of the function defaults (`infra/defaults/lambda-defaults.ts`), e.g. `bundling`.
   * @default - the defaults
   */
  readonly functionProps?: Omit<
    NodejsFunctionProps,
    'entry' | 'role' | 'logGroup' | 'tracing' | 'environment' | 'timeout' | 'memorySize' | 'description'
  >
  /**
   * Overrides of the log group defaults (`infra/defaults/logs-defaults.ts`).
   * @default - the defaults
   */
  readonly logGroupProps?: LogGroupProps
}

/** A Node.js 24 arm64 function with least-privilege role, log group and tracing. */
export class BackboneFunction extends Construct implements IGrantable {
  /** The function. */
  readonly function: NodejsFunction
  /** The function's execution role: only what is granted to it explicitly. */
  readonly role: Role
  /** Where the function logs. */
  readonly logGroup: LogGroup
  readonly grantPrincipal: IPrincipal

  constructor(scope: Construct, id: string, props: BackboneFunctionProps) {
    super(scope, id)
    assertLocalEsbuild()
    this.logGroup = new LogGroup(this, 'Logs', { ...logGroupDefaults, ...props.logGroupProps })
    // Our own role instead of the default AWSLambdaBasicExecutionRole (a managed policy nag
    // rejects, IAM4): writing to this function's log group is all the function may do by default.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.spec.description}`,
    })
    this.grantPrincipal = this.role
    this.logGroup.grantWrite(this.role)
    const { bundling, ...rest } = props.functionProps ?? {}
    const { spec } = props
    this.function = new NodejsFunction(this, 'Function', {
      ...lambdaDefaults,
      ...rest,
      bundling: { ...lambdaDefaults.bundling, ...bundling },
      entry: projectPath(spec.entry),
      description: spec.description,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...lambdaEnvironmentDefaults, ...props.environment },
    })
    this.enableTracing()
  }

  /**
   * Turns on X-Ray active tracing with its permissions in a policy of their own. The L2 `tracing`
   * prop would add them to the role's default policy, next to the table grants; X-Ray accepts no
   * resource but `*`, so keeping them apart lets the acknowledgement cover exactly these two actions.
   */
  private enableTracing(): void {
    const cfn = this.function.node.defaultChild as CfnFunction
    cfn.tracingConfig = { mode: 'Active' }
    const policy = new Policy(this, 'TracingPolicy', {
      roles: [this.role],
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    })
    acknowledge(policy, Ack.xrayWildcard)
    // Created before the function, so its first invocations already send traces.
    this.function.node.addDependency(policy)
  }
}

// NodejsFunction silently falls back to Docker when esbuild is missing; fail clearly instead.
function assertLocalEsbuild(): void {
  try {
    createRequire(import.meta.url).resolve('esbuild')
  } catch (error) {
    throw new BundlerNotFoundError({ cause: error })
  }
}
