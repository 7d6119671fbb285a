import { Image, Text, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import Taro from '@tarojs/taro'
import type { Session } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { IcpFooter } from '@/components/IcpFooter'
import { MemberGate, useSession } from '@/features/auth'
import { openPolicy } from '@/features/consent'
import { Routes } from '@/features/listings'
// The one file of the moderation feature 我的 needs: whether to show the 审核台 entry.
import { useModeratorRole } from '@/features/moderation/use-moderator-role'
import { useUnreadBadge } from '@/features/notices'
import { control } from '@/platform/control-role'
import './index.scss'

const MINE_LINKS = [
  { name: 'listings', label: '我的发布', url: Routes.myListings },
  { name: 'reveals', label: '谁看过我的联系方式', url: Routes.revealLog },
  { name: 'favourites', label: '我的收藏', url: Routes.favourites },
  { name: 'history', label: '浏览记录（仅本机）', url: Routes.history },
  { name: 'decisions', label: '处理记录与申诉', url: Routes.myDecisions },
  { name: 'reports', label: '我的举报', url: Routes.myReports },
  { name: 'notice-settings', label: '消息设置（订阅与免打扰）', url: Routes.noticeSettings },
  { name: 'my-data', label: '我的数据（查看、导出、权限与撤回同意）', url: Routes.myData },
]

const open = (url: string) => void Taro.navigateTo({ url })

/**
 * The 我的 tab: a thin page in the main package. Who is logged in, and the way into everything the member
 * has (each page in its subpackage); 个人资料 (profile, phone, logout) is the account subpackage's.
 */
export default function MineTabPage() {
  const session = useSession()
  const role = useModeratorRole()
  useUnreadBadge()

  return (
    <AppShell>
      <View className="mine-tab">
        <MemberGate member={session} purpose="查看和管理你的资料" className="mine-tab__gate">
          {renderMember}
        </MemberGate>
        <View className="mine-tab__card">
          <View
            {...control('link')}
            className="mine-tab__link mine-tab__link--support"
            onClick={() => open(Routes.supportRequests)}
          >
            <Text>意见反馈与隐私请求</Text>
            <Text className="mine-tab__chevron">›</Text>
          </View>
          <View {...control('link')} className="mine-tab__link" onClick={() => openPolicy('privacy')}>
            <Text>隐私政策</Text>
            <Text className="mine-tab__chevron">›</Text>
          </View>
          <View {...control('link')} className="mine-tab__link" onClick={() => openPolicy('terms')}>
            <Text>用户协议（含平台规则）</Text>
            <Text className="mine-tab__chevron">›</Text>
          </View>
          <View
            {...control('link')}
            className="mine-tab__link mine-tab__link--penalties"
            onClick={() => open(Routes.penalties)}
          >
            <Text>处罚公示</Text>
            <Text className="mine-tab__chevron">›</Text>
          </View>
          <View
            {...control('link')}
            className="mine-tab__link mine-tab__link--about"
            onClick={() => open(Routes.about)}
          >
            <Text>关于质能视界</Text>
            <Text className="mine-tab__chevron">›</Text>
          </View>
        </View>
        <IcpFooter />
      </View>
    </AppShell>
  )

  function renderMember({ profile }: Session) {
    return (
      <>
        <View {...control('link')} className="mine-tab__card mine-tab__identity" onClick={() => open(Routes.profile)}>
          <View className="mine-tab__avatar">
            {profile.avatarUrl ? (
              <Image className="mine-tab__avatar-image" src={profile.avatarUrl} mode="aspectFill" {...imageText('')} />
            ) : (
              <Text className="mine-tab__avatar-letter">{(profile.nickname || '我').slice(0, 1)}</Text>
            )}
          </View>
          <View className="mine-tab__who">
            <Text className="mine-tab__name">{profile.nickname || '未设置昵称'}</Text>
            <Text className="mine-tab__phone">{profile.maskedPhone}</Text>
          </View>
          <Text className="mine-tab__profile">个人资料 ›</Text>
        </View>

        <View className="mine-tab__card">
          {MINE_LINKS.map((link) => (
            <View
              {...control('link')}
              key={link.url}
              className={`mine-tab__link mine-tab__link--${link.name}`}
              onClick={() => open(link.url)}
            >
              <Text>{link.label}</Text>
              <Text className="mine-tab__chevron">›</Text>
            </View>
          ))}
        </View>

        {role ? (
          <View className="mine-tab__card">
            <View
              {...control('link')}
              className="mine-tab__link mine-tab__link--moderation"
              onClick={() => open(Routes.moderation)}
            >
              <Text>审核台</Text>
              <View className="mine-tab__link-end">
                <Text className="mine-tab__link-value">{role === 'admin' ? '管理员' : '审核员'}</Text>
                <Text className="mine-tab__chevron">›</Text>
              </View>
            </View>
            <View
              {...control('link')}
              className="mine-tab__link mine-tab__link--requests"
              onClick={() => open(Routes.requestQueue)}
            >
              <Text>反馈与请求</Text>
              <Text className="mine-tab__chevron">›</Text>
            </View>
          </View>
        ) : null}
      </>
    )
  }
}
