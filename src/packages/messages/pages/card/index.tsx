import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CARD_FIELD_LABELS, CARD_FIELDS } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { StateView } from '@/features/listings'
import { useBusinessCard } from '@/features/messages'
import '../conversation/index.scss'

/**
 * 我的名片: every field optional. Nothing here is shown to anyone by itself: a card is sent only into a
 * conversation, with the fields ticked each time. Deleting it takes it back from whoever has not read it.
 */
export default function BusinessCardPage() {
  const session = useSession()
  const card = useBusinessCard()
  const { fields, error } = card

  const save = async () => {
    if (await card.save()) void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除名片',
      content: '删除后，对方尚未读到的名片会一并撤回；已读到的由对方保留。',
      confirmText: '删除',
    })
    if (!confirm) return
    const withdrawn = await card.remove()
    if (withdrawn === null) return
    void Taro.showToast({ title: withdrawn > 0 ? `已删除，撤回 ${withdrawn} 张` : '已删除', icon: 'none' })
  }

  return (
    <AppShell>
      <MemberGate member={session} purpose="编辑名片" className="conversation-page">
        {() =>
          fields ? (
            <View className="conversation-page">
              <View className="conversation-page__composer">
                <Text className="conversation-page__hint">
                  每项都可不填。名片只在你选择发送时、按你勾选的项目发给对方。
                </Text>
                {CARD_FIELDS.map((f) => (
                  <View key={f} className="card-choice">
                    <Text className="card-choice__title">{CARD_FIELD_LABELS[f]}</Text>
                    <Input
                      className="conversation-page__field"
                      value={fields[f]}
                      aria-label={CARD_FIELD_LABELS[f]}
                      placeholder={`${CARD_FIELD_LABELS[f]}（选填）`}
                      type={f === 'phone' ? 'number' : 'text'}
                      maxlength={f === 'company' ? 50 : 30}
                      onInput={(e) => card.edit({ ...fields, [f]: e.detail.value })}
                    />
                  </View>
                ))}
                {error ? <Text className="conversation-page__error">{error.message}</Text> : null}
                <View className="conversation-page__send-row">
                  <Button className="conversation-page__card-button" onClick={() => void remove()}>
                    删除名片
                  </Button>
                  <Button
                    className="conversation-page__send"
                    disabled={card.saving || undefined}
                    onClick={() => void save()}
                  >
                    {card.saving ? '保存中…' : '保存'}
                  </Button>
                </View>
              </View>
            </View>
          ) : (
            <View className="conversation-page">
              {error ? (
                <StateView kind="error" message={error.message} onRetry={() => void card.reload()} />
              ) : (
                <StateView kind="loading" rows={2} />
              )}
            </View>
          )
        }
      </MemberGate>
    </AppShell>
  )
}
