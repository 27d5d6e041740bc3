/**
 * `npm start` builds a projection's declared version when it is new: bumping `projection.version`
 * in the declaration and restarting is enough locally. The state is read here first, so a stack
 * whose projections are up to date invokes nothing (every test stack starts this way).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { projectionsBehind } from '../../shared/projection/declared.ts'
import { DynamoDBProjectionStateStore } from '../../shared/projection/dynamodb/state-store.ts'
import type { BackboneDeclaration, ConsumerDeclaration } from '../../shared/topology/declaration.ts'

/** Starts (asynchronously, as a Lambda `Event` invocation of replay) each rebuild the declaration asks for. */
export async function startDeclaredRebuilds(options: {
  declaration: BackboneDeclaration
  dynamodb: DynamoDBClient
  invokeAsync: (name: string, event: unknown) => void
  log: (line: string) => void
}): Promise<void> {
  const store = new DynamoDBProjectionStateStore(DynamoDBDocumentClient.from(options.dynamodb))
  const consumers: readonly ConsumerDeclaration[] = options.declaration.consumers
  const declared = consumers.flatMap(({ name, projection }) => {
    const table = options.declaration.tables.find((t) => t.name === projection?.table)
    if (projection === undefined || table === undefined) return []
    const { partitionKey, sortKey } = table
    const keys = sortKey === undefined ? { partitionKey } : { partitionKey, sortKey }
    // Local tables are named as declared.
    return [{ name, version: projection.version, tableName: table.name, keys }]
  })
  for (const name of await projectionsBehind(declared, store)) {
    const version = declared.find((p) => p.name === name)?.version
    options.log(
      `Projection ${name}: building declared version ${version} (npm run rebuild -- ${name} --status)`,
    )
    options.invokeAsync('replay', { projection: name })
  }
}
