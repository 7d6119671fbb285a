import { ScrollView, Text, View } from '@tarojs/components'
import type { Category } from '@shared/contracts'
import './index.scss'

export interface CategoryTabsProps {
  categories: Category[]
  /** undefined = 「全部」 */
  active: string | undefined
  onChange(category: string | undefined): void
}

/**
 * The categories as a strip of tabs that scrolls sideways (a fade at its right edge says there is more).
 * Each tab is a `tab` that takes the keyboard focus and answers Enter (platform/keyboard on H5).
 */
export function CategoryTabs({ categories, active, onChange }: CategoryTabsProps) {
  const tabs: { id: string | undefined; name: string }[] = [{ id: undefined, name: '全部' }, ...categories]
  return (
    <View className="category-tabs">
      <ScrollView className="category-tabs__scroll" scrollX enhanced showScrollbar={false}>
        <View className="category-tabs__row" role="tablist" aria-label="分类">
          {tabs.map((tab) => {
            const selected = tab.id === active
            return (
              <View
                key={tab.id ?? 'all'}
                className={`category-tabs__tab${selected ? ' category-tabs__tab--active' : ''}`}
                role="tab"
                aria-selected={selected}
                onClick={() => {
                  if (!selected) onChange(tab.id)
                }}
              >
                <Text className="category-tabs__label">{tab.name}</Text>
              </View>
            )
          })}
        </View>
      </ScrollView>
    </View>
  )
}
