import { useCallback, useEffect, useRef, useState } from 'react'
import { CARD_FIELDS, type CardField } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

export interface CardOffer {
  /** A member is logged in: 「同时发送我的名片」 is offered. */
  available: boolean
  /** 「同时发送我的名片」 is ticked. */
  on: boolean
  /** The filled fields of the member's card; null while it loads, empty when there is no card. */
  fields: Array<{ field: CardField; value: string }> | null
  /** The fields ticked to send (each its own choice); none until the member ticks them. */
  chosen: CardField[]
  error: ApiError | null
  toggle(): void
  toggleField(field: CardField): void
}

/**
 * The 名片 a member may send with a contact reveal. The card is read only when they tick 「同时发送我的名片」,
 * so a detail page costs no extra request; no field is ticked for them.
 */
export function useCardOffer(): CardOffer {
  const userId = useSession()?.profile.userId ?? null
  const [on, setOn] = useState(false)
  const [fields, setFields] = useState<CardOffer['fields']>(null)
  const [chosen, setChosen] = useState<CardField[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  // Another member on this device starts afresh.
  useEffect(() => {
    setOn(false)
    setFields(null)
    setChosen([])
  }, [userId])

  const load = useCallback(async () => {
    setError(null)
    try {
      const card = await api.messages.getMyCard()
      if (!mounted.current) return
      setFields(card ? CARD_FIELDS.filter((f) => card[f].length > 0).map((f) => ({ field: f, value: card[f] })) : [])
    } catch (thrown) {
      if (mounted.current) setError(toApiError(thrown))
    }
  }, [])

  const toggle = useCallback(() => {
    setOn((was) => {
      if (!was) void load()
      return !was
    })
    setChosen([])
  }, [load])

  const toggleField = useCallback((field: CardField) => {
    setChosen((now) => (now.includes(field) ? now.filter((f) => f !== field) : [...now, field]))
  }, [])

  return { available: userId !== null, on, fields, chosen: on ? chosen : [], error, toggle, toggleField }
}
