/**
 * The engine packages whose internals we drive (deep requires, patched methods) must be the exact
 * version package.json pins: the pin is the one place that names it, read here at engine start.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EnginePinError, EngineVersionError } from './errors.ts'

/** The engine packages used through their internals. */
export type InternalsPackage = 'dynalite' | 'fauxqs'

interface PackageJson {
  name?: string
  version?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

const require = createRequire(import.meta.url)

/** The exact version our package.json pins `name` to; throws {@link EnginePinError} for a range. */
export function pinnedVersion(name: InternalsPackage): string {
  const own = require('../../../package.json') as PackageJson
  const range = own.devDependencies?.[name] ?? own.dependencies?.[name]
  if (range === undefined || !/^\d+\.\d+\.\d+$/.test(range)) throw new EnginePinError(name, range)
  return range
}

/**
 * The version of `name` that Node resolves from here. fauxqs's exports map hides its package.json,
 * so this walks up from the resolved entry point to the folder whose package.json names the package.
 */
export function installedVersion(name: InternalsPackage): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)))
  for (;;) {
    const manifest = readManifest(join(dir, 'package.json'))
    if (manifest?.name === name && manifest.version) return manifest.version
    const parent = dirname(dir)
    if (parent === dir) throw new EngineVersionError(name, pinnedVersion(name), 'an unknown version')
    dir = parent
  }
}

function readManifest(path: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PackageJson
  } catch {
    // No package.json in this folder (or not JSON): keep walking up.
    return undefined
  }
}

/** Throws {@link EngineVersionError} naming both versions when `found` is not `expected`. */
export function checkEngineVersion(name: InternalsPackage, found: string, expected: string): void {
  if (found !== expected) throw new EngineVersionError(name, expected, found)
}

/** Checks the installed `name` against the pin in package.json. */
export function assertPinnedEngine(name: InternalsPackage): void {
  checkEngineVersion(name, installedVersion(name), pinnedVersion(name))
}
