/** Base class of every error raised by the local SQS event source mapping. */
export class SqsEventSourceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'SqsEventSourceError'
  }
}

/** The mapping's settings break a rule AWS enforces when the mapping is created. */
export class SqsEventSourceConfigError extends SqsEventSourceError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'SqsEventSourceConfigError'
  }
}

/** The queue answered something the mapping cannot turn into a Lambda record. */
export class SqsMessageShapeError extends SqsEventSourceError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'SqsMessageShapeError'
  }
}
