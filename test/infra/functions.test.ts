import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { ESM_REQUIRE_BANNER } from '../../infra/defaults/lambda-defaults.ts'
import { type SynthesizedBackbone, synthBackbone } from './synth.ts'
import { type CfnResourceJson, logicalIdOf } from './template-queries.ts'

// The one synth of the suite that bundles for real (esbuild, per function).
describe('publish and read functions', () => {
  let synth: SynthesizedBackbone
  let functions: { name: string; id: string; resource: CfnResourceJson }[]
  before(() => {
    synth = synthBackbone()
    const resources = synth.template.toJSON().Resources as Record<string, CfnResourceJson>
    functions = [
      { name: 'publish', id: logicalIdOf(synth.stack.publishFunction.function) },
      { name: 'read', id: logicalIdOf(synth.stack.readFunction.function) },
    ].map((f) => ({ ...f, resource: resources[f.id] as CfnResourceJson }))
  })
  after(() => synth.dispose())

  /** The directory of a function's bundled asset in the cloud assembly. */
  function bundleDir(resource: CfnResourceJson): string {
    const code = resource.Properties.Code as { S3Key: string }
    return path.join(synth.assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`)
  }

  it('runs on Node.js 24 on arm64 with explicit memory and timeout', () => {
    for (const { name, resource } of functions) {
      const props = resource.Properties
      assert.equal(props.Runtime, 'nodejs24.x', name)
      assert.deepEqual(props.Architectures, ['arm64'], name)
      assert.ok(Number(props.MemorySize) >= 128, name)
      assert.ok(Number(props.Timeout) > 0 && Number(props.Timeout) < 30, `${name}: under API Gateway's 30 s`)
      assert.equal(props.Handler, 'index.handler', name)
    }
  })

  it('logs JSON to its own log group, which has a retention', () => {
    const groups = [synth.stack.publishFunction.logGroup, synth.stack.readFunction.logGroup].map(logicalIdOf)
    const resources = synth.template.toJSON().Resources
    for (const [i, { name, resource }] of functions.entries()) {
      const logging = resource.Properties.LoggingConfig as Record<string, unknown>
      assert.deepEqual(logging.LogGroup, { Ref: groups[i] }, name)
      assert.equal(logging.LogFormat, 'JSON', name)
      assert.ok(resources[groups[i] as string].Properties.RetentionInDays > 0, name)
    }
    assert.notEqual(groups[0], groups[1])
  })

  it('traces with X-Ray', () => {
    for (const { name, resource } of functions) {
      assert.deepEqual(resource.Properties.TracingConfig, { Mode: 'Active' }, name)
    }
  })

  it('gets the table name, Powertools settings, event source and source-mapped stack traces', () => {
    const table = logicalIdOf(synth.stack.eventStore.table)
    for (const { name, resource } of functions) {
      const env = (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables
      assert.deepEqual(env.EVENTS_TABLE_NAME, { Ref: table }, name)
      for (const key of ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'EVENT_SOURCE']) {
        assert.ok(typeof env[key] === 'string' && env[key] !== '', `${name}: ${key}`)
      }
      assert.equal(env.NODE_OPTIONS, '--enable-source-maps', name)
    }
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

  it('loads in Node.js as an ES module exporting a handler function', () => {
    for (const { name, resource } of functions) {
      const url = pathToFileURL(path.join(bundleDir(resource), 'index.mjs')).href
      const script = `const m = await import(${JSON.stringify(url)}); if (typeof m.handler !== 'function') process.exit(3)`
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'us-east-1',
          EVENTS_TABLE_NAME: 'events',
          POWERTOOLS_SERVICE_NAME: 'event-backbone',
          POWERTOOLS_METRICS_NAMESPACE: 'EventBackbone',
          EVENT_SOURCE: 'urn:event-backbone',
        },
        timeout: 60_000,
        stdio: 'pipe',
      })
      assert.ok(true, name)
    }
  })
})
