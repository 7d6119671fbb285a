import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { NoticePreference } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
// Not through the notices feature's index, which the tab pages import: this page's hook stays here.
import { useNoticePreferences } from '@/features/notices/use-notice-preferences'
import './index.scss'

/**
 * 消息设置: each kind of notice with its switch. Service kinds (decisions, penalties, incident notices…) are
 * shown switched on and locked, with the reason. On WeChat a kind with a subscription-message template has
 * 「订阅微信提醒」: one tap, one agreement, one message outside the app for the next notice of that kind.
 */
export default function NoticeSettingsPage() {
  const session = useSession()
  const settings = useNoticePreferences()

  usePullDownRefresh(async () => {
    try {
      await settings.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  const state = settings.preferences
    ? null
    : settings.error
      ? { kind: 'error' as const, message: settings.error, onRetry: () => void settings.refresh() }
      : { kind: 'loading' as const, rows: 3 }

  const subscribe = async (kind: NoticePreference['kind']) => {
    const accepted = await settings.subscribe([kind])
    void Taro.showToast({ title: accepted > 0 ? '已订阅一次提醒' : '未订阅', icon: accepted > 0 ? 'success' : 'none' })
  }

  return (
    <AppShell>
      <MemberGate member={session} purpose="管理消息设置" className="notice-settings" state={state}>
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    const preferences = settings.preferences ?? []
    return (
      <View className="notice-settings">
        <Text className="notice-settings__intro">
          关闭某类通知后，它不会再出现在「消息」中。涉及你的权利和账号安全的服务通知不能关闭。
          {settings.canSubscribe ? '订阅微信提醒后，下一条同类通知也会以微信服务通知送达（每次订阅送达一次）。' : ''}
        </Text>
        <View className="notice-settings__card">{preferences.map(renderKind)}</View>
      </View>
    )
  }

  function renderKind(p: NoticePreference) {
    const busy = settings.busy === p.kind
    const error = settings.actionError?.kind === p.kind ? settings.actionError.message : null
    const on = p.enabled
    return (
      <View key={p.kind} className={`notice-kind notice-kind--${p.kind}${p.locked ? ' notice-kind--locked' : ''}`}>
        <View className="notice-kind__row">
          <View className="notice-kind__text">
            <Text className="notice-kind__label">{p.label}</Text>
            {p.locked ? <Text className="notice-kind__reason">不能关闭：{p.reason}</Text> : null}
          </View>
          <View
            className={`notice-kind__switch${on ? ' notice-kind__switch--on' : ''}${p.locked ? ' notice-kind__switch--disabled' : ''}`}
            role="switch"
            aria-checked={on}
            aria-disabled={p.locked || busy}
            aria-label={p.label}
            onClick={() => void (p.locked || busy ? undefined : settings.setEnabled(p.kind, !on))}
          >
            <View className="notice-kind__knob" />
          </View>
        </View>
        {settings.canSubscribe && p.templateId && on ? (
          <View className="notice-kind__subscribe-row">
            <Text className="notice-kind__pushes">
              {p.pushesLeft > 0 ? `已订阅 ${p.pushesLeft} 次微信提醒` : '未订阅微信提醒'}
            </Text>
            <Button
              className="notice-kind__subscribe"
              // Calls requestSubscribeMessage in this tap's own turn, as WeChat requires.
              onClick={() => void subscribe(p.kind)}
              disabled={busy || undefined}
            >
              订阅微信提醒
            </Button>
          </View>
        ) : null}
        {error ? <Text className="notice-kind__error">{error}</Text> : null}
      </View>
    )
  }
}
