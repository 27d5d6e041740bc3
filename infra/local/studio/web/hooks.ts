/** Small hooks shared by the pages: polling a read, and running an action with its error. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

/** Calls `load` now and every `ms` (while the page shows), keeping the last value and error. */
export function usePoll<T>(load: () => Promise<T>, ms: number, deps: unknown[] = []) {
  const [value, setValue] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const loadRef = useRef(load)
  loadRef.current = load
  const refresh = useCallback(async () => {
    try {
      setValue(await loadRef.current())
      setError(undefined)
    } catch (e) {
      setError((e as Error).message)
    }
  }, [])
  useEffect(() => {
    void refresh()
    if (ms <= 0) return
    const timer = setInterval(() => void refresh(), ms)
    return () => clearInterval(timer)
  }, deps)
  return { value, error, refresh }
}
