/**
 * Peers 4, consumer, cold: bundle size, and module load + first invocation (an empty batch, which
 * makes our consumer build its clients, logger and metrics) in fresh Node processes, both bundles
 * built with the CDK stack's esbuild options (`bench/cold-start/esbuild-options.ts`). Ours: the
 * `order-summary` function; the peer: the Powertools consumer of `powertools/order-summary-consumer.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROJECT_ROOT } from '../../infra/stacks/project-root.ts'
import { buildFunction } from '../cold-start/bundles.ts'
import { COLD_START_ENV, type LoadTarget, loadOnce } from '../cold-start/load-time.ts'
import type { Figure } from '../lib/figure.ts'
import { median } from '../lib/stats.ts'
import { peerFigure } from './peer-figure.ts'

const EMPTY_SQS_BATCH = { Records: [] }
const PEER_ENTRY = relative(
  PROJECT_ROOT,
  fileURLToPath(new URL('./powertools/cold-entry.ts', import.meta.url)),
)
const PEER_LABEL = 'Powertools consumer'
// The peer reads its idempotency table's name as Powertools' examples do.
const ENV = { ...COLD_START_ENV, IDEMPOTENCY_TABLE_NAME: 'idempotency' }

export async function consumerColdComparison(opts: { coldRuns: number }): Promise<Figure[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-peers-'))
  try {
    const ours = await buildFunction({ name: 'ours', entry: 'functions/consumers/order-summary.ts' }, outDir)
    const peer = await buildFunction({ name: 'peer', entry: PEER_ENTRY }, outDir)
    const targets: LoadTarget[] = [
      { file: ours.file, firstEvent: EMPTY_SQS_BATCH },
      { file: peer.file, firstEvent: EMPTY_SQS_BATCH },
    ]
    const samples = targets.map((): number[] => [])
    // One warm-up each (the page cache), then interleaved, alternating which goes first.
    for (const t of targets) await loadOnce(t, ENV)
    for (let i = 0; i < opts.coldRuns; i++) {
      const order = i % 2 === 0 ? [0, 1] : [1, 0]
      for (const k of order) samples[k]?.push(await loadOnce(targets[k] as LoadTarget, ENV))
    }
    return [
      peerFigure({
        name: 'consumer, cold: bundle size',
        ours: ours.bytes / 1024,
        peer: peer.bytes / 1024,
        unit: 'KiB',
        peerLabel: PEER_LABEL,
        note: 'index.mjs as the CDK stack bundles it (esbuild, minified, ESM); both carry the same read-model code',
      }),
      peerFigure({
        name: 'consumer, cold: module load + first invocation',
        ours: median(samples[0] ?? []),
        peer: median(samples[1] ?? []),
        unit: 'ms',
        peerLabel: PEER_LABEL,
        note: `median of ${opts.coldRuns} fresh processes each, interleaved; the first invocation is an empty batch (ours builds its clients, logger and metrics there; the peer at import)`,
      }),
    ]
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
