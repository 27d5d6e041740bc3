import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { baselineName, baselineSource, sdkPackagesOf } from '../../bench/cold-start/bundles.ts'
import { cdkEsbuildOptions } from '../../bench/cold-start/esbuild-options.ts'
import { figure, ratioAtLeast, ratioAtMost, Verdict, valueAtMost } from '../../bench/lib/figure.ts'
import { formatTable } from '../../bench/lib/report.ts'
import { median, percentile } from '../../bench/lib/stats.ts'
import { bundlingDefaults } from '../../infra/defaults/lambda-defaults.ts'

describe('bench statistics', () => {
  it('takes the middle value as the median, averaging the two middle ones for an even count', () => {
    assert.equal(median([5, 1, 3]), 3)
    assert.equal(median([4, 1, 3, 2]), 2.5)
    assert.ok(Number.isNaN(median([])))
  })

  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1)
    assert.equal(percentile(samples, 50), 50)
    assert.equal(percentile(samples, 99), 99)
    assert.equal(percentile([7], 99), 7)
  })
})

describe('bench figures', () => {
  it('computes the ratio to the baseline and passes a ratio within its target', () => {
    const f = figure({
      section: 's',
      name: 'n',
      value: 110,
      baseline: 100,
      unit: 'ms',
      target: ratioAtMost(1.25),
    })
    assert.equal(f.ratio, 1.1)
    assert.equal(f.verdict, Verdict.Pass)
  })

  it('misses a ratio above its maximum or below its minimum', () => {
    const slow = figure({
      section: 's',
      name: 'n',
      value: 130,
      baseline: 100,
      unit: 'ms',
      target: ratioAtMost(1.25),
    })
    const weak = figure({
      section: 's',
      name: 'n',
      value: 5,
      baseline: 1,
      unit: '/s',
      target: ratioAtLeast(10),
    })
    assert.equal(slow.verdict, Verdict.Miss)
    assert.equal(weak.verdict, Verdict.Miss)
  })

  it('judges a value target on the value, and reports a figure without target as information', () => {
    assert.equal(
      figure({ section: 's', name: 'n', value: 1, unit: 'c', target: valueAtMost(1, 'c') }).verdict,
      'PASS',
    )
    assert.equal(
      figure({ section: 's', name: 'n', value: 1.2, unit: 'c', target: valueAtMost(1, 'c') }).verdict,
      'MISS',
    )
    assert.equal(figure({ section: 's', name: 'n', value: 3, unit: 'c' }).verdict, Verdict.Info)
  })

  it('misses a ratio target when the value could not be measured', () => {
    const f = figure({
      section: 's',
      name: 'n',
      value: Number.NaN,
      baseline: 1,
      unit: 'c',
      target: ratioAtMost(2),
    })
    assert.equal(f.verdict, Verdict.Miss)
  })

  it('prints every figure with its baseline, ratio, target and verdict under its section', () => {
    const text = formatTable([
      figure({
        section: '1 cold start',
        name: 'relay: module load',
        value: 90,
        baseline: 60,
        unit: 'ms',
        target: ratioAtMost(1.25),
      }),
    ])
    assert.match(text, /## 1 cold start/)
    assert.match(text, /relay: module load\s+90\.0 ms\s+60\.0 ms\s+1\.50×\s+≤ 1\.25×\s+MISS/)
  })
})

describe('bench bundles', () => {
  it('finds the SDK client packages a bundle contains from its metafile', () => {
    const inputs = {
      'node_modules/@aws-sdk/client-sns/dist-es/SNSClient.js': { bytes: 1, imports: [] },
      'node_modules/@aws-sdk/lib-dynamodb/dist-es/index.js': { bytes: 1, imports: [] },
      'node_modules/@aws-sdk/client-dynamodb/dist-es/index.js': { bytes: 1, imports: [] },
      'node_modules/@aws-sdk/core/dist-es/index.js': { bytes: 1, imports: [] },
      'shared/relay/relay-batch.ts': { bytes: 1, imports: [] },
    }
    assert.deepEqual(sdkPackagesOf({ inputs, outputs: {} }), [
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-sns',
      '@aws-sdk/lib-dynamodb',
    ])
  })

  it('builds a baseline that imports and constructs exactly those clients', () => {
    const source = baselineSource(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'])
    assert.match(source, /import \{ DynamoDBClient \} from '@aws-sdk\/client-dynamodb'/)
    assert.match(source, /DynamoDBDocumentClient\.from\(new DynamoDBClient\(\{\}\)\)/)
    assert.doesNotMatch(source, /SNSClient|SQSClient/)
    assert.equal(
      baselineName(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']),
      'sdk(dynamodb+lib-dynamodb)',
    )
  })

  it('bundles with the options the CDK stack gives NodejsFunction', () => {
    const options = cdkEsbuildOptions('/x/entry.ts', '/out/index.mjs')
    assert.equal(options.format, bundlingDefaults.format)
    assert.equal(options.target, bundlingDefaults.target)
    assert.equal(options.minify, bundlingDefaults.minify)
    assert.equal(options.sourcemap, bundlingDefaults.sourceMap)
    assert.equal(options.sourcesContent, bundlingDefaults.sourcesContent)
    assert.deepEqual(options.mainFields, [...bundlingDefaults.mainFields])
    assert.deepEqual(options.banner, { js: bundlingDefaults.banner })
    assert.equal(options.platform, 'node')
    assert.equal(options.bundle, true)
  })
})
