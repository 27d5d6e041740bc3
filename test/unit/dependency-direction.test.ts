/**
 * The project's lint configuration enforces the dependency direction of DESIGN.md: Biome, run with the
 * project's own biome.json on a scratch tree laid out like the project, refuses each forbidden import
 * and each import cycle, and accepts the allowed direction.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'

const run = promisify(execFile)
const BIOME = join(PROJECT_ROOT, 'node_modules', '.bin', 'biome')

describe('the dependency direction, as Biome enforces it', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backbone-lint-'))
    await copyFile(join(PROJECT_ROOT, 'biome.json'), join(dir, 'biome.json'))
    for (const [file, text] of Object.entries({
      'infra/local/declaration.ts': 'export const backbone = 1\n',
      'functions/domain.ts': 'export const registry = 1\n',
      'shared/domain/order/events.ts': 'export const orderEvents = 1\n',
    })) {
      await mkdir(dirname(join(dir, file)), { recursive: true })
      await writeFile(join(dir, file), text)
    }
  })
  after(() => rm(dir, { recursive: true, force: true }))

  /** Lints one file written at `path` in the scratch tree; resolves with Biome's findings (empty when clean). */
  async function lint(path: string, text: string): Promise<string> {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
    try {
      await run(BIOME, ['lint', '--vcs-enabled=false', '--max-diagnostics=5', path], { cwd: dir })
      return ''
    } catch (error) {
      return (
        String((error as { stderr?: string; stdout?: string }).stdout ?? '') +
        String((error as { stderr?: string }).stderr ?? '')
      )
    } finally {
      await rm(join(dir, path))
    }
  }

  it('refuses an import of infra/ from shared/ and from functions/', async () => {
    const text = "import { backbone } from '../../infra/local/declaration.ts'\n\nexport const x = backbone\n"
    assert.match(
      await lint('shared/topology/probe.ts', text),
      /shared\/ and functions\/ never import infra\//,
    )
    const fromFunctions =
      "import { backbone } from '../infra/local/declaration.ts'\n\nexport const x = backbone\n"
    assert.match(await lint('functions/probe.ts', fromFunctions), /never import infra\//)
  })

  it('refuses an import of a domain or of functions/ from framework code, and allows it from a domain', async () => {
    const domainImport =
      "import { orderEvents } from '../domain/order/events.ts'\n\nexport const x = orderEvents\n"
    assert.match(await lint('shared/events/probe.ts', domainImport), /Framework code never imports a domain/)
    const wiring = "import { registry } from '../../functions/domain.ts'\n\nexport const x = registry\n"
    assert.match(await lint('shared/events/probe.ts', wiring), /Framework code never imports a domain/)
    const withinDomain = "import { orderEvents } from './events.ts'\n\nexport const x = orderEvents\n"
    assert.equal(await lint('shared/domain/order/probe.ts', withinDomain), '')
  })

  it('refuses an import cycle', async () => {
    await writeFile(join(dir, 'shared/b.ts'), "import { a } from './a.ts'\n\nexport const b = () => a\n")
    try {
      assert.match(
        await lint('shared/a.ts', "import { b } from './b.ts'\n\nexport const a = () => b\n"),
        /noImportCycles/,
      )
    } finally {
      await rm(join(dir, 'shared/b.ts'))
    }
  })
})
