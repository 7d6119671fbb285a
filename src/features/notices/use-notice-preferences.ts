import { useCallback, useState } from 'react'
import type { NoticeKind, NoticePreference } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { useLoaded } from '@/features/privacy/use-loaded'
import { requestSubscriptions, subscriptionsSupported } from '@/platform/subscribe-messages'
import { api } from '@/services/api'
import { toApiError } from '@/services/api-error'

export interface NoticePreferences {
  preferences: NoticePreference[] | null
  loading: boolean
  error: string | null
  refresh(): Promise<void>
  /** The kind being saved or subscribed. */
  busy: NoticeKind | null
  actionError: (ReturnType<typeof toApiError> & { kind: NoticeKind }) | null
  setEnabled(kind: NoticeKind, enabled: boolean): Promise<boolean>
  /** WeChat only: the subscription-message button is shown for kinds with a template. */
  canSubscribe: boolean
  /**
   * From the tap itself (WeChat shows its dialog only then): asks WeChat for the kinds' templates (at most
   * 3), then tells the server which ones the member accepted. Answers how many were accepted.
   */
  subscribe(kinds: NoticeKind[]): Promise<number>
}

export function useNoticePreferences(): NoticePreferences {
  const session = useSession()
  const loaded = useLoaded(() => api.notices.getPreferences(), session !== null)
  const [saved, setSaved] = useState<NoticePreference[] | null>(null)
  const [busy, setBusy] = useState<NoticeKind | null>(null)
  const [actionError, setActionError] = useState<NoticePreferences['actionError']>(null)
  const preferences = saved ?? loaded.data
  const { refresh: reload } = loaded

  const refresh = useCallback(async () => {
    setSaved(null)
    await reload()
  }, [reload])

  const setEnabled = useCallback(async (kind: NoticeKind, enabled: boolean) => {
    setBusy(kind)
    setActionError(null)
    try {
      setSaved(await api.notices.setPreferences({ kind, enabled }))
      return true
    } catch (thrown) {
      setActionError(Object.assign(toApiError(thrown), { kind }))
      return false
    } finally {
      setBusy(null)
    }
  }, [])

  const subscribe = useCallback(
    async (kinds: NoticeKind[]) => {
      const asked = (preferences ?? []).filter((p) => kinds.includes(p.kind) && p.templateId).slice(0, 3)
      if (asked.length === 0) return 0
      // Before anything else is awaited: WeChat accepts the request only inside the tap's own turn.
      const answers = requestSubscriptions(asked.map((p) => p.templateId as string))
      setBusy(asked[0].kind)
      setActionError(null)
      try {
        const accepted = await answers
        const chosen = asked.filter((p) => accepted.includes(p.templateId as string)).map((p) => p.kind)
        if (chosen.length > 0) setSaved(await api.notices.acceptSubscriptions({ kinds: chosen }))
        return chosen.length
      } catch (thrown) {
        setActionError(Object.assign(toApiError(thrown), { kind: asked[0].kind }))
        return 0
      } finally {
        setBusy(null)
      }
    },
    [preferences],
  )

  return {
    preferences,
    loading: loaded.loading,
    error: loaded.error,
    refresh,
    busy,
    actionError,
    setEnabled,
    canSubscribe: subscriptionsSupported,
    subscribe,
  }
}
