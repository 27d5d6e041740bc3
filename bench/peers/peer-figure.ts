/**
 * One line of the peers part: the same work done by us and by a peer library, measured in the same
 * run on the same engines. The peer is the baseline, so the ratio is ours / the peer's and the target
 * is "no worse than the peer": at most 1.0× on times and calls, at least 1.0× on rates.
 */
import { type Figure, figure, ratioAtLeast, ratioAtMost, type Target } from '../lib/figure.ts'

export const PEERS_SECTION = '6 against the peers'

/** How a figure compares: lower is better (times, calls, bytes), or higher is (rates). */
export const Better = { Lower: 'lower', Higher: 'higher' } as const
export type Better = (typeof Better)[keyof typeof Better]

/** Inputs of {@link peerFigure}. */
export interface PeerFigureInput {
  name: string
  ours: number
  peer: number
  unit: string
  /** The peer, as named in the report (`Castore pushEvent`). */
  peerLabel: string
  /** Default lower. */
  better?: Better
  /** Judged against the target (default); false for a figure reported for information. */
  judged?: boolean
  /** How it was obtained, and what each side does that the other does not. */
  note: string
}

/** The target of a judged figure: ours no worse than the peer's. */
export function peerTarget(better: Better): Target {
  return better === Better.Higher ? ratioAtLeast(1) : ratioAtMost(1)
}

/** Builds the figure: value ours, baseline the peer's, target ours no worse than the peer. */
export function peerFigure(input: PeerFigureInput): Figure {
  const better = input.better ?? Better.Lower
  return figure({
    section: PEERS_SECTION,
    name: input.name,
    value: input.ours,
    baseline: input.peer,
    unit: input.unit,
    baselineLabel: input.peerLabel,
    ...(input.judged === false ? {} : { target: peerTarget(better) }),
    note: input.note,
  })
}
