/** What the timed consumer wrapper tells the end-to-end bench, and on which channel. */

/** Name of the BroadcastChannel completions are posted on. */
export const COMPLETIONS_CHANNEL = 'bench-e2e-completions'

/** What the wrapper posts per invocation. */
export interface Completion {
  consumer: string
  /** Epoch ms (high resolution) when the handler returned. */
  at: number
  eventIds: string[]
}
