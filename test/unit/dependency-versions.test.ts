import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'

interface Manifest {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
interface Lockfile {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>
}

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as Lockfile

const sdkPins = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([name]) =>
  name.startsWith('@aws-sdk/'),
)
/**
 * Since 3.98x the SDK publishes its utility packages (util-dynamodb, credential-provider-node) on a
 * version line of their own; they are held to the exact version the clients depend on instead.
 */
const ownVersionLine = new Set(['@aws-sdk/util-dynamodb', '@aws-sdk/credential-provider-node'])

describe('AWS SDK dependencies', () => {
  it('name one exact version for every client and lib-dynamodb, dependencies and devDependencies alike', () => {
    const releaseTrain = sdkPins.filter(([name]) => !ownVersionLine.has(name))
    assert.ok(releaseTrain.length >= 6, 'the clients and lib-dynamodb are all listed')
    const versions = new Set(releaseTrain.map(([, version]) => version))
    assert.equal(versions.size, 1, `one version for all: ${JSON.stringify(Object.fromEntries(releaseTrain))}`)
    assert.match([...versions][0] ?? '', /^\d+\.\d+\.\d+$/, 'an exact version, not a range')
  })

  it('pin util-dynamodb to the one copy that lib-dynamodb uses', () => {
    const pinned = manifest.dependencies['@aws-sdk/util-dynamodb']
    assert.equal(lock.packages['node_modules/@aws-sdk/util-dynamodb']?.version, pinned)
    const copies = Object.keys(lock.packages).filter((path) =>
      path.endsWith('node_modules/@aws-sdk/util-dynamodb'),
    )
    assert.deepEqual(copies, ['node_modules/@aws-sdk/util-dynamodb'], 'no second copy nested anywhere')
  })

  it('install each pinned SDK package once, at the pinned version', () => {
    for (const [name, version] of sdkPins) {
      const copies = Object.entries(lock.packages).filter(([path]) => path.endsWith(`node_modules/${name}`))
      assert.deepEqual(
        copies.map(([path, entry]) => [path, entry.version]),
        [[`node_modules/${name}`, version]],
        `${name}: one copy at ${version}`,
      )
    }
  })
})
