import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { clearBrowseHistory, forgetBrowse, useBrowseHistory } from '@/features/history'
import { formatPostedTime, formatRegion, openListing, StateView } from '@/features/listings'
import { control } from '@/platform/control-role'
import '../mine.scss'

/** 浏览记录: kept on this device only (never sent to the server), so no login is needed to see or clear it. */
export default function BrowseHistoryPage() {
  const history = useBrowseHistory()
  const now = Date.now()

  const clearAll = async () => {
    const { confirm } = await Taro.showModal({
      title: '清空浏览记录',
      content: '浏览记录只保存在本机。清空后无法恢复，确定清空吗？',
      confirmText: '清空',
      cancelText: '取消',
    })
    if (confirm) clearBrowseHistory()
  }

  return (
    <AppShell>
      <View className="mine-page">
        {history.length === 0 ? (
          <StateView kind="empty" title="暂无浏览记录" hint="浏览记录只保存在本机" />
        ) : (
          <>
            <View className="mine-page__toolbar">
              <Text>仅保存在本机，最近 {history.length} 条</Text>
              <View
                {...control('button')}
                className="mine-page__clear history-page__clear"
                onClick={() => void clearAll()}
              >
                清空记录
              </View>
            </View>
            {history.map((entry) => (
              <View key={entry.id} className="mine-page__row history-page__item">
                <View {...control('link')} className="mine-page__row-main" onClick={() => openListing(entry.id)}>
                  <Text className="mine-page__row-title">{entry.title}</Text>
                  <Text className="mine-page__row-meta">
                    {entry.categoryName} · {formatRegion(entry.province, entry.city)} ·{' '}
                    {formatPostedTime(entry.viewedAt, now)}浏览
                  </Text>
                </View>
                <View {...control('button')} className="mine-page__row-remove" onClick={() => forgetBrowse(entry.id)}>
                  删除
                </View>
              </View>
            ))}
          </>
        )}
      </View>
    </AppShell>
  )
}
