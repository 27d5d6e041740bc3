/**
 * The browser code, bundled by the project's esbuild on first request and kept: one script and one
 * stylesheet (ours plus uPlot's), no toolchain of its own. ~100 ms once per start.
 */
import { join } from 'node:path'
import { build } from 'esbuild'

export interface Bundle {
  js: string
  css: string
}

let bundled: Promise<Bundle> | undefined

async function bundle(): Promise<Bundle> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'web', 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  })
  const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? ''
  return { js: text('.js'), css: text('.css') }
}

/** The bundle, built once; a failed build is retried on the next request. */
export function studioBundle(): Promise<Bundle> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = undefined
    throw error
  })
  return bundled
}
