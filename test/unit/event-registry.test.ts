import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as z from 'zod/mini'
import { registry } from '../../functions/domain.ts'
import {
  EventTypeDefinitionError,
  UnknownEventTypeError,
  ValidationError,
  type ValidationIssue,
} from '../../shared/errors.ts'
import { defineEventType, EventRegistry } from '../../shared/events/registry.ts'

function issuesOf(fn: () => unknown): ValidationIssue[] {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error))
    return error.issues
  }
  assert.fail('expected a ValidationError')
}

const placedV2 = {
  orderId: 'o1',
  customerId: 'c1',
  items: [{ sku: 'A', quantity: 1, unitPrice: 2.5 }],
  currency: 'EUR',
}

describe('event registry', () => {
  it('accepts data matching the newest schema version', () => {
    assert.deepEqual(registry.validate('OrderPlaced', placedV2), placedV2)
    assert.equal(registry.latestVersion('OrderPlaced'), 2)
  })

  it('reports every violation with its field path under data', () => {
    const issues = issuesOf(() =>
      registry.validate('OrderPlaced', {
        orderId: 'o1',
        customerId: 'c1',
        items: [
          { sku: 'A', quantity: 1, unitPrice: 1 },
          { sku: 'B', quantity: 1.5, unitPrice: -1 },
        ],
        currency: 'euro',
      }),
    )
    assert.deepEqual(issues.map((i) => i.path).sort(), [
      'data.currency',
      'data.items[1].quantity',
      'data.items[1].unitPrice',
    ])
  })

  it('reports a missing object as the data path itself', () => {
    assert.deepEqual(
      issuesOf(() => registry.validate('OrderPaid', null)).map((i) => i.path),
      ['data'],
    )
  })

  it('rejects data valid only for an older version when validating for publish', () => {
    const { currency: _, ...v1 } = placedV2
    assert.deepEqual(
      issuesOf(() => registry.validate('OrderPlaced', v1)).map((i) => i.path),
      ['data.currency'],
    )
  })

  it('throws UnknownEventTypeError for an undeclared type', () => {
    assert.equal(registry.has('Nope'), false)
    assert.throws(() => registry.validate('Nope', {}), UnknownEventTypeError)
    assert.throws(() => registry.upcast('Nope', 1, {}), UnknownEventTypeError)
  })

  it('upcasts stored version 1 data to the newest version', () => {
    const { currency: _, ...v1 } = placedV2
    assert.deepEqual(registry.upcast('OrderPlaced', 1, v1), { schemaVersion: 2, data: placedV2 })
    assert.deepEqual(registry.upcast('OrderPlaced', 2, placedV2), { schemaVersion: 2, data: placedV2 })
  })

  it('runs a chain of upcasters in order, validating each step', () => {
    const Renamed = defineEventType({
      type: 'Renamed',
      versions: [
        { version: 1, schema: z.object({ n: z.string() }), upcast: (d: { n: string }) => ({ name: d.n }) },
        {
          version: 2,
          schema: z.object({ name: z.string() }),
          upcast: (d: { name: string }) => ({ name: d.name, tags: [] }),
        },
        { version: 3, schema: z.object({ name: z.string(), tags: z.array(z.string()) }) },
      ],
    })
    const local = new EventRegistry([Renamed])
    assert.deepEqual(local.upcast('Renamed', 1, { n: 'x' }), {
      schemaVersion: 3,
      data: { name: 'x', tags: [] },
    })
    assert.deepEqual(local.upcast('Renamed', 2, { name: 'y' }), {
      schemaVersion: 3,
      data: { name: 'y', tags: [] },
    })
    assert.deepEqual(
      issuesOf(() => local.upcast('Renamed', 1, { n: 1 })).map((i) => i.path),
      ['data.n'],
    )
  })

  it('rejects an unknown stored schema version', () => {
    assert.deepEqual(
      issuesOf(() => registry.upcast('OrderPaid', 7, {})).map((i) => i.path),
      ['schemaversion'],
    )
  })

  it('refuses declarations with gaps or a missing upcaster', () => {
    const schema = z.object({})
    assert.throws(
      () =>
        defineEventType({
          type: 'Gap',
          versions: [
            { version: 1, schema, upcast: (d) => d },
            { version: 3, schema },
          ],
        }),
      EventTypeDefinitionError,
    )
    assert.throws(
      () =>
        defineEventType({
          type: 'NoUpcast',
          versions: [
            { version: 1, schema },
            { version: 2, schema },
          ],
        }),
      EventTypeDefinitionError,
    )
  })

  it('refuses to register the same type twice', () => {
    const T = defineEventType({ type: 'T', versions: [{ version: 1, schema: z.object({}) }] })
    assert.throws(() => new EventRegistry([T, T]))
  })
})
