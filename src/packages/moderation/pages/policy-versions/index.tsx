import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ACTIVE_MEMBER_DAYS, type PolicyDocumentState } from '@shared/contracts'
import { compareVersions } from '@shared/policy/documents'
import {
  actorLabel,
  formatDateTime,
  StatsTable,
  usePolicyVersions,
  type PolicyVersionsState,
} from '@/features/moderation'
import { useModeratorRole } from '@/features/moderation/use-moderator-role'
import { ConsoleFrame } from '../console-frame'
import '../moderation.scss'
import './index.scss'

/**
 * 政策版本: the texts stay in code (generated from the data inventory); what users must agree to is the
 * version an admin published here. Publishing a newer one makes the app ask everyone again, as a new
 * edition always has; the page shows which version the active members last agreed to.
 */
export default function PolicyVersionsPage() {
  const role = useModeratorRole()
  const state = usePolicyVersions()

  return (
    <ConsoleFrame purpose="查看政策版本" loaded={state} untilLoaded>
      {renderContent}
    </ConsoleFrame>
  )

  function renderContent() {
    return (
      <View className="moderation-page policy-console">
        <Text className="moderation-page__line policy-console__intro">
          政策文本随版本发布在代码中；这里发布的版本才要求用户同意。发布新版本后，用户再次打开时会看到更新说明并重新选择。
          {role === 'admin' ? '' : '只有管理员可以发布。'}
        </Text>
        {(state.data ?? []).map((doc) => (
          <PolicyDocumentCard key={doc.document} doc={doc} admin={role === 'admin'} state={state} />
        ))}
      </View>
    )
  }
}

function PolicyDocumentCard({
  doc,
  admin,
  state,
}: {
  doc: PolicyDocumentState
  admin: boolean
  state: PolicyVersionsState
}) {
  const busy = state.busyId === doc.document
  const error = state.actionError?.targetId === doc.document ? state.actionError : null
  const pending = doc.publishable ? doc.versions.find((v) => v.version === doc.publishable) : undefined

  const publish = async () => {
    const target = doc.publishable
    if (!target) return
    // Publishing a version covers the unpublished ones between: one material change among them counts.
    const material = doc.versions.some(
      (v) => compareVersions(v.version, doc.published) > 0 && compareVersions(v.version, target) <= 0 && v.material,
    )
    const { confirm } = await Taro.showModal({
      title: `发布${doc.title} ${target}`,
      content: material
        ? '这是重大变更：发布后，用户须重新同意才能继续登录和使用需要登录的功能。'
        : '发布后，用户再次打开时会看到更新说明。',
      confirmText: '发布',
    })
    if (confirm && (await state.publish(doc.document, target))) {
      void Taro.showToast({ title: '已发布', icon: 'success' })
    }
  }

  return (
    <View className="moderation-page__card policy-doc" data-document={doc.document}>
      <Text className="policy-doc__title">{doc.title}</Text>
      <Text className="moderation-page__line policy-doc__published">当前要求同意的版本：{doc.published}</Text>
      {pending ? (
        <View className="policy-doc__pending">
          <Text className="moderation-page__line">
            待发布：{pending.version}（{pending.date}
            {pending.material ? '，重大变更' : ''}）
          </Text>
          {admin ? (
            <Button className="policy-doc__publish" disabled={busy || undefined} onClick={() => void publish()}>
              {busy ? '发布中…' : `发布 ${pending.version}`}
            </Button>
          ) : null}
        </View>
      ) : (
        <Text className="moderation-page__line">代码中的最新版本已发布。</Text>
      )}
      {error ? <Text className="moderation-page__error policy-doc__error">{error.message}</Text> : null}

      <StatsTable
        id={`shares-${doc.document}`}
        caption={`近 ${ACTIVE_MEMBER_DAYS} 天登录过的 ${doc.activeMembers} 位会员最近同意的版本`}
        columns={['版本', '人数', '占比']}
        rows={doc.shares.map((share) => ({
          key: share.version ?? 'none',
          cells: [share.version ?? '未同意（已撤回）', share.count, `${share.percent}%`],
        }))}
      />

      <Text className="policy-doc__subtitle">版本记录</Text>
      {doc.versions.map((version) => (
        <View key={version.version} className="policy-version" data-version={version.version}>
          <Text className="policy-version__head">
            {version.version} · {version.date}
            {version.material ? ' · 重大变更' : ''} ·{' '}
            {version.publishedAt === null ? '未发布' : `${formatDateTime(version.publishedAt)} 发布`}
          </Text>
          {version.summary.map((line) => (
            <Text key={line} className="policy-version__change">
              · {line}
            </Text>
          ))}
        </View>
      ))}

      <Text className="policy-doc__subtitle">发布记录</Text>
      {doc.publications.map((p) => (
        <Text key={p.id} className="moderation-page__line policy-doc__publication">
          {formatDateTime(p.publishedAt)} · {p.version} ·{' '}
          {p.publishedBy === 'system' ? '首次启动时记录' : actorLabel(p.publisher ?? '', false)}
        </Text>
      ))}
    </View>
  )
}
