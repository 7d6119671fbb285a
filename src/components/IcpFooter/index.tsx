import { View } from '@tarojs/components'
import { icpBeian, IcpLink } from '@/platform/icp-beian'
import './index.scss'

/**
 * The site's ICP filing number, linked to the MIIT's filing search, as the last line of a page's content
 * (in the page's flow, so it never covers the tab bar). Nothing at all when there is no number, and always
 * nothing in the mini-programs (see platform/icp-beian).
 */
export function IcpFooter() {
  const number = icpBeian()
  if (!number) return null
  return (
    <View className="icp-footer">
      <IcpLink className="icp-footer__link" number={number} />
    </View>
  )
}
