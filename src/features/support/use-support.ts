import { useCallback, useState } from 'react'
import type { InputOf, MyRequest, QueueRequest, RequestState, supportContract } from '@shared/contracts'
import { usePagedList, type PagedList } from '@/features/mine/paged-list'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

export type RequestDraft = InputOf<(typeof supportContract)['submitRequest']>
export type AnswerDraft = InputOf<(typeof supportContract)['answerRequest']>

export interface SubmitRequestState {
  submitting: boolean
  error: ApiError | null
  /** Sends the request; answers its due date, or null when refused (the error says which field). */
  submit(draft: RequestDraft): Promise<{ id: string; dueAt: number } | null>
}

/** Sending feedback, a complaint or a privacy request: a guest may too. */
export function useSubmitRequest(): SubmitRequestState {
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const submit = useCallback(async (draft: RequestDraft) => {
    setSubmitting(true)
    setError(null)
    try {
      return await api.support.submitRequest(draft)
    } catch (e) {
      setError(toApiError(e))
      return null
    } finally {
      setSubmitting(false)
    }
  }, [])
  return { submitting, error, submit }
}

/** 我的请求: the member's requests, newest first, with their state and answer. */
export function useMyRequests(): PagedList<MyRequest> {
  return usePagedList<MyRequest>((cursor) => api.support.listMyRequests({ cursor }), 'my-requests', ['requests'])
}

export interface RequestQueueState extends PagedList<QueueRequest> {
  /** The request being answered now. */
  busyId: string | null
  answerError: (ApiError & { requestId: string }) | null
  answer(draft: AnswerDraft): Promise<boolean>
}

/** The operators' queue of one state: the earliest due first while open. */
export function useRequestQueue(state: RequestState): RequestQueueState {
  const list = usePagedList<QueueRequest>(
    (cursor) => api.support.listRequests({ state, cursor }),
    `requests:${state}`,
    ['requests'],
  )
  const [busyId, setBusyId] = useState<string | null>(null)
  const [answerError, setAnswerError] = useState<RequestQueueState['answerError']>(null)
  const { refresh } = list
  const answer = useCallback(
    async (draft: AnswerDraft) => {
      setBusyId(draft.requestId)
      setAnswerError(null)
      try {
        await api.support.answerRequest(draft)
        await refresh()
        return true
      } catch (e) {
        const error = toApiError(e)
        setAnswerError(Object.assign(error, { requestId: draft.requestId }))
        // Answered by someone else meanwhile: the queue is out of date.
        if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') void refresh()
        return false
      } finally {
        setBusyId(null)
      }
    },
    [refresh],
  )
  return { ...list, busyId, answerError, answer }
}
