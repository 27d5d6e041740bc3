/**
 * Progress display of `npm run replay`: a redrawn bar on a terminal, plain lines otherwise (CI logs,
 * pipes), always on stderr so stdout carries only the final JSON.
 */
import type { ReplayResponse } from '../../shared/replay/response.ts'

const WIDTH = 30

/** One line describing a job's progress. */
export function progressLine(status: ReplayResponse, elapsedMs: number): string {
  const done = Math.round(status.progress * WIDTH)
  const bar = `[${'#'.repeat(done)}${'-'.repeat(WIDTH - done)}]`
  const rate = elapsedMs > 0 ? (status.sent / (elapsedMs / 1000)).toFixed(0) : '0'
  const percent = `${Math.round(status.progress * 100)}%`.padStart(4)
  const counts = `${status.dryRun ? 'matched' : 'sent'} ${status.dryRun ? status.matched : status.sent}`
  return `${bar} ${percent} ${counts} failed ${status.failed} ${rate}/s ${status.status}`
}

/** Writes progress lines to a stream, redrawing in place on a TTY. */
export class ProgressView {
  readonly #out: NodeJS.WriteStream
  #last = ''

  constructor(out: NodeJS.WriteStream) {
    this.#out = out
  }

  update(status: ReplayResponse, elapsedMs: number): void {
    const line = progressLine(status, elapsedMs)
    if (this.#out.isTTY) this.#out.write(`\r${line}\x1b[K`)
    // Plain output: a line only when something changed, so logs are not flooded while waiting.
    else if (line.replace(/ \d+\/s /, ' ') !== this.#last.replace(/ \d+\/s /, ' '))
      this.#out.write(`${line}\n`)
    this.#last = line
  }

  end(): void {
    if (this.#out.isTTY && this.#last !== '') this.#out.write('\n')
  }
}
