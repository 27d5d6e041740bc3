/**
 * The replay function as a CloudFormation custom resource (`Custom::ProjectionVersions`, whose
 * properties are the declared versions): on every deploy that creates or changes it, each projection
 * whose declared version is new gets a rebuild, started as an asynchronous invocation of the function
 * itself, so bumping `projection.version` and deploying is enough. It always answers SUCCESS: a
 * rebuild that cannot start must not roll a deployment back; it logs why, and
 * `{ "projection": "<name>" }` starts it by hand.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda'
import type { CloudFormationCustomResourceEvent } from 'aws-lambda'
import type { ReplayLogger } from '../../replay/deps.ts'
import type { DeployedProjection } from '../config.ts'
import { projectionsBehind } from '../declared.ts'
import type { ProjectionLocation } from '../dynamodb/state-store.ts'
import type { ProjectionState } from '../state.ts'

/** Whether `event` comes from CloudFormation rather than an operator. */
export const isCustomResourceEvent = (event: unknown): event is CloudFormationCustomResourceEvent =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as { RequestType?: unknown }).RequestType === 'string' &&
  typeof (event as { ResponseURL?: unknown }).ResponseURL === 'string'

/** What the hook needs. */
export interface DeployHookDeps {
  projections: Readonly<Record<string, DeployedProjection>>
  states: { get(at: ProjectionLocation): Promise<ProjectionState> }
  lambda: LambdaClient
  /** This function's name: rebuilds run in invocations of their own. */
  functionName: string
  logger: ReplayLogger
  /** Sends the answer to CloudFormation's pre-signed URL (injectable for tests). */
  respond?: (url: string, body: string) => Promise<void>
}

/** Starts the rebuilds the deploy asks for, then answers CloudFormation. Never throws. */
export async function handleDeployEvent(
  event: CloudFormationCustomResourceEvent,
  deps: DeployHookDeps,
): Promise<{ started: string[] }> {
  const started: string[] = []
  if (event.RequestType !== 'Delete') {
    try {
      const declared = Object.entries(deps.projections).map(([name, p]) => ({ name, ...p }))
      for (const name of await projectionsBehind(declared, deps.states)) {
        await deps.lambda.send(
          new InvokeCommand({
            FunctionName: deps.functionName,
            InvocationType: 'Event',
            Payload: Buffer.from(JSON.stringify({ projection: name })),
          }),
        )
        started.push(name)
      }
      deps.logger.info('Deploy: projection rebuilds started', { started })
    } catch (error) {
      deps.logger.error('Deploy: projection rebuilds not started; start them with { projection }', {
        error: String(error),
      })
    }
  }
  const body = JSON.stringify({
    Status: 'SUCCESS',
    PhysicalResourceId: 'projection-versions',
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { started: started.join(',') },
  })
  await (deps.respond ?? put)(event.ResponseURL, body)
  return { started }
}

/** The pre-signed S3 URL takes a PUT with no content type (CloudFormation's own cfn-response does so). */
async function put(url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } })
  if (!response.ok) throw new Error(`CloudFormation response answered ${response.status}`)
}
