/**
 * Sizes of the bench. The defaults keep `npm run bench` within a few minutes on 2 cores; `--quick`
 * shrinks every part (a smoke run, figures too noisy to judge).
 */

/** The parts, in the order they run and are reported. */
export const PARTS = ['cold-start', 'warm', 'calls', 'state', 'e2e', 'replay', 'peers'] as const
export type PartName = (typeof PARTS)[number]

export interface BenchSettings {
  /** Fresh-process loads per bundle (at least 10, as the issue asks). */
  coldStartRuns: number
  /** Paired rounds of the warm-overhead measurements. */
  warmRounds: number
  /** Publish requests per variant when counting calls. */
  callRequests: number
  /** Events of the long stream whose state read is timed against a 2-event stream's; paired rounds. */
  stateEvents: number
  stateRounds: number
  /** Concurrent HTTP clients and seconds of sustained load, end to end. */
  e2eWorkers: number
  e2eSeconds: number
  /**
   * Events per replay, and rounds of replay vs naive replay. 5000 events: a replay of 1000 lasts
   * ~150 ms, short enough that a scheduler hiccup moves the ratio by a tenth, and its fixed costs
   * (the job record, the first page) weigh more than in the long replays the function is for.
   */
  replayEvents: number
  replayRounds: number
  /** Against the peers (`bench/peers/`): sizes of each side-by-side comparison. */
  peers: PeerSettings
}

/** Sizes of the peers part; every comparison alternates rounds of ours and the peer's. */
export interface PeerSettings {
  /** Measured rounds of each timed comparison (after two warm-up rounds). */
  rounds: number
  /** Appends per round, per side. */
  appendsPerRound: number
  /** Events of the long stream folded against Castore's `getAggregate` (the short one has 10). */
  foldEvents: number
  /** Folds per round. */
  foldsPerRound: number
  /** SQS records per round through each consumer, in 10-record batches. */
  consumerRecordsPerRound: number
  /** Fresh-process loads of each consumer bundle. */
  coldRuns: number
  /** Events re-sent per replay / pour, and rounds of each. */
  pourEvents: number
  pourRounds: number
}

export const DEFAULT_SETTINGS: BenchSettings = {
  coldStartRuns: 21,
  warmRounds: 15,
  callRequests: 50,
  stateEvents: 5000,
  stateRounds: 15,
  e2eWorkers: 8,
  e2eSeconds: 20,
  replayEvents: 5000,
  replayRounds: 5,
  peers: {
    rounds: 11,
    appendsPerRound: 20,
    foldEvents: 1000,
    foldsPerRound: 10,
    consumerRecordsPerRound: 200,
    coldRuns: 11,
    pourEvents: 2000,
    pourRounds: 3,
  },
}

export const QUICK_SETTINGS: BenchSettings = {
  coldStartRuns: 3,
  warmRounds: 3,
  callRequests: 10,
  stateEvents: 500,
  stateRounds: 3,
  e2eWorkers: 4,
  e2eSeconds: 4,
  replayEvents: 200,
  replayRounds: 1,
  peers: {
    rounds: 2,
    appendsPerRound: 5,
    foldEvents: 1000,
    foldsPerRound: 2,
    consumerRecordsPerRound: 20,
    coldRuns: 2,
    pourEvents: 60,
    pourRounds: 1,
  },
}
