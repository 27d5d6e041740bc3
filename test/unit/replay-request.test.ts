import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { registry } from '../../functions/domain.ts'
import { ReplayRequestError } from '../../shared/replay/errors.ts'
import { matchesFilterPolicy } from '../../shared/replay/filter-policy.ts'
import { parseReplayRequest } from '../../shared/replay/request.ts'
import { DEFAULT_RATE_PER_SECOND } from '../../shared/replay/request-schema.ts'
import { exampleTopology } from '../helpers/topology.ts'

const now = new Date('2026-03-01T12:00:00.000Z')
const parse = (input: unknown) => parseReplayRequest(input, registry, exampleTopology(), now)
const target = { consumer: 'order-summary' }
const from = '2026-01-01T00:00:00Z'

/** Asserts `input` is rejected with a ReplayRequestError naming `field`. */
function rejects(input: unknown, field: string, text?: RegExp) {
  assert.throws(
    () => parse(input),
    (error: unknown) => {
      assert.ok(error instanceof ReplayRequestError, String(error))
      assert.equal(error.name, 'ReplayRequestError')
      assert.equal(error.field, field)
      assert.ok(error.message.includes(`: ${field}: `), error.message)
      if (text) assert.match(error.message, text)
      return true
    },
  )
}

describe('replay request', () => {
  it('accepts a consumer replay with a time range and fills in the defaults', () => {
    const command = parse({ target, filter: { from, types: ['OrderPlaced'] } })
    assert.equal(command.kind, 'start')
    if (command.kind !== 'start') return
    assert.deepEqual(command.spec, {
      target,
      filter: { types: ['OrderPlaced'], from: '2026-01-01T00:00:00.000Z', to: now.toISOString() },
      dryRun: false,
      ratePerSecond: DEFAULT_RATE_PER_SECOND,
      reprocess: false,
    })
    assert.equal(command.toGiven, false)
  })

  it('accepts stream ids without a time range', () => {
    const command = parse({ target: { topic: 'orders' }, filter: { streamIds: ['order-1', 'order-1'] } })
    assert.equal(command.kind === 'start' && command.spec.filter.streamIds?.length, 1)
  })

  it('reads { jobId } as a status request and { jobId, cancel: true } as a cancellation', () => {
    assert.deepEqual(parse({ jobId: 'job-1' }), { kind: 'status', jobId: 'job-1' })
    assert.deepEqual(parse({ jobId: 'job-1', cancel: true }), { kind: 'cancel', jobId: 'job-1' })
  })

  it('rejects an unknown consumer or topic, naming the known ones', () => {
    rejects({ target: { consumer: 'billing' }, filter: { from } }, 'target.consumer', /order-summary/)
    rejects({ target: { topic: 'payments' }, filter: { from } }, 'target.topic', /orders/)
    rejects({ target: { consumer: 'order-summary', topic: 'orders' }, filter: { from } }, 'target')
    rejects({ target: {}, filter: { from } }, 'target')
  })

  it('reads a request without a start or stream ids as a replay from the oldest stored event up to now', () => {
    const command = parse({ target })
    assert.equal(command.kind, 'start')
    assert.deepEqual(command.kind === 'start' && command.spec.filter, { to: now.toISOString() })
    const typed = parse({ target, filter: { types: ['OrderPlaced'], to: '2026-02-01T00:00:00Z' } })
    assert.deepEqual(typed.kind === 'start' && typed.spec.filter, {
      types: ['OrderPlaced'],
      to: '2026-02-01T00:00:00.000Z',
    })
  })

  it('rejects a range whose end is not after its start, and times that are not ISO-8601', () => {
    rejects({ target, filter: { from: '2026-02-01T00:00:00Z', to: from } }, 'filter.to', /after/)
    rejects({ target, filter: { from, to: from } }, 'filter.to')
    rejects({ target, filter: { from: 'yesterday' } }, 'filter.from', /ISO-8601/)
    rejects({ target, filter: { from, to: '2026-13-45' } }, 'filter.to', /ISO-8601/)
  })

  it('rejects unknown event types and types the target never receives', () => {
    rejects(
      { target, filter: { from, types: ['OrderPlaced', 'Refunded'] } },
      'filter.types.1',
      /unknown event type/,
    )
  })

  it('rejects malformed requests naming the field', () => {
    rejects('replay everything', '(request)')
    rejects(null, '(request)')
    rejects([target], '(request)')
    rejects({ target, filters: { from } }, 'filters', /unknown field/)
    rejects({ target, filter: { from, streamId: ['order-1'] } }, 'filter.streamId', /unknown field/)
    rejects({ target, filter: { from }, dryRun: 'yes' }, 'dryRun')
    rejects({ target, filter: { from }, ratePerSecond: 0 }, 'ratePerSecond')
    rejects({ target, filter: { from }, ratePerSecond: 1e9 }, 'ratePerSecond')
    rejects({ target, filter: { streamIds: ['_idempotency#x'] } }, 'filter.streamIds.0')
    rejects({ target, filter: { streamIds: [] } }, 'filter.streamIds')
    rejects({ target, jobId: 'a b' }, 'jobId')
    rejects({}, 'target')
    rejects({ jobId: 'job-1', dryRun: true }, 'dryRun')
    rejects({ target, filter: { from }, cancel: true }, 'cancel')
  })
})

describe('filter policy evaluation', () => {
  const attributes = { type: 'OrderShipped', subject: 'order-1', schemaversion: '2', replay: 'true' }

  it('matches exact values, prefixes, anything-but, exists and numeric conditions', () => {
    assert.equal(matchesFilterPolicy(undefined, attributes), true)
    assert.equal(matchesFilterPolicy({ type: ['OrderShipped'] }, attributes), true)
    assert.equal(matchesFilterPolicy({ type: ['OrderPaid'] }, attributes), false)
    assert.equal(matchesFilterPolicy({ type: [{ prefix: 'Order' }] }, attributes), true)
    assert.equal(matchesFilterPolicy({ type: [{ 'anything-but': ['OrderShipped'] }] }, attributes), false)
    assert.equal(matchesFilterPolicy({ tenant: [{ exists: false }] }, attributes), true)
    assert.equal(matchesFilterPolicy({ schemaversion: [{ numeric: ['>=', 2, '<', 3] }] }, attributes), true)
    assert.equal(matchesFilterPolicy({ schemaversion: [{ numeric: ['>', 2] }] }, attributes), false)
    assert.equal(matchesFilterPolicy({ type: ['OrderShipped'], replay: ['false'] }, attributes), false)
  })
})
