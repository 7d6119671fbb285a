import { Text, View } from '@tarojs/components'
import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro'
import { useEffect } from 'react'
import { AppShell } from '@/components/AppShell'
import { StateView } from '@/features/listings'
import { useInventory } from '@/features/privacy'
import '../privacy.scss'

const TITLES = { collected: '个人信息收集清单', shared: '第三方信息共享清单' } as const

/** 个人信息收集清单 (?kind=collected) and 第三方信息共享清单 (?kind=shared), generated from the data inventory. */
export default function DataListsPage() {
  const kind = useRouter().params.kind === 'shared' ? 'shared' : 'collected'
  const inventory = useInventory()

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: TITLES[kind] })
  }, [kind])

  usePullDownRefresh(async () => {
    try {
      await inventory.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  return (
    <AppShell>
      <View className={`privacy-page data-lists-page data-lists-page--${kind}`}>{renderContent()}</View>
    </AppShell>
  )

  function renderContent() {
    if (inventory.error && !inventory.data) {
      return <StateView kind="error" message={inventory.error} onRetry={() => void inventory.refresh()} />
    }
    if (!inventory.data) return <StateView kind="loading" />
    const { data } = inventory
    const intro =
      kind === 'collected'
        ? '我们处理的每一类个人信息：包含哪些内容、用途、依据、保存期限，以及保存在服务器还是只在你的设备上。'
        : '接收你个人信息的每一个第三方和受托方，以及他们收到什么、为了什么。除此之外我们不向任何人提供你的个人信息。'
    return (
      <>
        <View className="privacy-page__card">
          <Text className="privacy-page__heading">{TITLES[kind]}</Text>
          <Text className="privacy-page__intro">{intro}</Text>
          <Text className="privacy-page__tag">对应隐私政策版本 {data.policyVersion}</Text>
        </View>
        {kind === 'collected'
          ? data.collected.map((item, i) => (
              <View key={i} className="privacy-page__card data-lists-page__collected">
                <View className="privacy-page__item-head">
                  <Text className="privacy-page__item-name">{item.category}</Text>
                  <Text className="privacy-page__item-count">{item.where}</Text>
                </View>
                <Text className="privacy-page__preview">{item.what}</Text>
                <Text className="privacy-page__line">内容：{item.fields.join('、')}</Text>
                <Text className="privacy-page__line">用途：{item.purpose}</Text>
                <Text className="privacy-page__line">依据：{item.legalBasis}</Text>
                <Text className="privacy-page__line">保存期限：{item.retention}</Text>
              </View>
            ))
          : data.shared.map((recipient) => (
              <View key={recipient.name} className="privacy-page__card data-lists-page__recipient">
                <View className="privacy-page__item-head">
                  <Text className="privacy-page__item-name">{recipient.name}</Text>
                  <Text className="privacy-page__item-count">{recipient.role}</Text>
                </View>
                <Text className="privacy-page__line">{recipient.company}</Text>
                <Text className="privacy-page__line">方式：{recipient.how}</Text>
                {recipient.items.map((item, i) => (
                  <View key={i} className="privacy-page__item">
                    <Text className="privacy-page__preview">{item.what}</Text>
                    <Text className="privacy-page__line">用途：{item.purpose}</Text>
                  </View>
                ))}
              </View>
            ))}
      </>
    )
  }
}
