import { Button, Text, View } from '@tarojs/components'
import type { MyListingDetail } from '@shared/contracts'
import './index.scss'

export interface PublishResultProps {
  result: MyListingDetail
  mode: 'create' | 'edit'
  onOpen(): void
  onMine(): void
  onAnother(): void
}

const OUTCOME: Record<string, { title: string; hint: string; tone: 'ok' | 'wait' | 'no' }> = {
  published: { title: '已发布', hint: '你的信息已展示在首页，其他用户可以搜索和查看。', tone: 'ok' },
  pending: {
    title: '审核中',
    hint: '信息需要人工审核，通过后自动展示。审核结果可在「我的发布」中查看。',
    tone: 'wait',
  },
  rejected: { title: '未通过', hint: '请根据原因修改后重新提交。', tone: 'no' },
}

/** What the server decided about the submission: 已发布 / 审核中 / 未通过 (with its reason). */
export function PublishResult({ result, mode, onOpen, onMine, onAnother }: PublishResultProps) {
  const outcome = OUTCOME[result.status] ?? { title: '已提交', hint: '可在「我的发布」中查看状态。', tone: 'wait' }
  return (
    <View className={`publish-result publish-result--${outcome.tone}`}>
      <View className="publish-result__icon">{outcome.tone === 'ok' ? '✓' : outcome.tone === 'no' ? '!' : '…'}</View>
      <Text className="publish-result__title">{outcome.title}</Text>
      {result.reviewReason ? <Text className="publish-result__reason">原因：{result.reviewReason}</Text> : null}
      <Text className="publish-result__hint">{outcome.hint}</Text>
      {result.status === 'published' ? (
        <Button className="publish-result__primary" onClick={onOpen}>
          查看信息
        </Button>
      ) : null}
      <Button className="publish-result__secondary" onClick={onMine}>
        我的发布
      </Button>
      {mode === 'create' ? (
        <Button className="publish-result__secondary publish-result__another" onClick={onAnother}>
          再发一条
        </Button>
      ) : null}
    </View>
  )
}
