import type { MyReport } from '@shared/contracts'
import { api } from '@/services/api'
import { usePagedList, type PagedList } from './paged-list'

/** 我的举报: every report the member made, newest first, with where it stands and the outcome once resolved. */
export function useMyReports(): PagedList<MyReport> {
  // No kinds: 我的举报 asks again every time it shows (a moderator's outcome changes it, not the member).
  return usePagedList<MyReport>((cursor) => api.interactions.listMyReports({ cursor }), 'reports', [])
}
