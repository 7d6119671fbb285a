import { useCallback, useState } from 'react'
import { toApiError, type ApiError } from '@/services/api-error'

export interface Attempts {
  /** What an action is running for (an item's id), to show its buttons as busy. */
  busyId: string | null
  /** The last refused action, with what it was for. */
  actionError: (ApiError & { targetId: string }) | null
  /**
   * Runs `call` for `targetId`; afterwards the list is read again (`reload`), and on a refusal too when
   * it says the list is out of date (someone else changed the item meanwhile). Resolves whether it worked.
   */
  attempt(targetId: string, call: () => Promise<unknown>, reload?: boolean): Promise<boolean>
}

/** One console action at a time on a list the server owns, and its refusal shown beside its item. */
export function useAttempts(refresh: () => Promise<void>): Attempts {
  const [busyId, setBusyId] = useState<string | null>(null)
  const [actionError, setActionError] = useState<Attempts['actionError']>(null)

  const attempt = useCallback(
    async (targetId: string, call: () => Promise<unknown>, reload = true) => {
      setBusyId(targetId)
      setActionError(null)
      try {
        await call()
        if (reload) await refresh()
        return true
      } catch (thrown) {
        const error = toApiError(thrown)
        setActionError(Object.assign(error, { targetId }))
        if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') void refresh()
        return false
      } finally {
        setBusyId(null)
      }
    },
    [refresh],
  )

  return { busyId, actionError, attempt }
}
