import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { backbone } from '../../functions/backbone.ts'
import type { BackboneFunction } from '../../infra/constructs/backbone-function.ts'
import { ESM_REQUIRE_BANNER } from '../../infra/defaults/lambda-defaults.ts'
import { type SynthesizedBackbone, synthBackbone } from '../helpers/synth.ts'
import {
  type CfnResourceJson,
  environmentOf,
  logicalIdOf,
  renderTokens,
  type TokenJson,
} from '../helpers/template-queries.ts'

const run = promisify(execFile)

// The one synth of the suite that bundles for real (esbuild, per function).
describe('every function of the backbone', () => {
  let synth: SynthesizedBackbone
  let resources: Record<string, CfnResourceJson>
  let functions: { name: string; fn: BackboneFunction; resource: CfnResourceJson }[]
  before(() => {
    synth = synthBackbone()
    resources = synth.template.toJSON().Resources
    const { stack } = synth
    const named: [string, BackboneFunction][] = [
      ['publish', stack.publishFunction],
      ['read', stack.readFunction],
      ['relay', stack.fanout.relay.function],
      ['redrive', stack.redrive.function],
      ['replay', stack.replay.function],
      ...stack.fanout.consumers.map((c): [string, BackboneFunction] => [c.declaration.name, c.function]),
    ]
    functions = named.map(([name, fn]) => ({
      name,
      fn,
      resource: resources[logicalIdOf(fn.function)] as CfnResourceJson,
    }))
  })
  after(() => synth.dispose())

  /** The directory of a function's bundled asset in the cloud assembly. */
  function bundleDir(resource: CfnResourceJson): string {
    const code = resource.Properties.Code as { S3Key: string }
    return path.join(synth.assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`)
  }

  /** What CloudFormation would put in place of a token: a queue URL, a topic ARN, a name. */
  function deployedValue(token: TokenJson): string {
    const account = 'arn:aws:%s:us-east-1:123456789012'
    if ('Ref' in token) {
      const type = resources[token.Ref]?.Type
      if (type === 'AWS::SQS::Queue') return `https://sqs.us-east-1.amazonaws.com/123456789012/${token.Ref}`
      if (type === 'AWS::SNS::Topic') return `${account.replace('%s', 'sns')}:${token.Ref}`
      return token.Ref
    }
    const [id, attribute] = token['Fn::GetAtt']
    const service = (resources[id]?.Type.split('::')[1] ?? 'unknown').toLowerCase()
    return `${account.replace('%s', service)}:${id}${attribute === 'Arn' ? '' : `/${attribute}`}`
  }

  it('runs on Node.js 24 on arm64 with explicit memory and timeout', () => {
    // Every function is one of the backbone's, but the provider of the catch-up custom resources,
    // which only deploys run; it follows the same rules.
    const { provider } = synth.stack.catchUps
    const providerId = provider ? logicalIdOf(provider) : undefined
    assert.equal(
      functions.length,
      Object.keys(resources).filter(
        (id) => resources[id]?.Type === 'AWS::Lambda::Function' && id !== providerId,
      ).length,
    )
    const providerEntry = providerId
      ? [{ name: 'catch-up provider', resource: resources[providerId] as CfnResourceJson }]
      : []
    for (const { name, resource } of [...functions, ...providerEntry]) {
      const props = resource.Properties
      assert.equal(props.Runtime, 'nodejs24.x', name)
      assert.deepEqual(props.Architectures, ['arm64'], name)
      assert.ok(Number(props.MemorySize) >= 128, name)
      assert.ok(Number(props.Timeout) > 0 && Number(props.Timeout) <= 900, name)
      assert.equal(props.Handler, 'index.handler', name)
    }
  })

  it("answers the HTTP API within API Gateway's 30 s", () => {
    for (const { name, resource } of functions.slice(0, 2))
      assert.ok(Number(resource.Properties.Timeout) < 30, name)
  })

  it('logs JSON to its own log group, which has a retention', () => {
    const groups = new Set<string>()
    for (const { name, fn, resource } of functions) {
      const group = logicalIdOf(fn.logGroup)
      const logging = resource.Properties.LoggingConfig as Record<string, unknown>
      assert.deepEqual(logging.LogGroup, { Ref: group }, name)
      assert.equal(logging.LogFormat, 'JSON', name)
      assert.ok(Number(resources[group]?.Properties.RetentionInDays) > 0, name)
      groups.add(group)
    }
    assert.equal(groups.size, functions.length)
  })

  it('traces with X-Ray', () => {
    for (const { name, resource } of functions) {
      assert.deepEqual(resource.Properties.TracingConfig, { Mode: 'Active' }, name)
    }
  })

  it('gets the table name, Powertools settings, event source and source-mapped stack traces (API functions)', () => {
    const table = logicalIdOf(synth.stack.eventStore.table)
    for (const { name, resource } of functions.slice(0, 2)) {
      const env = environmentOf(resource)
      assert.deepEqual(env.EVENTS_TABLE_NAME, { Ref: table }, name)
      for (const key of ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'EVENT_SOURCE']) {
        assert.ok(typeof env[key] === 'string' && env[key] !== '', `${name}: ${key}`)
      }
    }
    for (const { name, resource } of functions)
      assert.equal(environmentOf(resource).NODE_OPTIONS, '--enable-source-maps', name)
  })

  it('tells the publish function the declared shard count of the time index', () => {
    const publish = functions.find(({ name }) => name === 'publish')
    assert.ok(publish)
    assert.equal(
      environmentOf(publish.resource).TIME_INDEX_SHARDS,
      String(backbone.eventStore.timeIndexShards),
    )
  })

  it('is bundled as one minified ES module with a source map and a require shim', () => {
    for (const { name, resource } of functions) {
      const dir = bundleDir(resource)
      const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8')
      assert.ok(existsSync(path.join(dir, 'index.mjs.map')), name)
      assert.ok(code.startsWith(ESM_REQUIRE_BANNER), `${name}: require shim`)
      assert.match(code, /export\s*\{[^}]*\bhandler\b[^}]*\}/, `${name}: ESM export`)
      assert.match(code, /\/\/# sourceMappingURL=index\.mjs\.map\s*$/, name)
      // Minified: a few very long lines rather than one statement per line.
      assert.ok(code.split('\n').length < code.length / 200, `${name}: minified`)
    }
  })

  it('starts in Node.js with the environment the stack gives it, and exports a handler function', async () => {
    // Each function validates its configuration at init, so this proves the stack sets every
    // variable the code requires, in the shape it parses (e.g. TOPIC_ARNS, CONSUMER_QUEUES).
    for (const { name, resource } of functions) {
      const env = Object.fromEntries(
        Object.entries(environmentOf(resource)).map(([key, value]) => [
          key,
          renderTokens(value, deployedValue),
        ]),
      )
      const url = pathToFileURL(path.join(bundleDir(resource), 'index.mjs')).href
      const script = `const m = await import(${JSON.stringify(url)}); if (typeof m.handler !== 'function') process.exit(3)`
      await run(process.execPath, ['--input-type=module', '-e', script], {
        // What Lambda itself sets, plus the function's own environment.
        env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: name, ...env },
        timeout: 60_000,
      }).catch((error: { stderr?: string }) =>
        assert.fail(`${name} failed to start: ${error.stderr ?? error}`),
      )
    }
  })
})
