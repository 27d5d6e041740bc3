/** `POST /streams/{streamId}/events`, for the event types of this deployment's domains. */
import { publishFunction } from '../shared/lambda/publish-function.ts'
import { registry } from './domain.ts'

export const handler = publishFunction(registry)
