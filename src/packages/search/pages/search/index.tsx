import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { clearSearchHistory, forgetSearch, rememberSearch, useSearchHistory } from '@/features/history'
import {
  CategoryTabs,
  FeedList,
  formatResultCount,
  openListing,
  RegionFilter,
  useCategories,
  useFeed,
  type RegionChoice,
} from '@/features/listings'
import type { ListingOrder } from '@shared/contracts'
import { control } from '@/platform/control-role'
import './index.scss'

const ORDERS: Array<{ value: ListingOrder; label: string }> = [
  { value: 'latest', label: '最新' },
  { value: 'views', label: '最多浏览' },
]

/** Keyword (title, description, company, brand) + category + region; recent keywords kept on the device. */
export default function SearchPage() {
  const { params } = useRouter()
  const initial = params.keyword ? decodeURIComponent(params.keyword) : ''
  const [text, setText] = useState(initial)
  const [keyword, setKeyword] = useState(initial)
  const [category, setCategory] = useState<string | undefined>(undefined)
  const [region, setRegion] = useState<RegionChoice>({})
  const [order, setOrder] = useState<ListingOrder>('latest')
  const history = useSearchHistory()
  const tabs = useCategories()
  // Nothing is asked for before the first search: the page shows the history until then.
  const feed = useFeed({ keyword, category, ...region, order }, undefined, keyword.length > 0)

  const search = (value: string) => {
    const word = value.trim()
    if (!word) {
      void Taro.showToast({ title: '请输入搜索关键词', icon: 'none' })
      return
    }
    setText(word)
    setKeyword(word)
    rememberSearch(word)
  }

  usePullDownRefresh(async () => {
    try {
      if (keyword) await feed.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    if (keyword) void feed.loadMore()
  })

  const clearAll = async () => {
    const { confirm } = await Taro.showModal({
      title: '清空搜索记录',
      content: '搜索记录只保存在本机，确定清空吗？',
      confirmText: '清空',
      cancelText: '取消',
    })
    if (confirm) clearSearchHistory()
  }

  return (
    <AppShell>
      <View className="search-page">
        <View className="search-page__bar">
          <Input
            className="search-page__input"
            value={text}
            focus={!initial}
            confirmType="search"
            maxlength={30}
            placeholder="搜索标题、描述、公司、品牌"
            onInput={(e) => setText(e.detail.value)}
            onConfirm={(e) => search(e.detail.value)}
          />
          <View {...control('button')} className="search-page__submit" onClick={() => search(text)}>
            搜索
          </View>
        </View>
        {keyword ? (
          <>
            <View className="search-page__filters">
              <View className="search-page__tabs">
                <CategoryTabs categories={tabs.categories} active={category} onChange={setCategory} />
              </View>
              <RegionFilter value={region} onChange={setRegion} />
            </View>
            <View className="search-page__results">
              <View className="search-order" role="group" aria-label="排序方式">
                {ORDERS.map((o) => (
                  <View
                    key={o.value}
                    className={`search-order__option${order === o.value ? ' search-order__option--on' : ''}`}
                    role="button"
                    aria-pressed={order === o.value}
                    onClick={() => setOrder(o.value)}
                  >
                    {o.label}
                  </View>
                ))}
              </View>
              {!feed.loading && feed.items.length > 0 ? (
                <Text className="search-page__count" aria-live="polite">
                  {formatResultCount(feed.items.length, feed.hasMore)}
                </Text>
              ) : null}
              <FeedList
                highlight={keyword}
                feed={feed}
                onOpen={openListing}
                emptyTitle={`没有找到与「${keyword}」相关的信息`}
                emptyHint="换个关键词，或调整分类和地区"
              />
            </View>
          </>
        ) : (
          renderHistory()
        )}
      </View>
    </AppShell>
  )

  function renderHistory() {
    if (history.length === 0) {
      return <Text className="search-page__tip">输入关键词搜索，如「加盟」「供应」「品牌名」</Text>
    }
    return (
      <View className="search-history">
        <View className="search-history__head">
          <Text className="search-history__title">搜索记录</Text>
          <View {...control('button')} className="search-history__clear" onClick={() => void clearAll()}>
            清空
          </View>
        </View>
        <View className="search-history__words">
          {history.map((word) => (
            <View key={word} className="search-history__word">
              <Text {...control('button')} className="search-history__text" onClick={() => search(word)}>
                {word}
              </Text>
              <View
                {...control('button')}
                className="search-history__remove"
                aria-label={`删除${word}`}
                onClick={() => forgetSearch(word)}
              >
                ×
              </View>
            </View>
          ))}
        </View>
        <Text className="search-page__tip">搜索记录只保存在本机</Text>
      </View>
    )
  }
}
