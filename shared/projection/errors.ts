/** Typed errors of projections and their rebuilds. */
import { BackboneError } from '../errors.ts'

/** Base class of the projection errors. */
export class ProjectionError extends BackboneError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ProjectionError'
  }
}

/** A request names a projection the deployment does not declare. */
export class UnknownProjectionError extends ProjectionError {
  readonly projection: string
  constructor(projection: string, known: readonly string[]) {
    super(`projection: unknown projection "${projection}"; declared: ${known.join(', ') || 'none'}`)
    this.name = 'UnknownProjectionError'
    this.projection = projection
  }
}

/** A request asks for a change the projection's state does not allow (names the field at fault). */
export class ProjectionRequestError extends ProjectionError {
  readonly field: string
  constructor(field: string, message: string) {
    super(`${field}: ${message}`)
    this.name = 'ProjectionRequestError'
    this.field = field
  }
}

/** Another writer changed the projection's state first; read it again and retry. */
export class ProjectionStateConflictError extends ProjectionError {
  constructor(projection: string) {
    super(`the state of projection "${projection}" changed meanwhile; retry`)
    this.name = 'ProjectionStateConflictError'
  }
}

/** The projection's table could not be read or written. */
export class ProjectionStoreError extends ProjectionError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ProjectionStoreError'
  }
}
