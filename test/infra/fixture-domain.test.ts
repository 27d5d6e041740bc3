/**
 * The fixture domain (test/fixtures/domains/inventory) synthesized from its declaration alone: its
 * functions bundle, cdk-nag and the template validation pass, and its consumer gets exactly the
 * table it declares and the actions it declares on it.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Annotations, Match } from 'aws-cdk-lib/assertions'
import { inventoryBackbone } from '../fixtures/domains/inventory/backbone.ts'
import { type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  environmentOf,
  grantsOfRole,
  logicalIdOf,
  renderTokens,
  resourcesOfType,
  tokenName,
} from '../helpers/template-queries.ts'

describe('a domain plugged in by its declaration, synthesized', () => {
  let synth: SynthesizedBackbone
  before(() => {
    // Bundles every function for real: the fixture's own entries must build like the example's.
    synth = synthBackbone({}, { backbone: inventoryBackbone })
  })
  after(() => synth.dispose())

  it('passes cdk-nag and the template validation with no finding and no warning', () => {
    const report = JSON.parse(
      readFileSync(path.join(synth.assemblyDir, 'validation-report.json'), 'utf8'),
    ) as { pluginReports: { violations?: unknown[] }[] }
    assert.deepEqual(
      report.pluginReports.flatMap((r) => r.violations ?? []),
      [],
    )
    assert.deepEqual(Annotations.fromStack(synth.stack).findWarning('*', Match.anyValue()), [])
  })

  it('builds its topic, its consumer and its table, and nothing of the example', () => {
    const { fanout } = synth.stack
    assert.deepEqual([...fanout.topics.byName.keys()], ['inventory'])
    assert.deepEqual(
      fanout.consumers.map((c) => c.declaration.name),
      ['stock-levels'],
    )
    assert.deepEqual([...fanout.tables.declared.keys()], ['stock-levels'])
    const tables = Object.values(resourcesOfType(synth.template, 'AWS::DynamoDB::Table'))
    const keys = tables.map((t) => JSON.stringify(t.Properties.KeySchema))
    assert.ok(
      keys.some((k) => k.includes('"warehouse"')),
      'the stock-levels table with its sort key',
    )
    assert.ok(!keys.some((k) => k.includes('"sk"')), 'no read-model table of the example')
  })

  it('gives its consumer the table it declares, by the variable it declares, with only UpdateItem on it', () => {
    const [consumer] = synth.stack.fanout.consumers
    assert.ok(consumer)
    const table = synth.stack.fanout.tables.table('stock-levels')
    const fn = synth.template.toJSON().Resources[logicalIdOf(consumer.function.function)]
    assert.deepEqual(environmentOf(fn).STOCK_TABLE_NAME, { Ref: logicalIdOf(table) })
    const grants = grantsOfRole(synth.template, logicalIdOf(consumer.function.role))
    assert.deepEqual(grants.get(logicalIdOf(table)), ['dynamodb:UpdateItem'])
  })

  it('routes its event type to its own topic in the relay and the replay', () => {
    const env = environmentOf(
      synth.template.toJSON().Resources[logicalIdOf(synth.stack.fanout.relay.function.function)],
    )
    assert.deepEqual(JSON.parse(renderTokens(env.EVENT_ROUTES, tokenName)), {
      routes: { StockAdjusted: 'inventory' },
      defaultTopic: 'inventory',
    })
  })
})
