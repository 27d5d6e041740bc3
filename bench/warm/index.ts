/** Part 2, warm overhead: consumer and publish middleware against their baselines, in process. */
import type { Figure } from '../lib/figure.ts'
import { consumerOverhead } from './consumer.ts'
import { publishOverhead } from './publish.ts'

/** Runs both warm-overhead measurements. */
export async function warmOverhead(opts: { rounds: number }): Promise<Figure[]> {
  return [await consumerOverhead(opts.rounds), await publishOverhead(opts.rounds)]
}
