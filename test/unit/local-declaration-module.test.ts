/**
 * `BACKBONE_DECLARATION`: which declaration `npm start` runs. Unset, the project's; set, the
 * `backbone` export of that module, resolved from the project root; a module without one is refused
 * at start with the variable named, rather than running a half-declared stack.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DeclarationModuleError, declaredBackbone, loadDeclaration } from '../../infra/local/declaration.ts'
import { localDeclarationModule, projectPath } from '../../infra/local/settings.ts'
import { backbone as shortTimeouts } from '../fixtures/declarations/short-timeouts.ts'

describe('the declaration npm start runs', () => {
  it('is the project’s declaration when BACKBONE_DECLARATION is unset or empty', async () => {
    assert.equal(localDeclarationModule({}), undefined)
    assert.equal(localDeclarationModule({ BACKBONE_DECLARATION: '' }), undefined)
    assert.equal(await loadDeclaration(undefined), declaredBackbone)
  })

  it('is the backbone export of the module BACKBONE_DECLARATION names, from the project root', async () => {
    const path = localDeclarationModule({
      BACKBONE_DECLARATION: 'test/fixtures/declarations/short-timeouts.ts',
    })
    assert.equal(path, projectPath('test/fixtures/declarations/short-timeouts.ts'))
    assert.equal(await loadDeclaration(path), shortTimeouts)
    assert.deepEqual(
      shortTimeouts.consumers.map((c) => c.name),
      declaredBackbone.consumers.map((c) => c.name),
    )
  })

  it('refuses a module without a backbone export, and one that cannot be imported, naming the variable', async () => {
    await assert.rejects(loadDeclaration(projectPath('infra/local/settings.ts')), (error: unknown) => {
      assert.ok(error instanceof DeclarationModuleError)
      assert.match(error.message, /BACKBONE_DECLARATION .*settings\.ts: has no `backbone` export/)
      return true
    })
    await assert.rejects(loadDeclaration(projectPath('no/such/module.ts')), DeclarationModuleError)
  })
})
