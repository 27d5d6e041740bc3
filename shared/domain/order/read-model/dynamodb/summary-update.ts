/** Builds the one UpdateItem that applies a summary change (pure, so the adapter stays small). */
import type { SummaryChange } from '../order-summary-types.ts'

/** How one UpdateItem treats the change. */
export interface UpdateMode {
  /** Also set status and version, on condition that the event is newer than the last applied. */
  advance: boolean
  /** Also add the payment, on condition that its version was never added (implied by `advance`). */
  pay: boolean
}

/** The expression parts of an UpdateCommand. */
export interface SummaryUpdate {
  UpdateExpression: string
  ConditionExpression?: string
  ExpressionAttributeNames: Record<string, string>
  ExpressionAttributeValues: Record<string, unknown>
}

/** SET the change's fields, ADD one to `eventsApplied`, and per `mode` advance and add the payment. */
export function summaryUpdate(change: SummaryChange, mode: UpdateMode): SummaryUpdate {
  const names: Record<string, string> = { '#orderId': 'orderId', '#applied': 'eventsApplied' }
  const values: Record<string, unknown> = { ':orderId': change.orderId, ':one': 1 }
  const sets = ['#orderId = :orderId']
  const adds = ['#applied :one']
  let condition: string | undefined
  const fields: Record<string, unknown> = mode.advance
    ? { ...change.fields, status: change.status, lastVersion: change.version, updatedAt: change.time }
    : { ...change.fields }
  Object.entries(fields).forEach(([name, value], i) => {
    if (value === undefined) return
    names[`#f${i}`] = name
    values[`:f${i}`] = value
    sets.push(`#f${i} = :f${i}`)
  })
  if (mode.advance) {
    names['#lastVersion'] = 'lastVersion'
    values[':version'] = change.version
    condition = 'attribute_not_exists(#lastVersion) OR #lastVersion < :version'
  }
  if (mode.pay && change.payment !== undefined) {
    Object.assign(names, { '#amountPaid': 'amountPaid', '#paidVersions': 'paidVersions' })
    Object.assign(values, { ':payment': change.payment, ':paidVersion': new Set([change.version]) })
    adds.push('#amountPaid :payment', '#paidVersions :paidVersion')
    if (!mode.advance) {
      values[':version'] = change.version
      condition = 'NOT contains(#paidVersions, :version)'
    }
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
    ...(condition === undefined ? {} : { ConditionExpression: condition }),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }
}
