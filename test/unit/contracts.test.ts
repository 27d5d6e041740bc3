/**
 * The contracts in `contracts/` are generated from the code (`npm run contracts`), committed, and
 * valid by the ecosystem's own validators: OpenAPI 3.1 (@seriousme/openapi-schema-validator), AsyncAPI 3
 * (@asyncapi/parser), JSON Schema 2020-12 (Ajv).
 */
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Parser } from '@asyncapi/parser'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { backbone } from '../../functions/backbone.ts'
import { registry } from '../../functions/domain.ts'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'
import { ASYNCAPI_PATH, contractFiles, OPENAPI_PATH } from '../../scripts/lib/contracts/contract-files.ts'
import { CLOUDEVENT_SCHEMA_PATH, eventSchemaPath } from '../../scripts/lib/contracts/event-schemas.ts'
import { ApiRoutes } from '../../shared/topology/catalogue.ts'

const FOLDER = join(PROJECT_ROOT, 'contracts')
const generated = contractFiles(backbone, registry)
const committed = async (path: string) => readFile(join(FOLDER, path), 'utf8')

describe('the contracts folder', () => {
  it('holds exactly what the code generates (run npm run contracts after a change)', async () => {
    const files = (await readdir(FOLDER, { recursive: true })).filter((f) => f.endsWith('.json')).sort()
    assert.deepEqual(files, Object.keys(generated).sort(), 'contracts/ has missing or extra files')
    for (const [path, text] of Object.entries(generated)) {
      assert.equal(
        await committed(path),
        text,
        `contracts/${path} differs from the code: run npm run contracts`,
      )
    }
  })

  it('describes the HTTP API in a valid OpenAPI 3.1 document with every route, status and security scheme', async () => {
    const text = await committed(OPENAPI_PATH)
    // The validator resolves references in the object it is given: assert on a copy of our own.
    const result = await new Validator().validate(JSON.parse(text))
    const document = JSON.parse(text)
    assert.ok(result.valid, JSON.stringify(result.errors))
    for (const key of [...ApiRoutes.publish, ...ApiRoutes.read].filter((k) => k !== '$default')) {
      const [method = '', path = ''] = key.split(' ')
      assert.ok(document.paths[path]?.[method.toLowerCase()], `${key} is documented`)
    }
    const post = document.paths['/streams/{streamId}/events'].post
    assert.deepEqual(Object.keys(post.responses).sort(), [
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '500',
    ])
    assert.ok(post.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key'))
    assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), ['jwt', 'sigv4'])
  })

  it('describes every topic, consumer queue and DLQ in a valid AsyncAPI 3 document, with each filter policy', async () => {
    const text = await committed(ASYNCAPI_PATH)
    const diagnostics = await new Parser().validate(text)
    assert.deepEqual(
      diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`),
      [],
    )
    const { channels } = JSON.parse(text)
    for (const consumer of backbone.consumers) {
      assert.ok(channels[`queue-${consumer.name}`], `${consumer.name}'s queue`)
      assert.ok(channels[`dlq-${consumer.name}`], `${consumer.name}'s DLQ`)
    }
    assert.deepEqual(Object.keys(channels['queue-shipping-notifier'].messages), ['OrderShipped'])
    assert.deepEqual(channels['queue-shipping-notifier']['x-filter-policy'], { type: ['OrderShipped'] })
  })

  it('gives every event type and version a JSON Schema that accepts its data and names what it rejects', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false })
    const placed = ajv.compile(JSON.parse(await committed(eventSchemaPath('OrderPlaced', 2))))
    const good = {
      orderId: '1',
      customerId: 'c',
      items: [{ sku: 'a', quantity: 1, unitPrice: 2 }],
      currency: 'EUR',
    }
    assert.ok(placed(good))
    assert.ok(!placed({ ...good, currency: 'euro' }))
    assert.equal(placed.errors?.[0]?.instancePath, '/currency')
    const envelope = ajv.compile(JSON.parse(await committed(CLOUDEVENT_SCHEMA_PATH)))
    const event = {
      specversion: '1.0',
      id: 'e-1',
      source: 'urn:event-backbone',
      type: 'OrderPlaced',
      subject: 'order-1',
      time: '2026-12-01T10:00:00.000Z',
      datacontenttype: 'application/json',
      data: good,
      sequence: '00000000000000000001',
      schemaversion: 2,
    }
    assert.ok(envelope(event), JSON.stringify(envelope.errors))
    const every = new Ajv2020({ strict: false, validateFormats: false })
    for (const eventType of registry.eventTypes()) {
      for (const { version } of eventType.versions) {
        every.compile(JSON.parse(await committed(eventSchemaPath(eventType.type, version))))
      }
    }
  })
})
