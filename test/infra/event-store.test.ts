import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Match } from 'aws-cdk-lib/assertions'
import { EventsTableSchema } from '../../shared/store/table-schema.ts'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from './synth.ts'
import { arnOf, logicalIdOf, onlyResource } from './template-queries.ts'

describe('events table', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  it('encrypts the table and its stream with a customer-managed KMS key that rotates', () => {
    const keyId = logicalIdOf(synth.stack.eventStore.encryptionKey)
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(keyId) },
    })
    synth.template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
    })
  })

  it('keeps point-in-time recovery on, deletion protection on, and the table on stack deletion', () => {
    synth.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    })
  })

  it('streams new images of written items for the relay', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    })
  })

  it('keys the table, its time index and its TTL from the shared table schema', () => {
    const [, table] = onlyResource(synth.template, 'AWS::DynamoDB::Table')
    const props = table.Properties
    assert.deepEqual(props.KeySchema, [
      { AttributeName: EventsTableSchema.partitionKey, KeyType: 'HASH' },
      { AttributeName: EventsTableSchema.sortKey, KeyType: 'RANGE' },
    ])
    assert.deepEqual(props.GlobalSecondaryIndexes, [
      {
        IndexName: EventsTableSchema.timeIndex.name,
        KeySchema: [
          { AttributeName: EventsTableSchema.timeIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: EventsTableSchema.timeIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ])
    assert.deepEqual(props.TimeToLiveSpecification, {
      AttributeName: EventsTableSchema.ttlAttribute,
      Enabled: true,
    })
  })

  it('bills per request, so an idle backbone costs nothing in capacity', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST' })
  })
})
