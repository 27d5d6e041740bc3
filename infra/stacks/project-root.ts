/** Paths relative to the project root, whatever the working directory of `cdk synth` or a test. */
import { fileURLToPath } from 'node:url'

// This file lives in `infra/stacks/`.
const ROOT_URL = new URL('../../', import.meta.url)

/** Absolute path of the repository root. */
export const PROJECT_ROOT = fileURLToPath(ROOT_URL)

/** Absolute path of `relative` (e.g. a topology `entry` such as `functions/publish.ts`). */
export function projectPath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT_URL))
}
