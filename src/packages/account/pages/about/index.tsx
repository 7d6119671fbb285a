import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CURRENT_POLICY_VERSIONS } from '@shared/policy/versions'
import { AppShell } from '@/components/AppShell'
import { openPolicy } from '@/features/consent'
import { icpBeian, IcpLink } from '@/platform/icp-beian'
import { Routes } from '@/routes'
import { CLIENT_VERSION } from '@/services/client-info'
import '../privacy.scss'
import './index.scss'

/**
 * 关于: what the app is, which version this is, the documents it runs under and, on H5, the site's ICP
 * filing number (the mini-programs carry their platform's filing and show none).
 */
export default function AboutPage() {
  const beian = icpBeian()
  return (
    <AppShell>
      <View className="privacy-page about-page">
        <View className="privacy-page__card about-page__identity">
          <Text className="about-page__name">质能视界</Text>
          <Text className="privacy-page__intro">发布与查找品牌招商、代理加盟、产品供应等合作需求。</Text>
          <Text className="about-page__version">版本 {CLIENT_VERSION}</Text>
        </View>
        <View className="privacy-page__card">
          <View className="privacy-page__link about-page__link" role="link" onClick={() => openPolicy('privacy')}>
            <Text>隐私政策（{CURRENT_POLICY_VERSIONS.privacy} 版）</Text>
            <Text className="privacy-page__chevron">›</Text>
          </View>
          <View className="privacy-page__link about-page__link" role="link" onClick={() => openPolicy('terms')}>
            <Text>用户协议（含平台规则，{CURRENT_POLICY_VERSIONS.terms} 版）</Text>
            <Text className="privacy-page__chevron">›</Text>
          </View>
          <View
            className="privacy-page__link about-page__link"
            role="link"
            onClick={() => void Taro.navigateTo({ url: Routes.penalties })}
          >
            <Text>处罚公示</Text>
            <Text className="privacy-page__chevron">›</Text>
          </View>
          {beian ? (
            <View className="about-page__beian">
              <Text className="about-page__beian-label">ICP备案号</Text>
              <IcpLink className="about-page__beian-link" number={beian} />
            </View>
          ) : null}
        </View>
      </View>
    </AppShell>
  )
}
