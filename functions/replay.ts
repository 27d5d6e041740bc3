/** Replay (console-invoked), upcasting this deployment's event types: see `shared/lambda/replay-function.ts`. */
import { replayFunction } from '../shared/lambda/replay-function.ts'
import { registry } from './domain.ts'

export const handler = replayFunction(registry)
