import { useCallback, useEffect, useState } from 'react'
import type { BusinessCard, CardField } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

export type CardFields = Record<CardField, string>
const EMPTY: CardFields = { name: '', company: '', title: '', phone: '', wechat: '' }

export interface BusinessCardState {
  /** The card's fields ('' where not filled in); null until loaded. */
  fields: CardFields | null
  error: ApiError | null
  saving: boolean
  reload(): Promise<void>
  edit(fields: CardFields): void
  save(): Promise<boolean>
  /** Deletes the card; answers how many sent cards were taken back, or null when it failed. */
  remove(): Promise<number | null>
}

const toFields = (card: BusinessCard | null): CardFields => {
  if (!card) return EMPTY
  const { name, company, title, phone, wechat } = card
  return { name, company, title, phone, wechat }
}

/** The member's own business card (我的名片, and the fields a conversation offers to send). */
export function useBusinessCard(): BusinessCardState {
  const userId = useSession()?.profile.userId ?? null
  const [fields, setFields] = useState<CardFields | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)

  const reload = useCallback(async () => {
    if (!userId) return
    setFields(null)
    setError(null)
    try {
      setFields(toFields(await api.messages.getMyCard()))
    } catch (e) {
      setError(toApiError(e))
    }
  }, [userId])

  useEffect(() => {
    void reload()
  }, [reload])

  const save = useCallback(async () => {
    if (!fields) return false
    setSaving(true)
    setError(null)
    try {
      setFields(toFields(await api.messages.saveMyCard(fields)))
      return true
    } catch (e) {
      setError(toApiError(e))
      return false
    } finally {
      setSaving(false)
    }
  }, [fields])

  const remove = useCallback(async () => {
    setError(null)
    try {
      const { withdrawn } = await api.messages.deleteMyCard()
      setFields(EMPTY)
      return withdrawn
    } catch (e) {
      setError(toApiError(e))
      return null
    }
  }, [])

  return { fields, error, saving, reload, edit: setFields, save, remove }
}
