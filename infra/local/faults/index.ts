/**
 * Fault injection for the local stack: a proxy at the network boundary that can make a service
 * unavailable, or fail some entries of SNS PublishBatch calls.
 */
export { type CannedResponse, serviceUnavailable } from './aws-errors.ts'
export { type EntryChooser, everyKth, onlyFirstAttempt, seededRatio } from './entry-choice.ts'
export { FaultProxyError, FaultProxyStartError } from './errors.ts'
export {
  FaultMode,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultProxyStats,
  startFaultProxy,
} from './proxy.ts'
export type { BatchEntryView } from './publish-batch.ts'
