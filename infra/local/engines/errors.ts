/** Errors of the embedded engines that are not AWS answers (those are in `dynamodb/errors.ts`). */

/** Base class of the engines' own errors. */
export class EngineError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'EngineError'
  }
}

/**
 * The installed engine package is not the version package.json pins. dynalite and fauxqs are driven
 * through their internals (deep requires, patched methods), which any release may change.
 */
export class EngineVersionError extends EngineError {
  readonly packageName: string
  readonly expected: string
  readonly found: string

  constructor(packageName: string, expected: string, found: string) {
    super(
      `${packageName} ${found} is installed, but the local runtime drives its internals and needs exactly ` +
        `${expected} (the version package.json pins). Run \`npm ci\` to install the pinned version; to move ` +
        `to ${found}, change the pin and run the integration tests that check the patches' assumptions.`,
    )
    this.name = 'EngineVersionError'
    this.packageName = packageName
    this.expected = expected
    this.found = found
  }
}

/** package.json does not pin an engine package to one exact version. */
export class EnginePinError extends EngineError {
  constructor(packageName: string, range: string | undefined) {
    super(
      `package.json must pin ${packageName} to an exact version (like "4.0.0"), found ${JSON.stringify(range)}: ` +
        'its internals are used, so every release has to be checked before it is installed.',
    )
    this.name = 'EnginePinError'
  }
}

/**
 * An engine listens somewhere other than the interface it was given. fauxqs offers no host option and
 * is redirected by a patch; should a release bypass it, the engine is stopped rather than left open to
 * the network unauthenticated.
 */
export class EngineExposedError extends EngineError {
  constructor(engine: string, expectedHost: string, address: string) {
    super(`${engine} listens on ${address}, not on ${expectedHost}: stopped it rather than expose it`)
    this.name = 'EngineExposedError'
  }
}
