import { useState } from 'react'
import * as v from 'valibot'
import { Button, Text, Textarea, View } from '@tarojs/components'
import {
  REPORT_NOTE_MAX_LENGTH,
  REPORT_REASONS,
  ReportListingInput,
  type MyReport,
  type ReportReason,
} from '@shared/contracts'
import { BottomSheet } from '@/components/BottomSheet'
import { control } from '@/platform/control-role'
import './index.scss'

export interface ReportSheetProps {
  listingId: string
  onSubmit(reason: ReportReason, note: string): Promise<MyReport | null>
  onClose(): void
}

/** 举报: a reason (one of the contract's), an optional note (required for 其他), then 已提交. */
export function ReportSheet({ listingId, onSubmit, onClose }: ReportSheetProps) {
  const [reason, setReason] = useState<ReportReason | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<MyReport | null>(null)

  const submit = async () => {
    if (busy) return
    // The contract's own schema: the same messages the server would give, before anything is sent.
    const checked = v.safeParse(ReportListingInput, { listingId, reason: reason ?? '', note })
    if (!checked.success) {
      const issue = checked.issues[0]
      setError({ field: v.getDotPath(issue) ?? undefined, message: issue.message })
      return
    }
    setBusy(true)
    setError(null)
    try {
      const stored = await onSubmit(checked.output.reason, checked.output.note)
      if (stored) setDone(stored)
    } catch (thrown) {
      // `onSubmit` rejects with an error whose message is meant for the user (an ApiError from the hook).
      setError({ message: thrown instanceof Error && thrown.message ? thrown.message : '提交失败，请稍后再试' })
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      // Nothing is left to cancel: 「取消」 here would read like withdrawing the report.
      <BottomSheet title="举报" className="report-sheet" closeLabel="完成" onClose={onClose}>
        <View className="report-sheet__done">
          <Text className="report-sheet__status">{done.statusLabel}</Text>
          <Text className="report-sheet__hint">
            感谢你的反馈，我们会尽快核实处理，处理结果可在此信息的举报状态中查看。
          </Text>
        </View>
      </BottomSheet>
    )
  }

  return (
    <BottomSheet
      title="举报"
      className="report-sheet"
      onClose={onClose}
      footer={
        <>
          {error && error.field !== 'note' ? <Text className="report-sheet__error">{error.message}</Text> : null}
          <Button className="report-sheet__submit" disabled={busy || undefined} loading={busy} onClick={submit}>
            提交举报
          </Button>
        </>
      }
    >
      <Text className="report-sheet__label">请选择举报原因</Text>
      <View className="report-sheet__reasons">
        {REPORT_REASONS.map((r) => (
          <View
            {...control('button')}
            aria-pressed={reason === r}
            key={r}
            className={`report-sheet__reason${reason === r ? ' report-sheet__reason--active' : ''}`}
            onClick={() => {
              setReason(r)
              setError(null)
            }}
          >
            {r}
          </View>
        ))}
      </View>
      <Text className="report-sheet__label">补充说明{reason === '其他' ? '（必填）' : '（选填）'}</Text>
      <Textarea
        className="report-sheet__note"
        value={note}
        maxlength={REPORT_NOTE_MAX_LENGTH}
        placeholder="请描述具体问题，便于我们核实"
        onInput={(e) => {
          setNote(e.detail.value)
          if (error?.field === 'note') setError(null)
        }}
      />
      {error?.field === 'note' ? <Text className="report-sheet__error">{error.message}</Text> : null}
    </BottomSheet>
  )
}
