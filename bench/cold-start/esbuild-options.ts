/**
 * The esbuild options CDK's NodejsFunction uses for our functions, derived from the bundling
 * defaults the stack itself uses (`infra/defaults/lambda-defaults.ts`), so the bench measures the
 * bundle that `cdk deploy` ships. NodejsFunction runs the esbuild CLI with
 * `--bundle --target --platform=node --format --outfile=index.mjs --minify --sourcemap
 * --sources-content=false --external:… --banner:js --main-fields` (aws-cdk-lib
 * `aws-lambda-nodejs/lib/bundling.js`, `buildEsbuildArgs`); these are the same flags through the JS API.
 */
import type { BuildOptions } from 'esbuild'
import { bundlingDefaults } from '../../infra/defaults/lambda-defaults.ts'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'

/** esbuild options for one entry point, written to `outfile` (CDK writes `index.mjs` for ESM). */
export function cdkEsbuildOptions(entry: string, outfile: string): BuildOptions {
  const b = bundlingDefaults
  return {
    entryPoints: [entry],
    bundle: true,
    target: b.target,
    platform: 'node',
    format: b.format,
    outfile,
    minify: b.minify,
    // CDK's `--sourcemap` with the default mode: a linked `.map` file next to the bundle.
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    external: [...b.externalModules],
    banner: { js: b.banner },
    mainFields: [...b.mainFields],
    // CDK runs esbuild from the project root (where package-lock.json is).
    absWorkingDir: PROJECT_ROOT,
    metafile: true,
    logLevel: 'warning',
  }
}
