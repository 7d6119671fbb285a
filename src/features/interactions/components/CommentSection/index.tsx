import { useState } from 'react'
import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import Taro from '@tarojs/taro'
import { COMMENT_MAX_LENGTH } from '@shared/contracts'
import { formatPostedTime } from '@/features/listings/format'
import type { CommentsState } from '../../use-comments'
import { control } from '@/platform/control-role'
import './index.scss'

export interface CommentSectionProps {
  comments: CommentsState
  /** Timeline single-page mode: reading only. */
  readOnly?: boolean
}

/** 评论: the list (newest first, 查看更多), a box to write one, and 删除 where the caller may delete. */
export function CommentSection({ comments, readOnly }: CommentSectionProps) {
  const [draft, setDraft] = useState('')
  const now = Date.now()

  const send = async () => {
    if (await comments.post(draft)) setDraft('')
  }

  const confirmDelete = async (id: string) => {
    const { confirm } = await Taro.showModal({
      title: '删除评论',
      content: '删除后无法恢复，确定删除这条评论吗？',
      confirmText: '删除',
      cancelText: '取消',
    })
    if (confirm) await comments.remove(id)
  }

  return (
    <View className="comment-section">
      <Text className="comment-section__title">评论{comments.items.length > 0 ? ` ${comments.items.length}` : ''}</Text>
      {readOnly ? null : (
        <View className="comment-section__compose">
          <Textarea
            className="comment-section__input"
            value={draft}
            maxlength={COMMENT_MAX_LENGTH}
            autoHeight
            placeholder="说说你的看法，文明发言"
            onInput={(e) => setDraft(e.detail.value)}
          />
          <Button
            className="comment-section__send"
            disabled={comments.posting || draft.trim().length === 0 || undefined}
            loading={comments.posting}
            onClick={() => void send()}
          >
            发表
          </Button>
        </View>
      )}
      {comments.postError ? <Text className="comment-section__error">{comments.postError.message}</Text> : null}
      {renderList()}
    </View>
  )

  function renderList() {
    if (comments.loading) return <Text className="comment-section__state">评论加载中…</Text>
    if (comments.items.length === 0) {
      if (comments.error) {
        return (
          <View
            {...control('button')}
            className="comment-section__state comment-section__state--error"
            onClick={() => void comments.retry()}
          >
            评论加载失败，点击重试
          </View>
        )
      }
      return <Text className="comment-section__state">还没有评论</Text>
    }
    return (
      <>
        {comments.items.map((c) => (
          <View key={c.id} className="comment-section__item">
            <View className="comment-section__avatar">
              {c.author.avatarUrl ? (
                <Image
                  className="comment-section__avatar-image"
                  src={c.author.avatarUrl}
                  mode="aspectFill"
                  {...imageText('')}
                />
              ) : (
                <Text>{(c.author.nickname || '用').slice(0, 1)}</Text>
              )}
            </View>
            <View className="comment-section__main">
              <View className="comment-section__head">
                <Text className="comment-section__author">{c.author.nickname || '匿名用户'}</Text>
                <Text className="comment-section__time">
                  {formatPostedTime(c.createdAt, now)} · IP属地：{c.ipRegion}
                </Text>
              </View>
              <Text className="comment-section__content" userSelect>
                {c.content}
              </Text>
              {c.canDelete && !readOnly ? (
                <View
                  {...control('button')}
                  className="comment-section__delete"
                  onClick={() => void confirmDelete(c.id)}
                >
                  删除
                </View>
              ) : null}
            </View>
          </View>
        ))}
        {comments.error ? (
          <View
            {...control('button')}
            className="comment-section__more comment-section__state--error"
            onClick={() => void comments.retry()}
          >
            加载失败，点击重试
          </View>
        ) : comments.hasMore ? (
          <View {...control('button')} className="comment-section__more" onClick={() => void comments.loadMore()}>
            {comments.loadingMore ? '加载中…' : '查看更多评论'}
          </View>
        ) : null}
      </>
    )
  }
}
