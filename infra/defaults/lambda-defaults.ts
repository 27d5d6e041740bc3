/**
 * Lambda defaults for every function of the backbone, in one place (as AWS Solutions Constructs keep
 * theirs in `*-defaults.ts`): Node.js 24 on arm64, an ESM bundle built by the local esbuild, tracing
 * and JSON logs. Memory and timeout are each function's own, in the catalogue
 * (`shared/topology/catalogue.ts`) that the local runtime reads too.
 */
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda'
import { type BundlingOptions, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'

/**
 * esbuild's ESM output has no `require`; CommonJS dependencies that call it (the AWS SDK's and
 * Powertools' transitive deps do) fail with "Dynamic require of … is not supported" without this shim.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __backboneCreateRequire } from 'node:module'; const require = __backboneCreateRequire(import.meta.url);"

/** Bundling: local esbuild only, ESM (`index.mjs`), minified, with source maps. */
export const bundlingDefaults = {
  format: OutputFormat.ESM,
  target: 'node24',
  // Prefer packages' ESM entry points so esbuild can tree-shake them.
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  // Source text is not needed to map stack traces and would double the bundle size.
  sourcesContent: false,
  // The runtime's bundled SDK version drifts; bundling ours pins it and loads faster once minified.
  bundleAwsSDK: true,
  externalModules: [],
  forceDockerBundling: false,
} as const satisfies BundlingOptions

/** Function properties every backbone function starts from (entry, role and log group are added by the helper). */
export const lambdaDefaults = {
  runtime: Runtime.NODEJS_24_X,
  architecture: Architecture.ARM_64,
  handler: 'handler',
  loggingFormat: LoggingFormat.JSON,
  // Powertools Logger reads AWS_LAMBDA_LOG_LEVEL, which Lambda derives from this setting.
  applicationLogLevelV2: ApplicationLogLevel.INFO,
  bundling: bundlingDefaults,
} as const satisfies NodejsFunctionProps

/** Environment every function gets: stack traces mapped through the bundle's source map. */
export const lambdaEnvironmentDefaults = {
  NODE_OPTIONS: '--enable-source-maps',
} as const satisfies Record<string, string>
