import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { backbone } from '../../functions/backbone.ts'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'
import { parseCapacityArgs } from '../../scripts/lib/capacity/args.ts'
import { awsFigures } from '../../scripts/lib/capacity/aws-figures.ts'
import { bindingStage, stageCeilings } from '../../scripts/lib/capacity/ceilings.ts'
import { costLines, totalUsd } from '../../scripts/lib/capacity/cost.ts'
import { CapacityArgumentError } from '../../scripts/lib/capacity/errors.ts'
import { capacityInputs } from '../../scripts/lib/capacity/inputs.ts'

const ceilingOf = (stage: string, overrides = {}) => {
  const found = stageCeilings(capacityInputs(backbone, overrides)).find((c) => c.stage.startsWith(stage))
  assert.ok(found, `no stage ${stage}`)
  return found.eventsPerSecond
}

describe('capacity model', () => {
  it('doubles the time index ceiling when the index has twice the shards', () => {
    assert.equal(
      ceilingOf('events table byTime', { timeIndexShards: 32 }),
      2 * ceilingOf('events table byTime'),
    )
  })

  it('doubles the relay ceiling with twice the stream shards, or twice the parallelization', () => {
    const base = ceilingOf('relay')
    assert.equal(ceilingOf('relay', { streamShards: 8 }), 2 * base)
    assert.equal(ceilingOf('relay', { parallelizationFactor: 8 }), 2 * base)
  })

  it('takes the SNS ceiling from the recorded quota and the API ceiling from the stage throttle', () => {
    assert.equal(ceilingOf('SNS publish, standard'), awsFigures.snsStandardPublishQuota.value)
    assert.equal(ceilingOf('HTTP API'), 500)
  })

  it('names as binding the stage with the lowest ceiling, whatever the inputs', () => {
    for (const overrides of [
      {},
      { consumerBatchDurationMs: 1 },
      { consumerBatchDurationMs: 1, streamShards: 1 },
    ]) {
      const ceilings = stageCeilings(capacityInputs(backbone, overrides))
      const lowest = Math.min(...ceilings.map((c) => c.eventsPerSecond))
      assert.equal(bindingStage(ceilings).eventsPerSecond, lowest)
    }
  })

  it('halves the consumer ceiling when its batches take twice as long', () => {
    assert.equal(
      ceilingOf('consumer order-summary', { consumerBatchDurationMs: 200 }),
      ceilingOf('consumer order-summary') / 2,
    )
  })

  it('adds one consumer’s cost for each further consumer an event is delivered to', () => {
    const total = (n: number) => totalUsd(costLines(capacityInputs(backbone, { deliveredTo: n })))
    // Past the declared ones, consumers repeat in order: as many more cost what the declared ones did.
    const n = backbone.consumers.length
    const declared = total(n) - total(0)
    assert.ok(declared > 0)
    assert.ok(Math.abs(total(2 * n) - total(n) - declared) < 1e-9)
  })

  it('prices the consumer’s measured transaction at twice the write units of its items', () => {
    const line = costLines(capacityInputs(backbone, { deliveredTo: 1 })).find((l) =>
      l.item.startsWith('order-summary: DynamoDB writes'),
    )
    assert.equal(line?.usdPerMillion, 2 * 2 * awsFigures.writeRequestUnitPrice.value)
  })

  it('prices each consumer by its own measured calls', () => {
    const lines = costLines(capacityInputs(backbone))
    const writes = (name: string) => lines.find((l) => l.item.startsWith(`${name}: DynamoDB writes`))
    assert.equal(writes('shipping-notifier')?.usdPerMillion, 3 * awsFigures.writeRequestUnitPrice.value)
    assert.match(writes('shipping-notifier')?.item ?? '', /\(as measured\)/)
    assert.equal(writes('order-history')?.usdPerMillion, 3 * 2 * awsFigures.writeRequestUnitPrice.value)
    assert.equal(writes('daily-sales')?.usdPerMillion, 2 * 2 * awsFigures.writeRequestUnitPrice.value)
    assert.match(writes('daily-sales')?.item ?? '', /\(as measured\)/)
    const extra = costLines(capacityInputs(backbone, { deliveredTo: backbone.consumers.length + 1 }))
    assert.ok(
      extra.some((l) => /#2: DynamoDB writes/.test(l.item)),
      'a delivery past the declared consumers repeats a declared consumer',
    )
  })
})

describe('npm run capacity flags', () => {
  it('refuses a malformed number with an error naming the flag', () => {
    assert.throws(
      () => parseCapacityArgs(['--stream-shards=many']),
      (e: unknown) => {
        return (
          e instanceof CapacityArgumentError &&
          e.flag === 'stream-shards' &&
          e.message.includes('--stream-shards')
        )
      },
    )
  })

  it('refuses a parallelization above Lambda’s 10 and a region whose figures are not recorded', () => {
    assert.throws(() => parseCapacityArgs(['--parallelization=11']), /--parallelization/)
    assert.throws(() => parseCapacityArgs(['--region=eu-west-1']), /--region: .*us-east-1/)
  })

  it('refuses an unknown flag, naming it', () => {
    assert.throws(() => parseCapacityArgs(['--shards=3']), /--shards/)
  })

  it('passes the numbers it is given to the model', () => {
    assert.deepEqual(parseCapacityArgs(['--consumers=5', '--stream-shards=2', '--markdown']), {
      markdown: true,
      help: false,
      overrides: { deliveredTo: 5, streamShards: 2 },
    })
  })
})

describe('README "Capacity and cost"', () => {
  it('holds exactly what npm run capacity -- --markdown prints for the declared deployment', () => {
    const printed = execFileSync(
      process.execPath,
      [join(PROJECT_ROOT, 'scripts/capacity.ts'), '--markdown'],
      {
        encoding: 'utf8',
      },
    )
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
    const section = /<!-- capacity:start -->\n([\s\S]*?)<!-- capacity:end -->/.exec(readme)?.[1]
    assert.equal(
      section,
      printed,
      'README section differs: run `npm run capacity -- --markdown` and paste it',
    )
  })
})
