/** Fault injection for the local stack: a proxy at the network boundary that can make a service unavailable. */
export { type CannedResponse, serviceUnavailable } from './aws-errors.ts'
export { FaultProxyError, FaultProxyStartError } from './errors.ts'
export {
  FaultMode,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultProxyStats,
  startFaultProxy,
} from './proxy.ts'
