import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
// Not through the listings feature's index, whose routes import this feature's index.
import { StateView, type StateViewProps } from '@/features/listings/components/StateView'
import { ensureLoggedIn } from '../../login-flow'

export interface MemberGateProps<M> {
  /** The member's own data (the session, a profile…); a guest (null) is asked to log in. */
  member: M | null | undefined
  /** What logging in is for, as in 「登录后查看收藏」: the prompt's title and the reason `ensureLoggedIn` shows. */
  purpose: string
  /** The prompt's title when 「登录后{purpose}」 does not read well. */
  loginTitle?: string
  /** The class of the page around a state (the content brings its own). */
  className: string
  /** Loading, error or empty (`listState` makes one for a list), shown instead of the content; null for none. */
  state?: StateViewProps | null
  children: (member: M) => ReactNode
}

/**
 * The ladder every member page climbs before its content: no session → 「登录」, then the page's own
 * loading / error (with 重试) / empty state, then the content, given the member.
 */
export function MemberGate<M>({ member, purpose, loginTitle, className, state, children }: MemberGateProps<M>) {
  if (member === null || member === undefined) {
    return (
      <View className={className}>
        <StateView
          kind="empty"
          title={loginTitle ?? `登录后${purpose}`}
          actionText="登录"
          onAction={() => void ensureLoggedIn(purpose)}
        />
      </View>
    )
  }
  if (state) {
    return (
      <View className={className}>
        <StateView {...state} />
      </View>
    )
  }
  return <>{children(member)}</>
}
