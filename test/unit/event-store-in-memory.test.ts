import { registry } from '../../functions/domain.ts'
import { InMemoryEventStore } from '../../shared/store/in-memory/in-memory-event-store.ts'
import { eventStoreContract, testClock } from '../integration/event-store-contract.ts'

eventStoreContract('in-memory', async () => {
  const clock = testClock()
  return { store: new InMemoryEventStore({ registry, now: clock.now }), clock, close: async () => {} }
})
