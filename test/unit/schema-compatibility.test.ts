/**
 * Schema evolution is checked against what was published (the committed `contracts/`): a published
 * version's schema may only widen, and each upcaster turns every value of its version into a value
 * of the next. A breaking change must be a new version with an upcaster.
 */
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import * as z from 'zod/mini'
import { registry } from '../../functions/domain.ts'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'
import { firstBadUpcast, firstRejected } from '../helpers/schema-compatibility.ts'

const FOLDER = join(PROJECT_ROOT, 'contracts', 'schemas', 'events')

async function committedSchemas() {
  const files = (await readdir(FOLDER)).filter((f) => f.endsWith('.json'))
  return Promise.all(
    files.map(async (file) => {
      const [, type = '', version = ''] = /^(.+)\.v(\d+)\.json$/.exec(file) ?? []
      const schema = JSON.parse(await readFile(join(FOLDER, file), 'utf8')) as Record<string, unknown>
      return { file: `contracts/schemas/events/${file}`, type, version: Number(version), schema }
    }),
  )
}

describe('schema evolution against the published contracts', () => {
  it('keeps every published type and version, and accepts all the data each published schema accepted', async () => {
    const published = await committedSchemas()
    assert.ok(published.length >= 5)
    for (const { file, type, version, schema } of published) {
      const eventType = registry.eventTypes().find((t) => t.type === type)
      const current = eventType?.versions[version - 1]
      assert.ok(current, `${type} v${version} is published (${file}) but the code no longer declares it`)
      const rejected = firstRejected(schema, current.schema)
      assert.equal(
        rejected,
        undefined,
        `${type} v${version} changed incompatibly: the published schema (${file}) accepted ${rejected}. A breaking change must be a new version with an upcaster from v${version}; then run npm run contracts.`,
      )
    }
  })

  it('upcasts every value valid under version N to a value valid under version N+1', async () => {
    const published = await committedSchemas()
    let checked = 0
    for (const eventType of registry.eventTypes()) {
      for (let from = 1; from < eventType.latestVersion; from++) {
        const schema = published.find((p) => p.type === eventType.type && p.version === from)?.schema
        assert.ok(schema, `${eventType.type} v${from} has no committed schema; run npm run contracts`)
        assert.equal(
          firstBadUpcast(eventType, from, schema),
          undefined,
          `${eventType.type} v${from} → v${from + 1}`,
        )
        checked++
      }
    }
    assert.ok(checked >= 1, 'OrderPlaced has an upcaster to check')
  })

  it('names the type, version and field when a published schema is narrowed', () => {
    const published = {
      type: 'object',
      properties: { sku: { type: 'string', minLength: 1 }, quantity: { type: 'integer', minimum: 1 } },
      required: ['sku', 'quantity'],
    }
    const narrowed = z.object({ sku: z.string().check(z.minLength(3)), quantity: z.number().check(z.int()) })
    assert.match(firstRejected(published, narrowed) ?? '', /the code now rejects at data\.sku: /)
    const widened = z.object({ sku: z.string(), quantity: z.number(), note: z.optional(z.string()) })
    assert.equal(firstRejected(published, widened), undefined)
  })

  it('names the value an upcaster turns into invalid data of the next version', () => {
    const v1 = z.object({ sku: z.string() })
    const broken = {
      type: 'Broken',
      latestVersion: 2,
      versions: [
        { version: 1, schema: v1, upcast: (d: z.output<typeof v1>) => ({ ...d }) },
        { version: 2, schema: z.object({ sku: z.string(), warehouse: z.string() }) },
      ],
    }
    const schemaV1 = { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] }
    assert.match(firstBadUpcast(broken, 1, schemaV1) ?? '', /rejects at data\.warehouse/)
  })
})
