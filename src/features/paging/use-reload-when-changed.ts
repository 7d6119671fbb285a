import { useMemo, useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import { changedSince, dataClock, type DataKind } from '@/services/data-changes'

export interface ReloadWhenChanged {
  /** Call when a load starts: what changed before this moment is in the answer. */
  markLoaded(): void
}

/**
 * A page's data, reloaded when the page is shown again (back from another page, a tab switched to) and a
 * kind of data it shows changed since it last loaded: the one way every page stays fresh after the
 * member's own actions elsewhere. `shows` undefined or empty: never reloaded this way.
 */
export function useReloadWhenChanged(shows: readonly DataKind[] | undefined, reload: () => unknown): ReloadWhenChanged {
  const loadedAt = useRef(dataClock())
  const reloadRef = useRef(reload)
  reloadRef.current = reload
  const showsRef = useRef(shows)
  showsRef.current = shows

  useDidShow(() => {
    const kinds = showsRef.current
    if (!kinds || !changedSince(kinds, loadedAt.current)) return
    loadedAt.current = dataClock()
    void reloadRef.current()
  })

  // The same object on every render, so a load callback may depend on it.
  return useMemo(
    () => ({
      markLoaded() {
        loadedAt.current = dataClock()
      },
    }),
    [],
  )
}
