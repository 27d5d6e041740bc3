/**
 * The deploy hook (the replay function as the custom resource `Custom::ProjectionVersions`): on a
 * deploy, a rebuild is started for each projection whose declared version is new, by an
 * asynchronous invocation through the (local) Lambda Invoke API, and CloudFormation always gets
 * SUCCESS at its response URL.
 */
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { CloudFormationCustomResourceEvent } from 'aws-lambda'
import { readModel } from '../../functions/backbone.ts'
import { localClientConfig } from '../../infra/local/clients.ts'
import { type RunningServer, startInvokeApi } from '../../infra/local/invoke-api/index.ts'
import { createLambdaHost, type LambdaHost } from '../../infra/local/lambda/host.ts'
import { createConsumerTables } from '../../infra/local/resources/consumer-tables.ts'
import { DynamoDBProjectionStateStore } from '../../shared/projection/dynamodb/state-store.ts'
import { handleDeployEvent } from '../../shared/projection/lambda/deploy-hook.ts'
import { beginBuild, initialState } from '../../shared/projection/state.ts'
import { startTestDynamoDB, type TestDynamoDB } from '../helpers/dynamodb.ts'
import { waitFor } from '../helpers/wait.ts'

const entry = fileURLToPath(new URL('../fixtures/functions/probe.ts', import.meta.url))
const keys = { partitionKey: 'pk', sortKey: 'sk' }
const silent = { info: () => {}, warn: () => {}, error: () => {} }

describe('projection deploy hook', () => {
  let db: TestDynamoDB
  let host: LambdaHost
  let api: RunningServer
  let lambda: LambdaClient
  let cloudFormation: Server
  const responses: Array<Record<string, unknown>> = []
  let responseUrl = ''
  let states: DynamoDBProjectionStateStore

  const event = (RequestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent =>
    ({
      RequestType,
      ResponseURL: responseUrl,
      StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/EventBackbone/1',
      RequestId: `request-${responses.length}`,
      LogicalResourceId: 'ReplayProjectionVersions',
      ResourceType: 'Custom::ProjectionVersions',
      ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:replay',
      ResourceProperties: { ServiceToken: 'x', versions: { 'order-summary': '2' } },
      ...(RequestType === 'Create'
        ? {}
        : { PhysicalResourceId: 'projection-versions', OldResourceProperties: {} }),
    }) as CloudFormationCustomResourceEvent

  const hook = (type: 'Create' | 'Update' | 'Delete') =>
    handleDeployEvent(event(type), {
      projections: { 'order-summary': { version: 2, tableName: readModel.name, keys, functionName: 'x' } },
      states,
      lambda,
      functionName: 'replay',
      logger: silent,
    })

  before(async () => {
    db = await startTestDynamoDB({ inMemory: true })
    await createConsumerTables(db.dynamodb, 'consumer-dedup', [readModel])
    states = new DynamoDBProjectionStateStore(DynamoDBDocumentClient.from(db.dynamodb))
    host = createLambdaHost({ log: () => {} })
    host.register({ name: 'replay', entry, handler: 'echo' })
    api = await startInvokeApi({ lambda: host, status: async () => ({}) })
    lambda = new LambdaClient(localClientConfig(api.url))
    cloudFormation = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => {
        body += chunk
      })
      request.on('end', () => {
        responses.push({ method: request.method, ...JSON.parse(body) })
        response.end()
      })
    })
    await new Promise<void>((resolve) => cloudFormation.listen(0, '127.0.0.1', resolve))
    responseUrl = `http://127.0.0.1:${(cloudFormation.address() as AddressInfo).port}/signed`
  })
  after(async () => {
    lambda?.destroy()
    await api?.stop()
    await host?.close()
    cloudFormation?.close()
    await db?.stop()
  })

  it('starts a rebuild of a projection whose declared version is new, and answers SUCCESS', async () => {
    assert.deepEqual(await hook('Create'), { started: ['order-summary'] })
    await waitFor('the rebuild invocation', () => host.stats().replay?.invocations === 1)
    assert.deepEqual(responses.at(-1), {
      method: 'PUT',
      Status: 'SUCCESS',
      PhysicalResourceId: 'projection-versions',
      StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/EventBackbone/1',
      RequestId: 'request-0',
      LogicalResourceId: 'ReplayProjectionVersions',
      Data: { started: 'order-summary' },
    })
  })

  it('starts nothing once the declared version exists, nor on delete, and still answers SUCCESS', async () => {
    const at = { projection: 'order-summary', tableName: readModel.name, keys }
    await states.put(at, beginBuild(initialState('order-summary'), 2, new Date().toISOString()))
    assert.deepEqual(await hook('Update'), { started: [] })
    assert.deepEqual(await hook('Delete'), { started: [] })
    assert.deepEqual(
      responses.slice(-2).map((r) => r.Status),
      ['SUCCESS', 'SUCCESS'],
    )
    assert.equal(host.stats().replay?.invocations, 1)
  })

  it('answers SUCCESS when the rebuild cannot start, so a deploy is never rolled back for it', async () => {
    const broken = await handleDeployEvent(event('Update'), {
      projections: { 'order-summary': { version: 3, tableName: 'no-such-table', keys, functionName: 'x' } },
      states,
      lambda,
      functionName: 'replay',
      logger: silent,
    })
    assert.deepEqual(broken, { started: [] })
    assert.equal(responses.at(-1)?.Status, 'SUCCESS')
  })
})
