import { InMemoryEventStorage } from '../../shared/store/in-memory/in-memory-event-storage.ts'
import { eventStoreContract } from '../helpers/event-store-contract.ts'

eventStoreContract('EventStore over the in-memory storage', async () => ({
  storage: new InMemoryEventStorage(),
  close: async () => {},
}))
