import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { ensureLoggedIn } from '@/features/auth'
import { openPublish, Routes } from '@/features/listings'
import { useUnreadBadge } from '@/features/notices'
import { control } from '@/platform/control-role'
import './index.scss'

const STEPS = [
  { title: '选择分类，写清需求', hint: '品牌招商、代理加盟、供应采购……说清合作方式和区域' },
  { title: '决定公开哪些联系方式', hint: '每一项单独勾选，未勾选的不会展示给任何人' },
  { title: '审核通过后展示', hint: '内容经过检查后出现在首页，可随时修改、下架或续期' },
]

/**
 * The 发布 tab: a thin page in the main package. The form itself stays in its subpackage
 * (packages/publish), opened from here after logging in.
 */
export default function PublishTabPage() {
  useUnreadBadge()

  const openMine = async () => {
    if (await ensureLoggedIn('管理你发布的信息')) void Taro.navigateTo({ url: Routes.myListings })
  }

  return (
    <AppShell>
      <View className="publish-tab">
        <View className="publish-tab__card">
          <Text className="publish-tab__title">发布合作信息</Text>
          <Text className="publish-tab__lead">让合作方找到你：免费发布，有效期 7、30 或 90 天。</Text>
          {STEPS.map((step, i) => (
            <View key={step.title} className="publish-tab__step">
              <Text className="publish-tab__step-number">{i + 1}</Text>
              <View className="publish-tab__step-text">
                <Text className="publish-tab__step-title">{step.title}</Text>
                <Text className="publish-tab__step-hint">{step.hint}</Text>
              </View>
            </View>
          ))}
          <Button className="publish-tab__start" onClick={() => void openPublish()}>
            开始发布
          </Button>
        </View>
        <View className="publish-tab__card">
          <View {...control('link')} className="publish-tab__link" onClick={() => void openMine()}>
            <Text>管理我的发布</Text>
            <Text className="publish-tab__chevron">›</Text>
          </View>
        </View>
      </View>
    </AppShell>
  )
}
