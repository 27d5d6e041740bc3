import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as z from 'zod/mini'
import { defineConfigSection, loadConfig, loadEventStoreConfig } from '../../shared/config.ts'
import { ConfigError } from '../../shared/errors.ts'

describe('config', () => {
  it('reads the shared settings with the default event source', () => {
    const config = loadConfig({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:4566' })
    assert.equal(config.region, 'eu-west-1')
    assert.equal(config.eventSource, 'urn:event-backbone')
    assert.equal(config.endpoints.sns, 'http://127.0.0.1:4566')
    assert.equal(config.endpoints.dynamodb, undefined)
  })

  it('fails fast naming the missing variable', () => {
    assert.throws(
      () => loadEventStoreConfig({ AWS_REGION: 'eu-west-1' }),
      (error) => error instanceof ConfigError && error.variable === 'EVENTS_TABLE_NAME',
    )
    assert.throws(
      () => loadConfig({}),
      (error) => error instanceof ConfigError && /AWS_REGION/.test(error.message),
    )
  })

  it('rejects a malformed endpoint', () => {
    assert.throws(
      () => loadConfig({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: 'not a url' }),
      (error) => error instanceof ConfigError && error.variable === 'AWS_ENDPOINT_URL_DYNAMODB',
    )
  })

  it('reads the time index shard count, 16 by default, and rejects one outside 1 to 256 naming the variable', () => {
    const base = { AWS_REGION: 'eu-west-1', EVENTS_TABLE_NAME: 'events' }
    assert.equal(loadEventStoreConfig({ ...base }).timeIndexShards, 16)
    assert.equal(loadEventStoreConfig({ ...base, TIME_INDEX_SHARDS: '4' }).timeIndexShards, 4)
    for (const bad of ['0', '257', '2.5', 'many']) {
      assert.throws(
        () => loadEventStoreConfig({ ...base, TIME_INDEX_SHARDS: bad }),
        (error) => error instanceof ConfigError && error.variable === 'TIME_INDEX_SHARDS',
        bad,
      )
    }
  })

  it('validates an environment once and returns the same object afterwards', () => {
    const env: Record<string, string | undefined> = { AWS_REGION: 'eu-west-1', EVENTS_TABLE_NAME: 'events' }
    const first = loadEventStoreConfig(env)
    assert.equal(first.eventsTableName, 'events')
    assert.equal(loadConfig(env), loadConfig(env))
  })

  it('lets a module declare its own section, validated only when it is loaded', () => {
    const loadRelay = defineConfigSection({ TOPIC_ARN: z.string().check(z.minLength(1)) }, (v) => ({
      topicArn: v.TOPIC_ARN,
    }))
    assert.deepEqual(loadRelay({ TOPIC_ARN: 'arn:aws:sns:x' }), { topicArn: 'arn:aws:sns:x' })
    assert.throws(
      () => loadRelay({}),
      (error) => error instanceof ConfigError && error.variable === 'TOPIC_ARN',
    )
  })
})
