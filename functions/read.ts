/** `GET /streams/{streamId}/events`, `GET /streams/{streamId}` and `$default`, folding this deployment's domains. */
import { readFunction } from '../shared/lambda/read-function.ts'
import { domain } from './domain.ts'

export const handler = readFunction(domain)
