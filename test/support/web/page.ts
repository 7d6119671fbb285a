import { Current, getPageInstance } from '@tarojs/runtime'

/**
 * Page lifecycle from the outside, as the platform drives it. A page rendered on its own (no Taro page
 * wrapper) registers its hooks (usePullDownRefresh, useReachBottom, useShareAppMessage …) on the
 * fallback instance `taro-app`; the platform would call exactly these.
 */
type Lifecycle =
  | 'onPullDownRefresh'
  | 'onReachBottom'
  | 'onShareAppMessage'
  | 'onShareTimeline'
  // useDidShow's handlers: the platform calls them each time the page is shown again.
  | 'componentDidShow'

export function pageHandlers(lifecycle: Lifecycle): Array<(...args: unknown[]) => unknown> {
  const instance = getPageInstance('taro-app') as unknown as Record<string, unknown> | undefined
  const registered = instance?.[lifecycle]
  if (typeof registered === 'function') return [registered as (...args: unknown[]) => unknown]
  return Array.isArray(registered) ? (registered as Array<(...args: unknown[]) => unknown>) : []
}

/** Fires a page event the way the platform does; returns what the handlers returned. */
export function firePageEvent(lifecycle: Lifecycle, ...args: unknown[]): unknown[] {
  const handlers = pageHandlers(lifecycle)
  if (handlers.length === 0) throw new Error(`the page registered no ${lifecycle} handler`)
  return handlers.map((handler) => handler(...args))
}

/** The route a page is opened with, as `useRouter()` reads it. */
export function openRoute(path: string, params: Record<string, string> = {}): void {
  Current.router = { params, path, $taroPath: path, onReady: '', onHide: '', onShow: '' }
}
