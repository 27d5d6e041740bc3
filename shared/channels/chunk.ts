/** Limits of one batch call. */
export interface ChunkLimits {
  maxEntries: number
  maxBytes: number
}

/** Items split into calls, by position in the input; `oversize` items fit in no call at all. */
export interface Chunks {
  chunks: number[][]
  oversize: number[]
}

/**
 * Splits sized items, in order, into chunks of at most `maxEntries` items and `maxBytes` total.
 * Greedy and order-preserving (FIFO needs the order kept): each chunk is filled until the next item
 * would break a limit. An item bigger than `maxBytes` on its own is set aside in `oversize`.
 * Written by hand: it is ten lines and no library chunks by two limits at once.
 */
export function chunkBySize(sizes: readonly number[], limits: ChunkLimits): Chunks {
  const chunks: number[][] = []
  const oversize: number[] = []
  let current: number[] = []
  let bytes = 0
  sizes.forEach((size, index) => {
    if (size > limits.maxBytes) {
      oversize.push(index)
      return
    }
    if (current.length === limits.maxEntries || bytes + size > limits.maxBytes) {
      chunks.push(current)
      current = []
      bytes = 0
    }
    current.push(index)
    bytes += size
  })
  if (current.length > 0) chunks.push(current)
  return { chunks, oversize }
}
