/**
 * Stream sequence numbers: strictly increasing decimal strings of a fixed 21 digits (AWS's are 21+
 * digits too). The fixed width makes string order equal numeric order, so LevelDB keys sort by it.
 */
const WIDTH = 21
const BASE = 10n ** BigInt(WIDTH - 1)

/** Position before every record: an exclusive lower bound below any real sequence number. */
export const BEFORE_FIRST = '0'.repeat(WIDTH)

/** The sequence number of the n-th record ever written by this engine (n ≥ 1). */
export function formatSequence(n: bigint): string {
  return (BASE + n).toString()
}

/** The counter behind a sequence number, or undefined when it is not one of ours. */
export function parseSequence(value: string): bigint | undefined {
  if (!/^\d{21}$/.test(value)) return undefined
  const n = BigInt(value) - BASE
  return n >= 0n ? n : undefined
}

/** The number just before `value` (so "at X" becomes "after X - 1"). */
export function previousSequence(value: string): string {
  const n = parseSequence(value)
  return n === undefined || n <= 0n ? BEFORE_FIRST : formatSequence(n - 1n)
}
