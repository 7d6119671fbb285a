import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { ContactField, MyData } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { describeLoginError, MemberGate, useSession } from '@/features/auth'
import { Routes, StateView } from '@/features/listings'
import { DeletionBanner, useAccountDeletion, useDataExport, useMyData, withdrawPolicyConsent } from '@/features/privacy'
import { control } from '@/platform/control-role'
import '../privacy.scss'

const LINKS = [
  { name: 'permissions', label: '权限管理', url: Routes.permissions },
  { name: 'collected', label: '个人信息收集清单', url: `${Routes.dataLists}?kind=collected` },
  { name: 'shared', label: '第三方信息共享清单', url: `${Routes.dataLists}?kind=shared` },
]

const CONTACT_LABELS: Record<ContactField, string> = { name: '联系人', phone: '电话', wechat: '微信号', qq: 'QQ 号' }

/**
 * 我的数据: what we hold about the member by category (from the data inventory), a complete copy to
 * take away, the device permissions, the lists of what is collected and shared, withdrawing consent, and
 * 注销账号 (with a banner to undo a pending one).
 */
export default function MyDataPage() {
  const session = useSession()
  const myData = useMyData()
  const dataExport = useDataExport()
  const deletion = useAccountDeletion()

  usePullDownRefresh(async () => {
    try {
      await myData.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  const startExport = async () => {
    const { confirm } = await Taro.showModal({
      title: '导出我的数据',
      content: '将生成一份包含你全部个人信息的文件（含完整手机号），请妥善保管。每天可导出 1 次。',
      confirmText: '导出',
      cancelText: '取消',
    })
    if (!confirm) return
    await dataExport.start()
    void myData.refresh()
  }

  const copySummary = async () => {
    if (!dataExport.result) return
    await Taro.setClipboardData({ data: dataExport.result.answer.summary })
  }

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回同意',
      content:
        '撤回对隐私政策的同意后，你将退出登录，本机保存的浏览记录、搜索记录和草稿会被清除；你仍可以游客身份浏览。账号和已发布的信息不会因此删除。确定撤回吗？',
      confirmText: '撤回',
      cancelText: '取消',
    })
    if (!confirm) return
    try {
      await withdrawPolicyConsent()
      void Taro.showToast({ title: '已撤回同意', icon: 'success' })
      void Taro.reLaunch({ url: Routes.feed })
    } catch (thrown) {
      void Taro.showModal({ title: '未能撤回', content: describeLoginError(thrown).message, showCancel: false })
    }
  }

  return (
    <AppShell>
      <MemberGate member={session} purpose="查看和导出你的数据" className="privacy-page">
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    return (
      <View className="privacy-page my-data-page">
        <DeletionBanner deletion={deletion} />
        <View className="privacy-page__card">
          <Text className="privacy-page__heading">我们保存的你的信息</Text>
          <Text className="privacy-page__intro">
            按类别列出服务器上与你有关的信息、用途和保存期限。你可以随时导出一份完整副本。
          </Text>
          {renderCategories()}
        </View>

        <View className="privacy-page__card my-data-page__export">
          <Text className="privacy-page__heading">导出我的数据</Text>
          <Text className="privacy-page__intro">
            导出全部个人信息：一个 JSON 文件（机器可读）和一份中文可读版本。其他用户只以应用中本来展示的方式出现。
          </Text>
          <Button
            className="privacy-page__primary my-data-page__export-button"
            loading={dataExport.exporting}
            disabled={dataExport.exporting || undefined}
            onClick={() => void startExport()}
          >
            {dataExport.exporting ? '正在导出…' : '导出我的数据'}
          </Button>
          {dataExport.error ? <Text className="privacy-page__error">{dataExport.error}</Text> : null}
          {dataExport.result ? renderExportResult(dataExport.result) : null}
        </View>

        <View className="privacy-page__card">
          {LINKS.map((link) => (
            <View
              {...control('link')}
              key={link.name}
              className={`privacy-page__link my-data-page__link--${link.name}`}
              onClick={() => void Taro.navigateTo({ url: link.url })}
            >
              <Text>{link.label}</Text>
              <Text className="privacy-page__chevron">›</Text>
            </View>
          ))}
        </View>

        {myData.data ? renderContactConsents(myData.data.contactConsents) : null}

        {myData.data ? (
          <View className="privacy-page__card">
            <Text className="privacy-page__heading">只保存在本机的数据</Text>
            {myData.data.onDevice.map((item) => (
              <View key={item.label} className="privacy-page__item">
                <Text className="privacy-page__preview">{item.label}</Text>
                <Text className="privacy-page__line">
                  {item.purpose}；{item.retention}
                </Text>
              </View>
            ))}
          </View>
        ) : null}

        <Button className="privacy-page__danger my-data-page__withdraw" onClick={() => void withdraw()}>
          撤回对隐私政策的同意
        </Button>

        {deletion.state?.state === 'pending' ? null : (
          <Button
            className="privacy-page__danger my-data-page__cancel-account"
            onClick={() => void Taro.navigateTo({ url: Routes.cancelAccount })}
          >
            注销账号
          </Button>
        )}
      </View>
    )
  }

  function renderCategories() {
    if (myData.error && !myData.data) {
      return <StateView kind="error" message={myData.error} onRetry={() => void myData.refresh()} />
    }
    if (!myData.data) return <StateView kind="loading" rows={2} />
    return myData.data.categories.map((category) => (
      <View key={category.key} className={`privacy-page__item my-data-page__category--${category.key}`}>
        <View className="privacy-page__item-head">
          <Text className="privacy-page__item-name">{category.name}</Text>
          <Text className="privacy-page__item-count">{category.count} 项</Text>
        </View>
        <Text className="privacy-page__preview">{category.preview}</Text>
        <Text className="privacy-page__line">用途：{category.purpose}</Text>
        <Text className="privacy-page__line">保存期限：{category.retention}</Text>
      </View>
    ))
  }

  function renderContactConsents(consents: MyData['contactConsents']) {
    return (
      <View className="privacy-page__card my-data-page__consents">
        <Text className="privacy-page__heading">公开联系方式的同意</Text>
        <Text className="privacy-page__intro">
          每条信息的每一项联系方式都单独征得你的同意后才公开；在「我的发布」中可以随时撤回某一项。
        </Text>
        {consents.length === 0 ? <Text className="privacy-page__line">你还没有发布带联系方式的信息</Text> : null}
        {consents.map((consent) => (
          <View
            {...control('link')}
            key={consent.listingId}
            className="privacy-page__item my-data-page__consent"
            onClick={() => void Taro.navigateTo({ url: Routes.myListings })}
          >
            <View className="privacy-page__item-head">
              <Text className="privacy-page__item-name">{consent.title}</Text>
              <Text className="privacy-page__chevron">›</Text>
            </View>
            <Text className="privacy-page__line">
              {consent.fields.map((f) => `${CONTACT_LABELS[f.field]}：${f.public ? '已公开' : '未公开'}`).join('　')}
            </Text>
          </View>
        ))}
      </View>
    )
  }

  function renderExportResult(result: NonNullable<ReturnType<typeof useDataExport>['result']>) {
    return (
      <View className="my-data-page__result">
        <Text className="privacy-page__line my-data-page__saved">{result.saved.where}</Text>
        {result.saved.share ? (
          <Button
            className="privacy-page__secondary"
            onClick={() => void result.saved.share?.().catch(() => undefined)}
          >
            发送文件到聊天
          </Button>
        ) : null}
        <Button className="privacy-page__secondary my-data-page__copy" onClick={() => void copySummary()}>
          复制可读版本
        </Button>
        <Text className="privacy-page__summary my-data-page__summary" userSelect>
          {result.answer.summary}
        </Text>
      </View>
    )
  }
}
