import { Text, View } from '@tarojs/components'
import { control } from '@/platform/control-role'
import './index.scss'

/** Looks like a search box; opens the search page, where the real input is. */
export function SearchEntry({ onOpen }: { onOpen(): void }) {
  return (
    <View {...control('link')} className="search-entry" hoverClass="search-entry--pressed" onClick={onOpen}>
      <Text className="search-entry__icon">⌕</Text>
      <Text className="search-entry__placeholder">搜索标题、公司、品牌</Text>
    </View>
  )
}
