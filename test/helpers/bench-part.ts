/**
 * Runs one part of `npm run bench` as the bench runs it (`bench/part.ts` in a child process) with the
 * quick sizes, and resolves with the figures it reports.
 */
import { fork } from 'node:child_process'
import { join } from 'node:path'
import type { Figure } from '../../bench/lib/figure.ts'
import { type PartName, QUICK_SETTINGS } from '../../bench/settings.ts'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'

export function runBenchPart(part: PartName): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = fork(join(PROJECT_ROOT, 'bench/part.ts'), [part, JSON.stringify(QUICK_SETTINGS)], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, AWS_REGION: 'us-east-1' },
    })
    let figures: Figure[] | undefined
    child.on('message', (m: { figures?: Figure[]; error?: string }) => {
      if (m.figures) figures = m.figures
      if (m.error) reject(new Error(m.error))
    })
    child.on('exit', () =>
      figures ? resolve(figures) : reject(new Error(`the ${part} part sent no figures`)),
    )
  })
}
