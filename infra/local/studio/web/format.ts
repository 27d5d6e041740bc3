/** Formatting helpers for the pages. */

export const ms = (value: number | undefined | null): string =>
  value === undefined || value === null
    ? '–'
    : value < 1000
      ? `${Math.round(value)} ms`
      : `${(value / 1000).toFixed(1)} s`

export const time = (iso: string | number | undefined): string =>
  iso === undefined ? '–' : new Date(iso).toISOString().replace('T', ' ').replace('Z', '')

export const json = (value: unknown): string => JSON.stringify(value, null, 2)

export const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : String(value)
