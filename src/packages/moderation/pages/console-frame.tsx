import type { ReactNode } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import type { StateViewProps } from '@/features/listings'
import type { ConsoleLoaded } from '@/features/moderation'
import { refusedState } from './refused'

interface ConsoleFrameProps {
  /** What logging in is for (「登录后{purpose}」). */
  purpose: string
  loaded: ConsoleLoaded<unknown>
  /** Whether the frame shows the first load's skeleton and error itself (else the page does, under its own controls). */
  untilLoaded: boolean
  children: () => ReactNode
}

/**
 * A console page that shows one answer from the server: a guest is asked to log in, a member without a
 * role is told the page is not theirs, pull-to-refresh reads it again.
 */
export function ConsoleFrame({ purpose, loaded, untilLoaded, children }: ConsoleFrameProps) {
  const session = useSession()

  usePullDownRefresh(async () => {
    try {
      await loaded.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  return (
    <AppShell>
      <MemberGate member={session} purpose={purpose} className="moderation-page" state={gateState()}>
        {children}
      </MemberGate>
    </AppShell>
  )

  function gateState(): StateViewProps | null {
    if (loaded.refused) return refusedState({ code: 'NOT_ALLOWED' })
    if (!untilLoaded || loaded.data) return null
    if (loaded.error) return { kind: 'error', message: loaded.error, onRetry: () => void loaded.refresh() }
    return loaded.loading ? { kind: 'loading', rows: 3 } : null
  }
}
