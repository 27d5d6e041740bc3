/**
 * The declaration the local stack runs (the example's, unless a test or a fork passes its own) and
 * the catalogue derived from it, with the CloudEvents source the CDK stack uses by default.
 */
import { pathToFileURL } from 'node:url'
import { backbone } from '../../functions/backbone.ts'
import { DEFAULT_EVENT_SOURCE } from '../../shared/config.ts'
import { type FunctionSpec, functionCatalogue } from '../../shared/topology/catalogue.ts'
import type { BackboneDeclaration } from '../../shared/topology/declaration.ts'

export type { BackboneDeclaration }

/** The project's declaration (`functions/backbone.ts`). */
export const declaredBackbone: BackboneDeclaration = backbone

/** The function catalogue of `declaration` as the local stack runs it. */
export function functionCatalogueOf(declaration: BackboneDeclaration): FunctionSpec[] {
  return functionCatalogue(declaration, { eventSource: DEFAULT_EVENT_SOURCE })
}

/** Thrown when a declaration module cannot be loaded or has no `backbone` export. */
export class DeclarationModuleError extends Error {
  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(`BACKBONE_DECLARATION ${path}: ${reason}`, options)
    this.name = 'DeclarationModuleError'
  }
}

/** The `backbone` export of the module at `path`; the project's declaration when `path` is undefined. */
export async function loadDeclaration(path: string | undefined): Promise<BackboneDeclaration> {
  if (path === undefined) return declaredBackbone
  let loaded: { backbone?: BackboneDeclaration }
  try {
    loaded = (await import(pathToFileURL(path).href)) as { backbone?: BackboneDeclaration }
  } catch (cause) {
    throw new DeclarationModuleError(path, 'cannot be imported', { cause })
  }
  const declared = loaded.backbone
  if (typeof declared !== 'object' || declared === null || !Array.isArray(declared.consumers)) {
    throw new DeclarationModuleError(path, 'has no `backbone` export with consumers')
  }
  return declared
}
