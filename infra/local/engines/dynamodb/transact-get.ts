/**
 * TransactGetItems (dynalite has none): all reads happen under one shared hold of the lock, so no
 * write or transaction can land between them and the answer is all-or-nothing consistent.
 */
import type { OperationHandler } from './context.ts'
import { runAction } from './dynalite-internals.ts'
import { checkTransactItems, parseAction, resolveActions } from './transact-items.ts'

export const transactGetItems: OperationHandler = (ctx, request) => {
  const actions = checkTransactItems(request).map((entry) => parseAction(ctx, entry, { Get: 'GetItem' }))
  return ctx.lock.read(async () => {
    await resolveActions(ctx, actions)
    const Responses = []
    for (const action of actions) {
      const { Item } = (await runAction(ctx.store, 'GetItem', action.data)) as { Item?: unknown }
      Responses.push(Item ? { Item } : {})
    }
    return { Responses }
  })
}
