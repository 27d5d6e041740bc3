import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkEngineVersion, pinnedVersion } from '../../infra/local/engines/engine-version.ts'
import { EngineVersionError } from '../../infra/local/engines/errors.ts'

describe('engine version check', () => {
  it('rejects another version of an engine package, naming the package, both versions and npm ci', () => {
    assert.throws(
      () => checkEngineVersion('dynalite', '4.1.0', '4.0.0'),
      (error: unknown) => {
        assert.ok(error instanceof EngineVersionError)
        assert.equal(error.name, 'EngineVersionError')
        assert.deepEqual([error.packageName, error.expected, error.found], ['dynalite', '4.0.0', '4.1.0'])
        assert.match(error.message, /^dynalite 4\.1\.0 is installed, .*needs exactly 4\.0\.0/)
        assert.match(error.message, /Run `npm ci`/)
        return true
      },
    )
  })

  it('accepts exactly the pinned version', () => {
    assert.doesNotThrow(() => checkEngineVersion('fauxqs', '2.4.1', '2.4.1'))
  })

  it('takes the expected versions from the exact pins in package.json', () => {
    for (const name of ['dynalite', 'fauxqs'] as const) {
      assert.match(pinnedVersion(name), /^\d+\.\d+\.\d+$/, `${name} is pinned to one version`)
    }
  })
})
