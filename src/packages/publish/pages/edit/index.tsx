import { useEffect } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { ensureLoggedIn, useSession } from '@/features/auth'
import { openListing, Routes, StateView } from '@/features/listings'
import {
  CategoryStep,
  ContactStep,
  ContentStep,
  ImagesStep,
  PreviewStep,
  PublishResult,
  StepFooter,
  StepHeader,
  usePublishForm,
  ValidityStep,
} from '@/features/publish'
import { control } from '@/platform/control-role'
import './index.scss'

/** 发布 (and, with `?id=`, 编辑) a listing, step by step. */
export default function PublishPage() {
  const { params } = useRouter()
  const session = useSession()
  const form = usePublishForm(params.id)

  useEffect(() => {
    if (form.mode === 'edit') void Taro.setNavigationBarTitle({ title: '编辑合作信息' })
  }, [form.mode])

  return <AppShell>{renderContent()}</AppShell>

  function renderContent() {
    if (!session) {
      return (
        <View className="publish-page">
          <StateView
            kind="empty"
            title="登录后发布合作信息"
            actionText="登录"
            onAction={() => void ensureLoggedIn('发布合作信息')}
          />
        </View>
      )
    }
    if (form.result) {
      const result = form.result
      return (
        <View className="publish-page">
          <PublishResult
            result={result}
            mode={form.mode}
            onOpen={() => openListing(result.id)}
            onMine={() => void Taro.redirectTo({ url: Routes.myListings })}
            onAnother={form.startOver}
          />
        </View>
      )
    }
    if (form.loading) {
      return (
        <View className="publish-page">
          <StateView kind="loading" rows={2} />
        </View>
      )
    }
    if (form.loadError || !form.draft) {
      return (
        <View className="publish-page">
          <StateView kind="error" message={form.loadError?.message ?? '加载失败'} onRetry={form.reload} />
        </View>
      )
    }
    return (
      <View className="publish-page">
        <StepHeader form={form} />
        {form.restored && form.step !== 'preview' ? (
          <View className="publish-page__restored">
            已恢复上次未发布的草稿
            <View {...control('button')} className="publish-page__restart" onClick={form.startOver}>
              清空重填
            </View>
          </View>
        ) : null}
        {form.step === 'category' ? <CategoryStep form={form} /> : null}
        {form.step === 'content' ? <ContentStep form={form} /> : null}
        {form.step === 'images' ? <ImagesStep form={form} /> : null}
        {form.step === 'contact' ? <ContactStep form={form} /> : null}
        {form.step === 'validity' ? <ValidityStep form={form} /> : null}
        {form.step === 'preview' ? <PreviewStep form={form} /> : null}
        <StepFooter form={form} />
      </View>
    )
  }
}
