import type { MyReport } from '@shared/contracts'
import { api } from '@/services/api'
import { usePagedList, type PagedList } from './paged-list'

/** 我的举报: every report the member made, newest first, with where it stands and the outcome once resolved. */
export function useMyReports(): PagedList<MyReport> {
  return usePagedList<MyReport>((cursor) => api.interactions.listMyReports({ cursor }), 'reports')
}
