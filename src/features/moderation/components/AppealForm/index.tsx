import { useState } from 'react'
import * as v from 'valibot'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { APPEAL_TEXT_MAX_LENGTH, APPEAL_WINDOW_DAYS, AppealInput } from '@shared/contracts'
import './index.scss'

export interface AppealFormProps {
  decisionId: string
  busy: boolean
  /** The server's refusal of the last attempt, if any. */
  error: string | null
  onSubmit(text: string): Promise<boolean>
  onCancel(): void
}

/** 申诉: why the decision is wrong, 5 to 500 characters; another moderator decides it. */
export function AppealForm({ decisionId, busy, error, onSubmit, onCancel }: AppealFormProps) {
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)

  const submit = async () => {
    if (busy) return
    const checked = v.safeParse(AppealInput, { decisionId, text })
    if (!checked.success) return setInvalid(checked.issues[0].message)
    setInvalid(null)
    await onSubmit(checked.output.text)
  }

  return (
    <View className="appeal-form">
      <Text className="appeal-form__hint">
        请说明你认为处理有误的理由和事实（5–{APPEAL_TEXT_MAX_LENGTH}{' '}
        字）。申诉由另一位审核员复核，每项处理可申诉一次，须在处理后 {APPEAL_WINDOW_DAYS} 天内提出。
      </Text>
      <Textarea
        className="appeal-form__text"
        value={text}
        maxlength={APPEAL_TEXT_MAX_LENGTH}
        placeholder="例如：这是保底协议，合同第 3 条写明……"
        onInput={(e) => {
          setText(e.detail.value)
          setInvalid(null)
        }}
      />
      <Text className="appeal-form__count">
        {text.trim().length} / {APPEAL_TEXT_MAX_LENGTH}
      </Text>
      {invalid || error ? <Text className="appeal-form__error">{invalid ?? error}</Text> : null}
      <View className="appeal-form__actions">
        <Button className="appeal-form__cancel" disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button
          className="appeal-form__submit"
          disabled={busy || undefined}
          loading={busy}
          onClick={() => void submit()}
        >
          提交申诉
        </Button>
      </View>
    </View>
  )
}
