/** A `npm run capacity` flag is malformed or out of range; the message names the flag. */
export class CapacityArgumentError extends Error {
  readonly flag: string

  constructor(flag: string, message: string) {
    super(`--${flag}: ${message}`)
    this.name = 'CapacityArgumentError'
    this.flag = flag
  }
}
