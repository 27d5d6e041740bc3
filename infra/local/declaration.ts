/**
 * The declaration the local stack runs (the example's, unless a test or a fork passes its own) and
 * the catalogue derived from it, with the CloudEvents source the CDK stack uses by default.
 */
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
