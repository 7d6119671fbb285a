import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { formatDate, listState, StateView } from '@/features/listings'
import { usePublicPenalties } from '@/features/moderation/use-my-decisions'
import { control } from '@/platform/control-role'
import '../privacy.scss'
import './index.scss'

/**
 * 处罚公示: accounts banned for breaking the platform rules, with only what disclosure needs — the masked
 * account, the rule and the date. Open to everyone, guests included.
 */
export default function PublicPenaltiesPage() {
  const penalties = usePublicPenalties()

  usePullDownRefresh(async () => {
    try {
      await penalties.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void penalties.loadMore()
  })

  const state = listState(penalties, { title: '暂无处罚公示', hint: '因严重违反平台规则被封禁的账号会在这里公示。' })

  return (
    <AppShell>
      <View className="privacy-page penalties-page">
        <View className="privacy-page__card">
          <Text className="privacy-page__heading">处罚公示</Text>
          <Text className="privacy-page__intro">
            因违反平台规则被封禁的账号。只公示打码后的账号、所违反的规则和日期，不公开其他信息。规则全文见《用户协议》。
          </Text>
        </View>
        {state ? (
          <StateView {...state} />
        ) : (
          <View className="privacy-page__card">
            {penalties.items.map((p, i) => (
              <View key={`${p.account}-${p.at}-${i}`} className="privacy-page__item penalties-page__item">
                <View className="privacy-page__item-head">
                  <Text className="privacy-page__item-name penalties-page__account">{p.account}</Text>
                  <Text className="penalties-page__date">{formatDate(p.at)}</Text>
                </View>
                <Text className="privacy-page__line penalties-page__rule">
                  违反规则 {p.rule.id}「{p.rule.title}」
                </Text>
              </View>
            ))}
            <View
              {...control('button')}
              className="penalties-page__footer"
              onClick={() => void (penalties.error ? penalties.retry() : penalties.loadMore())}
            >
              {penalties.error
                ? '加载失败，点击重试'
                : penalties.loadingMore
                  ? '加载中…'
                  : penalties.hasMore
                    ? '加载更多'
                    : '没有更多了'}
            </View>
          </View>
        )}
      </View>
    </AppShell>
  )
}
