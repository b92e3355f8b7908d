/** Calls `load` now and then every `ms` while mounted (one call in flight at a time). */
import { useEffect, useRef } from 'react'

export function usePolling(load: () => Promise<void>, ms: number, deps: readonly unknown[]): void {
  const latest = useRef(load)
  latest.current = load
  useEffect(() => {
    let stopped = false
    let timer = 0
    const tick = async () => {
      try {
        await latest.current()
      } catch {
        // The loader shows its own errors; polling goes on.
      }
      if (!stopped) timer = window.setTimeout(tick, ms)
    }
    void tick()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [ms, ...deps])
}
