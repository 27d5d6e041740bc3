/**
 * Synthesizes the backbone app the way `cdk synth` does (the context of `cdk.json`, plus overrides)
 * into a temp cloud assembly. Synthesis bundles each function with esbuild and runs nag and the
 * template validation, so a test file synthesizes once and shares the result.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Validations } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import type { IConstruct } from 'constructs'
import { type BackboneApp, createBackboneApp } from '../../infra/stacks/backbone-app.ts'
import type { EventBackboneStackProps } from '../../infra/stacks/event-backbone-stack.ts'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'

/** The `context` block of the project's `cdk.json`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>
  }
  return cdkJson.context ?? {}
}

/** Context that skips asset bundling: for tests that only read resource properties. */
export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const

/** A backbone app built in a temp directory; `dispose` removes the directory. */
export interface BuiltApp extends BackboneApp {
  readonly outdir: string
  dispose(): void
}

/** Builds (constructs, and bundles unless told not to) the app without synthesizing it yet. */
export function buildBackbone(
  context: Record<string, unknown> = {},
  stackProps: EventBackboneStackProps = {},
): BuiltApp {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'backbone-synth-'))
  const dispose = () => rmSync(outdir, { recursive: true, force: true })
  try {
    const appProps = { outdir, context: { ...cdkJsonContext(), ...context } }
    return { ...createBackboneApp(appProps, stackProps), outdir, dispose }
  } catch (error) {
    dispose()
    throw error
  }
}

/** A synthesized backbone: its template and the validation report of the cloud assembly. */
export interface SynthesizedBackbone extends BuiltApp {
  readonly template: Template
  readonly assemblyDir: string
}

/** Builds and synthesizes the app; throws the validation report if nag or the template validation fail. */
export function synthBackbone(
  context: Record<string, unknown> = {},
  stackProps: EventBackboneStackProps = {},
): SynthesizedBackbone {
  const built = buildBackbone(context, stackProps)
  const assembly = built.app.synth()
  return { ...built, template: Template.fromStack(built.stack), assemblyDir: assembly.directory }
}

/** Every acknowledgement recorded in the construct tree: where, which finding, why. */
export function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  )
}
