/**
 * `npm run contracts`: regenerates `contracts/` (OpenAPI 3.1, AsyncAPI 3, a JSON Schema per event type
 * and version, the CloudEvents envelope) from the code. Commit the result: the contract test fails
 * while the folder and the code disagree, and the compatibility test reads the committed schemas.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { backbone } from '../functions/backbone.ts'
import { registry } from '../functions/domain.ts'
import { PROJECT_ROOT } from '../infra/stacks/project-root.ts'
import { contractFiles } from './lib/contracts/contract-files.ts'

const folder = join(PROJECT_ROOT, 'contracts')
const files = contractFiles(backbone, registry)
const existing = await readdir(folder, { recursive: true }).catch(() => [] as string[])
for (const stale of existing.filter((f) => f.endsWith('.json') && !(f in files))) {
  await rm(join(folder, stale))
  console.log(`removed contracts/${stale}`)
}
for (const [path, text] of Object.entries(files)) {
  await mkdir(dirname(join(folder, path)), { recursive: true })
  await writeFile(join(folder, path), text)
}
console.log(`wrote ${Object.keys(files).length} files to contracts/`)
