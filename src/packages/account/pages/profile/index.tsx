import { useEffect, useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import Taro from '@tarojs/taro'
import type { Profile } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useProfile, type ProfileEdit } from '@/features/auth'
// Not through the feature's index, which main-package pages import: the sheet and its proof-of-work
// solver stay in this subpackage.
import { PhoneChangeSheet } from '@/features/auth/components/PhoneChangeSheet'
import { Routes } from '@/routes'
import { DeletionBanner, useAccountDeletion } from '@/features/privacy'
import { control } from '@/platform/control-role'
import './index.scss'

const FIELDS: Array<{ key: keyof ProfileEdit; label: string; placeholder: string; max: number }> = [
  { key: 'nickname', label: '昵称', placeholder: '选填，展示在你发布的信息中', max: 20 },
  { key: 'companyName', label: '公司名称', placeholder: '选填', max: 50 },
  { key: 'brandName', label: '品牌名称', placeholder: '选填', max: 30 },
]

type Form = Record<keyof ProfileEdit, string>

function formOf(profile: Profile): Form {
  return { nickname: profile.nickname, companyName: profile.companyName, brandName: profile.brandName }
}

export default function ProfilePage() {
  const state = useProfile()
  const { profile } = state
  const [form, setForm] = useState<Form | null>(null)
  const [dirty, setDirty] = useState(false)
  const [changingPhone, setChangingPhone] = useState(false)
  // Opening 个人资料 asks whether the account is pending deletion, and offers to undo it.
  const deletion = useAccountDeletion()

  // The form follows the profile until the user starts typing; a save makes it follow again.
  useEffect(() => {
    if (profile && !dirty) setForm(formOf(profile))
  }, [profile, dirty])

  const save = async () => {
    if (!form) return
    if (await state.save(form)) {
      setDirty(false)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    }
  }

  const phoneChanged = (changed: Profile) => {
    state.accept(changed)
    setChangingPhone(false)
    void Taro.showToast({ title: '手机号已更换', icon: 'success' })
  }

  const logout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后，发布和管理信息需要重新登录。确定退出吗？',
      confirmText: '退出',
      cancelText: '取消',
    })
    if (!confirm) return
    await state.logout()
    void Taro.reLaunch({ url: Routes.feed })
  }

  return (
    <AppShell>
      <MemberGate
        member={profile && form ? { profile, form } : null}
        purpose="查看和管理你的资料"
        className="profile-page"
      >
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent({ profile, form }: { profile: Profile; form: Form }) {
    const fieldError = (key: string) => (state.error?.field === key ? state.error.message : null)
    const generalError = state.error && !FIELDS.some((f) => f.key === state.error?.field) ? state.error.message : null

    return (
      <View className="profile-page">
        <DeletionBanner deletion={deletion} />
        <View className="profile-page__card profile-page__identity">
          <View
            {...control('button', '更换头像')}
            className="profile-page__avatar"
            onClick={() => void state.changeAvatar()}
          >
            {profile.avatarUrl ? (
              <Image
                className="profile-page__avatar-image"
                src={profile.avatarUrl}
                mode="aspectFill"
                {...imageText('')}
              />
            ) : (
              <Text className="profile-page__avatar-letter">{(profile.nickname || '我').slice(0, 1)}</Text>
            )}
          </View>
          <View className="profile-page__who">
            <Text className="profile-page__name">{profile.nickname || '未设置昵称'}</Text>
            <Text className="profile-page__phone">{profile.maskedPhone}</Text>
            <Text
              {...control('button')}
              className="profile-page__avatar-hint"
              onClick={() => void state.changeAvatar()}
            >
              {state.uploading ? '头像上传中…' : '点击头像更换'}
            </Text>
          </View>
        </View>

        <View className="profile-page__card">
          {FIELDS.map((field) => (
            <View key={field.key} className="profile-page__field">
              <View className="profile-page__row">
                <Text className="profile-page__label">{field.label}</Text>
                <Input
                  className={`profile-page__input profile-page__input--${field.key}`}
                  value={form[field.key]}
                  maxlength={field.max}
                  placeholder={field.placeholder}
                  onInput={(e) => {
                    setDirty(true)
                    setForm({ ...form, [field.key]: e.detail.value })
                  }}
                />
              </View>
              {fieldError(field.key) ? <Text className="profile-page__error">{fieldError(field.key)}</Text> : null}
            </View>
          ))}
          {generalError ? <Text className="profile-page__error">{generalError}</Text> : null}
          <Button
            className="profile-page__save"
            // `|| undefined`: Taro's H5 button greys out disabled="false" as [disabled].
            disabled={state.saving || !dirty || undefined}
            loading={state.saving}
            onClick={save}
          >
            保存
          </Button>
        </View>

        <View className="profile-page__card">
          <View
            {...control('button')}
            className="profile-page__link profile-page__link--phone"
            onClick={() => setChangingPhone(true)}
          >
            <Text>更换手机号</Text>
            <View className="profile-page__link-end">
              <Text className="profile-page__link-value">{profile.maskedPhone}</Text>
              <Text className="profile-page__chevron">›</Text>
            </View>
          </View>
        </View>

        <Button className="profile-page__logout" onClick={() => void logout()}>
          退出登录
        </Button>

        {changingPhone ? (
          <PhoneChangeSheet
            maskedPhone={profile.maskedPhone}
            onClose={() => setChangingPhone(false)}
            onChanged={phoneChanged}
          />
        ) : null}
      </View>
    )
  }
}
