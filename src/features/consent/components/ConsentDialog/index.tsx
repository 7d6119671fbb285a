import { useLayoutEffect } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { CONSENT_DIALOG_FRAME as FRAME, FIRST_CONSENT_COPY as FIRST } from '@shared/policy/consent-dialog-copy'
import { AgreeButton } from '@/platform/agree-button'
import { dropFirstScreenCards } from '@/platform/first-screen'
import { agreeToPolicies, declinePolicies } from '../../consent-actions'
import type { ChangeNotice } from '../../consent-model'
import { openPolicy } from '../../open-policy'
import type { ConsentPromptMode } from '../../prompt-store'
import { control, dialog } from '@/platform/control-role'
import './index.scss'

export type ConsentDialogMode = 'first' | 'changed' | ConsentPromptMode

export interface ConsentDialogProps {
  mode: ConsentDialogMode
  /** changed / update: what changed since the versions the user agreed to. */
  changes?: ChangeNotice[]
  /** ask: what the user was trying to do. */
  reason?: string | null
}

const TITLES: Record<ConsentDialogMode, string> = {
  first: FIRST.title,
  changed: '隐私政策和用户协议有更新',
  update: '请确认最新的隐私政策和用户协议',
  ask: '需要你的同意',
  platform: '需要你的同意',
}

/**
 * Our consent dialog. Two buttons of equal standing, 「不同意」 and 「同意」, and nothing pre-selected:
 * declining leaves the app usable as a guest.
 */
export function ConsentDialog({ mode, changes = [], reason = null }: ConsentDialogProps) {
  // H5: the server's first cards would lie over the page under this dialog; the page shows its own.
  useLayoutEffect(dropFirstScreenCards, [])
  return (
    <View className="consent-dialog" catchMove>
      <View className="consent-dialog__card" {...dialog(TITLES[mode])}>
        <Text className="consent-dialog__title">{TITLES[mode]}</Text>
        <View className="consent-dialog__body">{renderBody()}</View>
        <View className="consent-dialog__links">
          <Text className="consent-dialog__hint">{FRAME.read}</Text>
          <Text {...control('link')} className="consent-dialog__link" onClick={() => openPolicy('privacy')}>
            {FRAME.privacy}
          </Text>
          <Text className="consent-dialog__hint">{FRAME.and}</Text>
          <Text {...control('link')} className="consent-dialog__link" onClick={() => openPolicy('terms')}>
            {FRAME.terms}
          </Text>
        </View>
        <View className="consent-dialog__actions">
          <Button className="consent-dialog__decline" onClick={declinePolicies}>
            {FRAME.decline}
          </Button>
          <AgreeButton className="consent-dialog__agree" onAgree={agreeToPolicies}>
            {FRAME.agree}
          </AgreeButton>
        </View>
      </View>
    </View>
  )

  function renderBody() {
    if (mode === 'first') {
      return (
        <>
          <Text className="consent-dialog__text">{FIRST.intro}</Text>
          {FIRST.points.map((line) => (
            <Text key={line} className="consent-dialog__point">
              {line}
            </Text>
          ))}
          <Text className="consent-dialog__note">{FIRST.note}</Text>
        </>
      )
    }
    if (mode === 'changed' || (mode === 'update' && changes.length > 0)) {
      return (
        <>
          <Text className="consent-dialog__text">
            {mode === 'changed' ? '以下内容有重要变化，请阅读后选择是否同意：' : '以下内容有调整，登录前请确认：'}
          </Text>
          {changes.map((change) => (
            <View key={`${change.document}-${change.version}`} className="consent-dialog__change">
              <Text className="consent-dialog__change-title">
                {change.title} {change.version}（{change.date}）
              </Text>
              {change.summary.map((line) => (
                <Text key={line} className="consent-dialog__point">
                  {line}
                </Text>
              ))}
            </View>
          ))}
          <Text className="consent-dialog__note">选择“不同意”，你仍可以游客身份浏览。</Text>
        </>
      )
    }
    if (mode === 'update') {
      return <Text className="consent-dialog__text">登录前，请阅读并同意最新版本的隐私政策和用户协议。</Text>
    }
    if (mode === 'platform') {
      return (
        <Text className="consent-dialog__text">
          你正在使用的功能需要处理你的个人信息（例如手机号或你选择的图片）。请阅读并同意隐私政策后继续。
        </Text>
      )
    }
    return (
      <>
        <Text className="consent-dialog__text">
          {reason ? `${reason}需要处理你的个人信息。` : '该功能需要处理你的个人信息。'}
          你此前选择了“不同意”，如需使用，请阅读并同意隐私政策和用户协议。
        </Text>
        <Text className="consent-dialog__note">选择“不同意”，你仍可以继续浏览。</Text>
      </>
    )
  }
}
