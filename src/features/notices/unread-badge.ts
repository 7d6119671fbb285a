import { useCallback, useEffect, useSyncExternalStore } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { useSession } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { api } from '@/services/api'
import { currentSession } from '@/services/session'

/** 消息's place in app.config.ts's tabBar list. */
export const MESSAGES_TAB_INDEX = 2

let unread = 0
const listeners = new Set<() => void>()
let inFlight: Promise<void> | null = null

function publish(count: number): void {
  unread = count
  for (const listener of listeners) listener()
  // Not awaited: WeChat refuses both on a page that is not a tab page, and Taro's H5 tab bar answers only
  // once it is drawn. The badge is a hint; the count on the page is what it says.
  const ignore = () => undefined
  if (count > 0)
    void Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text: count > 99 ? '99+' : String(count) }).catch(ignore)
  else void Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX }).catch(ignore)
}

/** The unread count as the badge shows it (0 for a guest). */
export function unreadCount(): number {
  return unread
}

/**
 * Asks the server for the unread count and puts it on 消息's badge (a guest's badge is removed). One
 * request at a time: a show and a login landing together share it. A failure keeps the last badge.
 */
export function refreshUnread(): Promise<void> {
  if (!currentSession()) {
    publish(0)
    return Promise.resolve()
  }
  if (inFlight) return inFlight
  inFlight = api.notices
    .countUnread()
    .then(
      (answer) => publish(answer.unread),
      () => undefined,
    )
    .finally(() => {
      inFlight = null
    })
  return inFlight
}

/** After marking read here: the badge follows the page's own count without asking again. */
export function setUnread(count: number): void {
  publish(Math.max(0, count))
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/**
 * For the tab pages: 消息's badge refreshed whenever the page shows, and when the member (or the consent
 * to use the network) changes. Returns the count and the refresh, for pull-down.
 */
export function useUnreadBadge(): { unread: number; refresh(): Promise<void> } {
  const allowed = useNetworkAllowed()
  const userId = useSession()?.profile.userId ?? null
  const count = useSyncExternalStore(subscribe, unreadCount, unreadCount)
  const refresh = useCallback(() => (allowed ? refreshUnread() : Promise.resolve()), [allowed])

  useEffect(() => {
    void refresh()
  }, [refresh, userId])

  useDidShow(() => {
    void refresh()
  })

  return { unread: userId ? count : 0, refresh }
}
