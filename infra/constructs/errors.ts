/** Errors raised while building the CDK app: all are synth-time configuration mistakes. */

/** Base class of every infrastructure configuration error. */
export class InfraConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'InfraConfigError'
  }
}

/** The authorizer context (`authorizer`, `jwtIssuer`, `jwtAudience`) is an invalid combination. */
export class InvalidAuthorizerConfigError extends InfraConfigError {
  /** Every problem found, so one synth reports them all. */
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(`Invalid authorizer configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'InvalidAuthorizerConfigError'
    this.problems = problems
  }
}

/** esbuild is not installed locally; CDK would silently fall back to bundling in Docker. */
export class BundlerNotFoundError extends InfraConfigError {
  constructor(options?: ErrorOptions) {
    super(
      'esbuild is not installed in node_modules; run `npm ci` (bundling never falls back to Docker)',
      options,
    )
    this.name = 'BundlerNotFoundError'
  }
}

/** The declaration asks for something AWS would refuse, or names what it does not declare (reported before anything is deployed). */
export class InvalidTopologyError extends InfraConfigError {
  /** Every problem found, so one synth reports them all. */
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(`Invalid backbone declaration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'InvalidTopologyError'
    this.problems = problems
  }
}
