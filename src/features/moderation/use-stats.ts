import { useCallback, useEffect, useRef } from 'react'
import type { ModerationStats } from '@shared/contracts'
import { api } from '@/services/api'
import type { StatsDays } from './stats-model'
import { useConsoleLoaded, type ConsoleLoaded } from './use-console'

export type StatsState = ConsoleLoaded<ModerationStats>

const STATS_DATA = ['moderation', 'listings', 'reports', 'reveals'] as const

/**
 * 数据看板's numbers over the chosen days. Read again when shown after a change to what it counts (a
 * decision, a listing, a report, a reveal), and on pull-to-refresh.
 */
export function useModerationStats(days: StatsDays): StatsState {
  const load = useCallback(() => api.moderation.getStats({ days }), [days])
  const loaded = useConsoleLoaded(load, STATS_DATA)
  // Another window: load it (the first load is useLoaded's own).
  const shownDays = useRef(days)
  const { refresh } = loaded
  useEffect(() => {
    if (shownDays.current === days) return
    shownDays.current = days
    void refresh()
  }, [days, refresh])
  return loaded
}
