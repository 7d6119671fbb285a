import { useCallback, useEffect, useRef, useState } from 'react'
import type { ModerationStats } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { useLoaded, type Loaded } from '@/features/privacy/use-loaded'
import { api } from '@/services/api'
import { toApiError } from '@/services/api-error'
import type { StatsDays } from './stats-model'

export interface StatsState extends Loaded<ModerationStats> {
  /** The server refused: the caller has no moderation role. */
  refused: boolean
}

/**
 * 数据看板's numbers over the chosen days. Read again when shown after a change to what it counts (a
 * decision, a listing, a report, a reveal), and on pull-to-refresh.
 */
export function useModerationStats(days: StatsDays): StatsState {
  const session = useSession()
  const [refused, setRefused] = useState(false)
  const load = useCallback(async () => {
    try {
      const stats = await api.moderation.getStats({ days })
      setRefused(false)
      return stats
    } catch (thrown) {
      setRefused(toApiError(thrown).code === 'NOT_ALLOWED')
      throw thrown
    }
  }, [days])
  const loaded = useLoaded(load, session !== null, ['moderation', 'listings', 'reports', 'reveals'])
  // Another window: load it (the first load is useLoaded's own).
  const shownDays = useRef(days)
  const { refresh } = loaded
  useEffect(() => {
    if (shownDays.current === days) return
    shownDays.current = days
    void refresh()
  }, [days, refresh])
  return { ...loaded, refused }
}
