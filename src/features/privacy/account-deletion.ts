import { useCallback, useEffect, useRef, useState } from 'react'
import * as v from 'valibot'
import Taro from '@tarojs/taro'
import {
  DEFAULT_DELETION_COOLING_OFF_DAYS,
  SmsCodeSchema,
  type AccountDeletionState,
  type RequestAccountDeletionInput,
  type SmsCodeSent,
} from '@shared/contracts'
import { describeLoginError, useSession, type LoginError } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
// Not through the feature's index, which main-package pages import: the proof-of-work solver and the SMS
// form stay in the account subpackage with this page.
import { passHumanCheck } from '@/features/auth/sms-codes'
import { useSmsCodeFields, type SmsCodeFieldsState } from '@/features/auth/use-sms-code-fields'
import { api } from '@/services/api'
import { clearSessionIfToken, currentSession } from '@/services/session'
import { checkPendingDeletion, undoDeletion } from './pending-deletion'

/** How the member proves the account's own number again: a code sent to it, or the platform's authorization. */
export type DeletionProof = v.InferOutput<typeof RequestAccountDeletionInput>
export type ProofMethod = 'sms' | 'wechat' | 'alipay'

/** A code to the account's own number, for confirming the deletion only; the human check first, as for any code. */
export async function sendDeletionCode(): Promise<SmsCodeSent> {
  return api.privacy.sendDeletionCode(await passHumanCheck())
}

/**
 * Submits the deletion. The server has then ended every login of the account (and unbound the WeChat
 * OPENID), so the device forgets its session too — the one it had when the request left.
 */
export async function requestAccountDeletion(proof: DeletionProof): Promise<AccountDeletionState> {
  const session = currentSession()
  const state = await api.privacy.requestAccountDeletion(proof)
  if (session) clearSessionIfToken(session.token)
  return state
}

export interface AccountDeletionView {
  /** The server's answer; null while loading, for a guest, or when it could not be learnt. */
  state: AccountDeletionState | null
  undoing: boolean
  /** 撤销注销 from a banner or the page. */
  undo(): Promise<void>
}

/**
 * The member's deletion state, asked whenever a page that shows it opens (我的, 我的数据, 注销账号): a pending
 * deletion this session was not asked about yet is offered for undoing at once (pending-deletion.ts).
 */
export function useAccountDeletion(): AccountDeletionView {
  const token = useSession()?.token ?? null
  // A member asked to consent again (a material policy change) sends nothing before choosing.
  const allowed = useNetworkAllowed()
  const [state, setState] = useState<AccountDeletionState | null>(null)
  const [undoing, setUndoing] = useState(false)

  useEffect(() => {
    setState(null)
    if (!token || !allowed) return
    let current = true
    void checkPendingDeletion().then((answer) => {
      if (current) setState(answer)
    })
    return () => {
      current = false
    }
  }, [token, allowed])

  const undo = useCallback(async () => {
    if (undoing) return
    setUndoing(true)
    try {
      if (await undoDeletion()) setState({ state: 'none' })
    } finally {
      setUndoing(false)
    }
  }, [undoing])

  return { state, undoing, undo }
}

export interface DeletionRequest {
  fields: SmsCodeFieldsState
  busy: boolean
  /** The refusal of the last attempt, with the way of proving it belonged to. */
  error: { method: ProofMethod; error: LoginError } | null
  /** 「注销账号」 with the SMS code typed. */
  submitCode(): Promise<void>
  /** A platform's authorization (WeChat's getPhoneNumber, Alipay's phone number): `prove` yields the proof. */
  submitProof(method: Exclude<ProofMethod, 'sms'>, prove: () => Promise<DeletionProof>): Promise<void>
}

/**
 * The re-verification and the request: the code checked on the device with the server's own schema, a
 * confirmation 「确定注销账号吗？」 before anything is sent, and each refusal kept with its way of proving
 * (the SMS code's under the code field). `onDone` gets the pending state once the server has it.
 */
export function useDeletionRequest(
  maskedPhone: string,
  onDone: (state: AccountDeletionState) => void,
): DeletionRequest {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<DeletionRequest['error']>(null)
  const smsError = error?.method === 'sms' ? error.error : null
  const clearError = useCallback(() => setError(null), [])
  const fields = useSmsCodeFields({ send: sendDeletionCode, error: smsError, clearError, ownNumber: maskedPhone })
  const running = useRef(false)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const attempt = async (method: ProofMethod, prove: () => Promise<DeletionProof> | DeletionProof) => {
    if (running.current) return
    running.current = true
    setError(null)
    try {
      let proof: DeletionProof
      try {
        proof = await prove()
      } catch (thrown) {
        setError({ method, error: describeLoginError(thrown) })
        return
      }
      if (!(await confirmDeletion())) return
      setBusy(true)
      try {
        onDone(await requestAccountDeletion(proof))
      } catch (thrown) {
        if (mounted.current) setError({ method, error: describeLoginError(thrown) })
      }
    } finally {
      running.current = false
      if (mounted.current) setBusy(false)
    }
  }

  const submitCode = async () => {
    fields.clearSendError()
    const checked = v.safeParse(SmsCodeSchema, fields.code)
    if (!checked.success) {
      setError({ method: 'sms', error: { message: checked.issues[0].message, field: 'code' } })
      return
    }
    await attempt('sms', () => ({ smsCode: checked.output }))
  }

  return { fields, busy, error, submitCode, submitProof: (method, prove) => attempt(method, prove) }
}

async function confirmDeletion(): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '确定注销账号吗？',
    content: `提交后你将立即退出登录，发布的信息停止展示。${DEFAULT_DELETION_COOLING_OFF_DAYS} 天内重新登录可以撤销；之后账号和数据将被永久删除，无法恢复。`,
    confirmText: '确定注销',
    cancelText: '取消',
    confirmColor: '#c5221f',
  })
  return confirm
}
