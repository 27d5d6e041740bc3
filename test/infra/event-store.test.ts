import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { EventsTableSchema } from '../../shared/store/table-schema.ts'
import { SKIP_BUNDLING, type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import { arnOf, type CfnResourceJson, logicalIdOf } from '../helpers/template-queries.ts'

describe('events table', () => {
  let synth: SynthesizedBackbone
  before(() => {
    synth = synthBackbone(SKIP_BUNDLING)
  })
  after(() => synth.dispose())

  /** The events table as the template holds it. */
  function eventsTable(): CfnResourceJson {
    return synth.template.toJSON().Resources[logicalIdOf(synth.stack.eventStore.table)]
  }

  it('encrypts the table and its stream with a customer-managed KMS key that rotates', () => {
    const keyId = logicalIdOf(synth.stack.eventStore.encryptionKey)
    assert.deepEqual(eventsTable().Properties.SSESpecification, {
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: arnOf(keyId),
    })
    const key = synth.template.toJSON().Resources[keyId]
    assert.equal(key.Properties.EnableKeyRotation, true)
    assert.equal(key.DeletionPolicy, 'Retain')
  })

  it('keeps point-in-time recovery on, deletion protection on, and the table on stack deletion', () => {
    const table = eventsTable()
    assert.deepEqual(table.Properties.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true })
    assert.equal(table.Properties.DeletionProtectionEnabled, true)
    assert.equal(table.DeletionPolicy, 'Retain')
    assert.equal(table.UpdateReplacePolicy, 'Retain')
  })

  it('streams new images of written items for the relay', () => {
    assert.deepEqual(eventsTable().Properties.StreamSpecification, { StreamViewType: 'NEW_IMAGE' })
  })

  it('keys the table, its time index and its TTL from the shared table schema', () => {
    const props = eventsTable().Properties
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
    assert.equal(eventsTable().Properties.BillingMode, 'PAY_PER_REQUEST')
  })
})
