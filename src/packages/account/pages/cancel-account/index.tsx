import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import {
  DEFAULT_DELETION_COOLING_OFF_DAYS as COOLING_OFF_DAYS,
  DELETION_MAX_WORKING_DAYS,
  type AccountDeletionState,
} from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
// Not through the feature's index, which main-package pages import: the SMS form stays in this subpackage.
import { SmsCodeFields } from '@/features/auth/components/SmsCodeFields'
import { Routes } from '@/features/listings'
import { chinaDate, DeletionBanner, useAccountDeletion, useDeletionRequest } from '@/features/privacy'
import { DeletionProof } from '@/platform/deletion-proof'
import '../privacy.scss'
import './index.scss'

/** What the 隐私政策 (section 七, 注销账号) promises, in the same words, before the member decides. */
const SECTIONS: Array<{ key: string; title: string; lines: string[] }> = [
  {
    key: 'deleted',
    title: '注销后删除的信息',
    lines: [
      '你的账号和手机号、个人资料和头像。',
      '你发布的全部信息及其图片，你的评论、收藏和查看联系方式的记录。',
      '你的同意记录和验证码记录。',
      '他人对你发布的信息所做的评论、收藏和查看记录。',
    ],
  },
  {
    key: 'kept',
    title: '依法保留的信息',
    lines: [
      '安全日志（登录、更换手机号等记录）：去除与你的关联后保留，到原定的 6 个月期满为止。',
      '一份删除回执：只记录删除了哪些类别的多少条记录，不含任何能识别你的信息，保存 3 年。',
    ],
  },
  {
    key: 'cooling-off',
    title: `${COOLING_OFF_DAYS} 天冷静期`,
    lines: [
      '提交后你会立即退出登录，发布的信息立即停止展示。',
      `${COOLING_OFF_DAYS} 天内重新登录，可以一键撤销注销，一切恢复原状。`,
      `${COOLING_OFF_DAYS} 天后开始删除，删除后无法撤销、无法恢复。`,
    ],
  },
  {
    key: 'after',
    title: '注销之后',
    lines: [
      `从申请到删除完成不超过 ${DELETION_MAX_WORKING_DAYS} 个工作日。`,
      '同一手机号之后可以重新注册，但那是一个全新的账号，原有的信息不会恢复。',
    ],
  },
]

/**
 * 注销账号: what goes and what stays, the cooling-off, then the account's own number proven again — an SMS
 * code on every platform, WeChat's or Alipay's phone authorization besides — and a confirmation. On
 * success the server has ended every login; the device forgets its session and the app starts over.
 */
export default function CancelAccountPage() {
  const session = useSession()
  const deletion = useAccountDeletion()
  const [submitted, setSubmitted] = useState<AccountDeletionState | null>(null)
  const request = useDeletionRequest(session?.profile.maskedPhone ?? '', (state) => {
    setSubmitted(state)
    void announce(state)
  })

  return <AppShell>{renderContent()}</AppShell>

  function renderContent() {
    if (submitted) {
      return (
        <View className="privacy-page cancel-account-page">
          <View className="privacy-page__card cancel-account-page__submitted">
            <Text className="privacy-page__heading">已提交注销申请</Text>
            <Text className="privacy-page__intro">{undoLine(submitted)}</Text>
          </View>
        </View>
      )
    }
    return (
      <MemberGate
        member={session}
        purpose="注销账号"
        loginTitle="登录后才能注销账号"
        className="privacy-page cancel-account-page"
      >
        {renderRequest}
      </MemberGate>
    )
  }

  function renderRequest() {
    return (
      <View className="privacy-page cancel-account-page">
        <View className="privacy-page__card">
          <Text className="privacy-page__heading">注销前请确认</Text>
          {SECTIONS.map((section) => (
            <View key={section.key} className={`privacy-page__item cancel-account-page__section--${section.key}`}>
              <Text className="privacy-page__item-name">{section.title}</Text>
              {section.lines.map((line) => (
                <Text key={line} className="privacy-page__line">
                  {line}
                </Text>
              ))}
            </View>
          ))}
        </View>
        {deletion.state?.state === 'pending' ? <DeletionBanner deletion={deletion} /> : renderVerification()}
      </View>
    )
  }

  function renderVerification() {
    const platformError = request.error && request.error.method !== 'sms' ? request.error.error.message : null
    return (
      <View className="privacy-page__card cancel-account-page__verify">
        <Text className="privacy-page__heading">验证身份</Text>
        <Text className="privacy-page__intro">为确认是你本人操作，请用本账号的手机号再次验证。</Text>
        <View className="sms-login">
          <SmsCodeFields fields={request.fields} />
          <Button
            className="privacy-page__destructive cancel-account-page__submit"
            disabled={request.busy || undefined}
            loading={request.busy}
            onClick={() => void request.submitCode()}
          >
            注销账号
          </Button>
        </View>
        <DeletionProof busy={request.busy} error={platformError} submitProof={request.submitProof} />
      </View>
    )
  }
}

function undoLine(state: AccountDeletionState): string {
  return `账号将于 ${chinaDate(state.purgeAt ?? Date.now())} 注销。在此之前重新登录，可以一键撤销注销。`
}

/** The date it will be gone and how to undo it, then the app starts over as a guest, on the feed. */
async function announce(state: AccountDeletionState): Promise<void> {
  await Taro.showModal({ title: '已提交注销申请', content: undoLine(state), showCancel: false, confirmText: '知道了' })
  void Taro.reLaunch({ url: Routes.feed })
}
