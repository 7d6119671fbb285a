import Taro from '@tarojs/taro'
import type { AccountDeletionState } from '@shared/contracts'
import { api } from '@/services/api'
import { toApiError } from '@/services/api-error'
import { currentSession } from '@/services/session'

/**
 * A pending account deletion, offered for undoing after a login (auth's `finishLogin` calls
 * `checkPendingDeletion`) and when 我的 or 我的数据 opens. In the main package because every login can be
 * the one that finds it, so it imports nothing but the api client: the rest of account deletion (the page,
 * the re-verification) lives in the account subpackage.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** 2026-12-08: the day `at` falls on in China time (UTC+8, no daylight saving), whatever the device's zone. */
export function chinaDate(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The checks under way, by session token: a login and the page it happened on ask once between them. */
const checking = new Map<string, Promise<AccountDeletionState | null>>()
/** Sessions whose pending deletion was already offered: 「暂不」 is not asked again on every page. */
const offered = new Set<string>()

/**
 * Asks the server whether the member's account is pending deletion; if so, and this session was not asked
 * yet, offers 「撤销注销」. Resolves with the state after that (none once undone), or null when it could not
 * be learnt (a guest, offline); never throws. Promise chains rather than async functions: in the main
 * package, and the mini-program builds turn each async function into a generator state machine.
 */
export function checkPendingDeletion(): Promise<AccountDeletionState | null> {
  const session = currentSession()
  if (!session) return Promise.resolve(null)
  const { token } = session
  const running = checking.get(token)
  if (running) return running
  const check = api.privacy
    .getAccountDeletion({})
    .then((state): AccountDeletionState | Promise<AccountDeletionState> => {
      if (state.state !== 'pending' || offered.has(token)) return state
      offered.add(token)
      return offerUndo(state).then((undone) => (undone ? { state: 'none' } : state))
    })
    .catch(() => null)
    .finally(() => checking.delete(token))
  checking.set(token, check)
  return check
}

/** The modal 「账号将于 X 注销」 with 「撤销注销」 / 「暂不」; true when the deletion was undone. */
function offerUndo(state: AccountDeletionState): Promise<boolean> {
  return Taro.showModal({
    title: `账号将于 ${chinaDate(state.purgeAt ?? Date.now())} 注销`,
    content: '撤销后，账号和你发布的信息恢复原状；不撤销，到期后账号和数据将被永久删除。',
    confirmText: '撤销注销',
    cancelText: '暂不',
  }).then(({ confirm }) => (confirm ? undoDeletion() : false))
}

/** 撤销注销: the account and its listings are back; a toast says so, a refusal is shown. True when undone. */
export function undoDeletion(): Promise<boolean> {
  return api.privacy.cancelAccountDeletion({}).then(
    () => {
      void Taro.showToast({ title: '已撤销', icon: 'success' })
      return true
    },
    (thrown: unknown) => {
      const { message } = toApiError(thrown)
      void Taro.showModal({ title: '未能撤销注销', content: message, showCancel: false, confirmText: '知道了' })
      return false
    },
  )
}
