/**
 * The order summary change as a transactional effect (`shared/consumer/effects.ts`): the same
 * UpdateItems the repository tries in turn, as alternatives the middleware commits with the dedup
 * record. In order, the first (advance the status) holds: one TransactWriteItems per event.
 */
import type { Effect, WriteAction } from '../../../../consumer/effects.ts'
import type { SummaryChange } from '../order-summary-types.ts'
import { orderSummaryKey } from './order-summary-repository.ts'
import { summaryUpdate, type UpdateMode } from './summary-update.ts'

/** Alternatives: advance (with the payment), else add only the payment, else only set the fields. */
export function summaryEffect(tableName: string, change: SummaryChange): Effect {
  const update = (mode: UpdateMode): WriteAction[] => [
    {
      Update: { TableName: tableName, Key: orderSummaryKey(change.orderId), ...summaryUpdate(change, mode) },
    },
  ]
  const pay = change.payment !== undefined
  return [
    update({ advance: true, pay }),
    ...(pay ? [update({ advance: false, pay })] : []),
    update({ advance: false, pay: false }),
  ]
}
