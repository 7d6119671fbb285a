import { Text, View } from '@tarojs/components'
import { control } from '@/platform/control-role'
import './index.scss'

export type StateViewProps =
  | { kind: 'loading'; rows?: number }
  | { kind: 'empty'; title: string; hint?: string; actionText?: string; onAction?: () => void }
  | { kind: 'error'; title?: string; message: string; onRetry: () => void }

export type EmptyState = Omit<Extract<StateViewProps, { kind: 'empty' }>, 'kind'>

/** What `listState` needs of a list: a cursor-paged one (my listings, favourites, reveal log) has it all. */
export interface ListProgress {
  loading: boolean
  items: readonly unknown[]
  error: { message: string } | null
  retry: () => unknown
}

/**
 * The state a list shows instead of its items: skeletons while the first page loads, then — with no
 * items — the error (with 重试) or `empty`; null once there is something to show. An error with items
 * already shown is the list's own footer's business.
 */
export function listState(list: ListProgress, empty: EmptyState, rows?: number): StateViewProps | null {
  if (list.loading) return { kind: 'loading', rows }
  if (list.items.length > 0) return null
  if (list.error) return { kind: 'error', message: list.error.message, onRetry: () => void list.retry() }
  return { kind: 'empty', ...empty }
}

/** The three states a list or a detail shows before (or instead of) content. */
export function StateView(props: StateViewProps) {
  if (props.kind === 'loading') {
    return (
      <View className="state-view state-view--loading" aria-busy="true">
        {Array.from({ length: props.rows ?? 3 }, (_, i) => (
          <View key={i} className="state-view__skeleton">
            <View className="state-view__bar state-view__bar--title" />
            <View className="state-view__bar" />
            <View className="state-view__bar state-view__bar--short" />
          </View>
        ))}
      </View>
    )
  }
  if (props.kind === 'empty') {
    return (
      <View className="state-view state-view--empty">
        <View className="state-view__icon state-view__icon--empty" />
        <Text className="state-view__title">{props.title}</Text>
        {props.hint ? <Text className="state-view__hint">{props.hint}</Text> : null}
        {props.actionText && props.onAction ? (
          <View
            {...control('button')}
            className="state-view__action"
            hoverClass="state-view__action--pressed"
            onClick={props.onAction}
          >
            {props.actionText}
          </View>
        ) : null}
      </View>
    )
  }
  return (
    <View className="state-view state-view--error">
      <View className="state-view__icon state-view__icon--error" />
      <Text className="state-view__title">{props.title ?? '加载失败'}</Text>
      <Text className="state-view__hint">{props.message}</Text>
      <View
        {...control('button')}
        className="state-view__action"
        hoverClass="state-view__action--pressed"
        onClick={props.onRetry}
      >
        重试
      </View>
    </View>
  )
}
