import assert from 'node:assert/strict'
import { test } from 'node:test'
import { registry } from '../../functions/domain.ts'
import { ValidationError } from '../../shared/errors.ts'
import { EventStore } from '../../shared/store/event-store.ts'
import { InMemoryEventStorage } from '../../shared/store/in-memory/in-memory-event-storage.ts'

const paid = (amount: number) => ({ type: 'OrderPaid', data: { orderId: 'o-1', amount, currency: 'EUR' } })

test('rejects an amount too large for DynamoDB, naming the field, and stores nothing', async () => {
  const store = new EventStore({ storage: new InMemoryEventStorage(), registry })
  await assert.rejects(store.append('order-1', [paid(1e20)]), (error: unknown) => {
    assert.ok(error instanceof ValidationError)
    assert.equal(error.issues[0]?.path, 'events[0].data.amount')
    return true
  })
  assert.equal((await store.readStream('order-1')).events.length, 0)
})

test('rejects an amount below DynamoDB smallest magnitude but accepts zero and ordinary decimals', async () => {
  const store = new EventStore({ storage: new InMemoryEventStorage(), registry })
  await assert.rejects(store.append('order-2', [paid(5e-324)]), ValidationError)
  const stored = await store.append('order-2', [paid(0), paid(12.34)])
  assert.deepEqual(
    stored.events.map((e) => (e.data as { amount: number }).amount),
    [0, 12.34],
  )
})
