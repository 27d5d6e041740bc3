/** Typed errors of the order read model's adapters. */
import { BackboneError } from '../../../errors.ts'

/** Base class of the read model's errors. */
export class ReadModelError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ReadModelError'
  }
}

/** The read-model table could not be read or written (throttling, network, missing table). */
export class ReadModelStoreError extends ReadModelError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ReadModelStoreError'
  }
}
