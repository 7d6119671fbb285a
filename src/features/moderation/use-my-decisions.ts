import { useCallback, useState } from 'react'
import type { MyDecision, PublicPenalty } from '@shared/contracts'
import { useNetworkAllowed } from '@/features/consent'
import { usePagedList, type PagedList } from '@/features/mine/paged-list'
import { useCursorPages, type CursorPages } from '@/features/paging'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

export interface MyDecisions extends PagedList<MyDecision> {
  /** The decision an appeal is being sent for. */
  appealing: string | null
  appealError: (ApiError & { decisionId: string }) | null
  appeal(decisionId: string, text: string): Promise<boolean>
}

/** 处理记录: what moderators (or the content check) decided about the member's content and account. */
export function useMyDecisions(): MyDecisions {
  const list = usePagedList<MyDecision>((cursor) => api.moderation.listMyDecisions({ cursor }), 'decisions', [
    'moderation',
  ])
  const [appealing, setAppealing] = useState<string | null>(null)
  const [appealError, setAppealError] = useState<MyDecisions['appealError']>(null)
  const { refresh } = list

  const appeal = useCallback(
    async (decisionId: string, text: string) => {
      setAppealing(decisionId)
      setAppealError(null)
      try {
        await api.moderation.appeal({ decisionId, text })
        await refresh()
        return true
      } catch (thrown) {
        setAppealError(Object.assign(toApiError(thrown), { decisionId }))
        return false
      } finally {
        setAppealing(null)
      }
    },
    [refresh],
  )

  return { ...list, appealing, appealError, appeal }
}

/** 处罚公示: account bans, masked account, rule and date only. Anyone may read it, a guest too. */
export function usePublicPenalties(): CursorPages<PublicPenalty> {
  const allowed = useNetworkAllowed()
  return useCursorPages((cursor) => api.moderation.listPublicPenalties({ cursor }), {
    enabled: allowed,
    key: 'public-penalties',
  })
}
