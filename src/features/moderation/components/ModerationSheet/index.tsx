import { useState } from 'react'
import * as v from 'valibot'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import {
  ADVERSE_DECISIONS,
  DecideAppealInput,
  DecideInput,
  DECISION_LABELS,
  MODERATION_NOTE_MAX_LENGTH,
  PENALTY_KINDS,
  PENALTY_LABELS,
  PenalizeInput,
  type DecisionKind,
  type PenaltyKind,
  type QueueItem,
  type Rule,
} from '@shared/contracts'
import { RULE_SECTIONS } from '@shared/policy/rules'
import { BottomSheet } from '@/components/BottomSheet'
import type { AppealDecisionRequest, DecideRequest, PenalizeRequest } from '../../use-moderation'
import { control } from '@/platform/control-role'
import './index.scss'

type FieldError = { field?: string; message: string } | null

/** The contract's own check, before anything is sent or confirmed: the messages the server would give. */
function check<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; output: v.InferOutput<S> } | { ok: false; field?: string; message: string } {
  const checked = v.safeParse(schema, input)
  if (checked.success) return { ok: true, output: checked.output }
  const issue = checked.issues[0]
  return { ok: false, field: v.getDotPath(issue) ?? undefined, message: issue.message }
}

export interface RulesProp {
  rules: Rule[] | null
  rulesError: string | null
  onRetryRules(): void
}

/** The rule catalogue by section, one rule chosen (or none). */
function RulePicker({
  rules,
  rulesError,
  onRetryRules,
  selected,
  onSelect,
}: RulesProp & { selected: string | undefined; onSelect(id: string): void }) {
  if (!rules) {
    return rulesError ? (
      <View {...control('button')} className="moderation-sheet__rules-error" onClick={onRetryRules}>
        规则加载失败：{rulesError}（点击重试）
      </View>
    ) : (
      <Text className="moderation-sheet__hint">规则加载中…</Text>
    )
  }
  const sections = RULE_SECTIONS.map((s) => ({
    title: `${s.number}. ${s.title}`,
    rules: rules.filter((r) => r.id.split('.')[0] === s.number),
  }))
  const known = new Set(sections.flatMap((s) => s.rules.map((r) => r.id)))
  const others = rules.filter((r) => !known.has(r.id))
  if (others.length > 0) sections.push({ title: '其他规则', rules: others })
  return (
    <View className="moderation-sheet__rules">
      {sections
        .filter((s) => s.rules.length > 0)
        .map((section) => (
          <View key={section.title} className="moderation-sheet__rule-section">
            <Text className="moderation-sheet__rule-section-title">{section.title}</Text>
            {section.rules.map((rule) => (
              <View
                {...control('button')}
                aria-pressed={selected === rule.id}
                key={rule.id}
                className={`moderation-sheet__rule${selected === rule.id ? ' moderation-sheet__rule--active' : ''}`}
                data-rule={rule.id}
                onClick={() => onSelect(rule.id)}
              >
                <Text className="moderation-sheet__rule-title">
                  {rule.id} {rule.title}
                </Text>
                <Text className="moderation-sheet__rule-description">{rule.description}</Text>
              </View>
            ))}
          </View>
        ))}
    </View>
  )
}

function NoteField({
  label,
  value,
  placeholder,
  error,
  onInput,
}: {
  label: string
  value: string
  placeholder: string
  error: FieldError
  onInput(value: string): void
}) {
  return (
    <>
      <Text className="moderation-sheet__label">{label}</Text>
      <Textarea
        className="moderation-sheet__note"
        value={value}
        maxlength={MODERATION_NOTE_MAX_LENGTH}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      {error?.field === 'note' ? <Text className="moderation-sheet__error">{error.message}</Text> : null}
    </>
  )
}

function Footer({ error, busy, text, onSubmit }: { error: FieldError; busy: boolean; text: string; onSubmit(): void }) {
  return (
    <>
      {error && error.field !== 'note' ? <Text className="moderation-sheet__error">{error.message}</Text> : null}
      <Button
        className="moderation-sheet__submit"
        disabled={busy || undefined}
        loading={busy}
        onClick={() => void onSubmit()}
      >
        {text}
      </Button>
    </>
  )
}

async function confirmed(title: string, content: string, confirmText: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
  return confirm
}

export interface DecisionSheetProps extends RulesProp {
  item: QueueItem
  decision: DecisionKind
  onSubmit(request: DecideRequest): Promise<boolean>
  onClose(): void
}

/**
 * A decision with its statement of reasons: an adverse one (不通过, 下架, 删除评论) cites a rule and states
 * the facts, and is confirmed before it is sent; the owner is told both.
 */
export function DecisionSheet({ item, decision, onSubmit, onClose, ...rules }: DecisionSheetProps) {
  const adverse = ADVERSE_DECISIONS.includes(decision)
  const [ruleId, setRuleId] = useState<string | undefined>(undefined)
  const [note, setNote] = useState('')
  const [error, setError] = useState<FieldError>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    const checked = check(DecideInput, { target: item.target, decision, ...(ruleId ? { ruleId } : {}), note })
    if (!checked.ok) return setError(checked)
    if (adverse) {
      const rule = rules.rules?.find((r) => r.id === ruleId)
      const ok = await confirmed(
        `确认${DECISION_LABELS[decision]}`,
        `依据规则 ${ruleId}「${rule?.title ?? ''}」${DECISION_LABELS[decision]}「${item.content.title}」。发布者会收到处理结果、所依据的规则和事实，并可以申诉。`,
        '确认',
      )
      if (!ok) return
    }
    setBusy(true)
    setError(null)
    const done = await onSubmit(checked.output)
    setBusy(false)
    if (done) onClose()
  }

  return (
    <BottomSheet
      title={DECISION_LABELS[decision]}
      className="moderation-sheet decision-sheet"
      onClose={onClose}
      footer={<Footer error={error} busy={busy} text={`确认${DECISION_LABELS[decision]}`} onSubmit={submit} />}
    >
      <Text className="moderation-sheet__subject">{item.content.title}</Text>
      {adverse || decision === 'dismiss' ? (
        <>
          <Text className="moderation-sheet__label">所依据的平台规则{adverse ? '（必选）' : '（选填）'}</Text>
          <RulePicker
            {...rules}
            selected={ruleId}
            onSelect={(id) => {
              setRuleId(id)
              if (error?.field === 'ruleId') setError(null)
            }}
          />
        </>
      ) : null}
      <NoteField
        label={adverse ? '处理所依据的事实（必填，发布者可见）' : '说明（选填）'}
        value={note}
        placeholder={adverse ? '例如：标题承诺“稳赚不赔”，属于保本收益承诺' : '选填'}
        error={error}
        onInput={(value) => {
          setNote(value)
          if (error?.field === 'note') setError(null)
        }}
      />
    </BottomSheet>
  )
}

const NEEDS_DAYS: PenaltyKind[] = ['publishBan', 'commentBan', 'messageBan']

export interface PenaltySheetProps extends RulesProp {
  userId: string
  nickname: string
  onSubmit(request: PenalizeRequest): Promise<boolean>
  onClose(): void
}

/** 处罚: a kind, a term in days (none for a warning; an account ban may have none), a rule and the facts. */
export function PenaltySheet({ userId, nickname, onSubmit, onClose, ...rules }: PenaltySheetProps) {
  const [kind, setKind] = useState<PenaltyKind>('publishBan')
  const [days, setDays] = useState('7')
  const [ruleId, setRuleId] = useState<string | undefined>(undefined)
  const [note, setNote] = useState('')
  const [error, setError] = useState<FieldError>(null)
  const [busy, setBusy] = useState(false)
  const termed = kind !== 'warning'

  const submit = async () => {
    if (busy) return
    const dayCount = termed && days.trim() !== '' ? Number(days.trim()) : undefined
    const checked = check(PenalizeInput, {
      userId,
      kind,
      ...(dayCount === undefined ? {} : { days: dayCount }),
      ruleId: ruleId ?? '',
      note,
    })
    if (!checked.ok) {
      return setError(checked.field === 'ruleId' ? { field: 'ruleId', message: '请选择所依据的平台规则' } : checked)
    }
    const term = dayCount === undefined ? (kind === 'warning' ? '' : '，不设期限') : `，为期 ${dayCount} 天`
    const ok = await confirmed(
      `确认${PENALTY_LABELS[kind]}`,
      `对「${nickname}」${PENALTY_LABELS[kind]}${term}，依据规则 ${ruleId}。对方会收到通知并可以申诉。`,
      '确认处罚',
    )
    if (!ok) return
    setBusy(true)
    setError(null)
    const done = await onSubmit(checked.output)
    setBusy(false)
    if (done) onClose()
  }

  return (
    <BottomSheet
      title="处罚发布者"
      className="moderation-sheet penalty-sheet"
      onClose={onClose}
      footer={<Footer error={error} busy={busy} text="确认处罚" onSubmit={submit} />}
    >
      <Text className="moderation-sheet__subject">账号：{nickname}</Text>
      <Text className="moderation-sheet__label">处罚类型</Text>
      <View className="moderation-sheet__choices">
        {PENALTY_KINDS.map((k) => (
          <View
            {...control('button')}
            aria-pressed={k === kind}
            key={k}
            className={`moderation-sheet__choice penalty-sheet__kind--${k}${k === kind ? ' moderation-sheet__choice--active' : ''}`}
            onClick={() => {
              setKind(k)
              setError(null)
            }}
          >
            {PENALTY_LABELS[k]}
          </View>
        ))}
      </View>
      {termed ? (
        <>
          <Text className="moderation-sheet__label">
            天数{NEEDS_DAYS.includes(kind) ? '（必填）' : '（封禁账号可留空，表示不设期限）'}
          </Text>
          <Input
            className="moderation-sheet__days"
            type="number"
            value={days}
            maxlength={3}
            onInput={(e) => setDays(e.detail.value)}
          />
          {error?.field === 'days' ? <Text className="moderation-sheet__error">{error.message}</Text> : null}
        </>
      ) : null}
      <Text className="moderation-sheet__label">所依据的平台规则（必选）</Text>
      <RulePicker {...rules} selected={ruleId} onSelect={setRuleId} />
      <NoteField
        label="处罚所依据的事实（必填，对方可见）"
        value={note}
        placeholder="例如：多次发布虚构资质的信息"
        error={error}
        onInput={setNote}
      />
    </BottomSheet>
  )
}

export interface AppealDecisionSheetProps {
  appealId: string
  outcome: 'grant' | 'deny'
  onSubmit(request: AppealDecisionRequest): Promise<boolean>
  onClose(): void
}

/** 申诉: granted (the content comes back, the penalty is lifted) or denied, with a note the member reads. */
export function AppealDecisionSheet({ appealId, outcome, onSubmit, onClose }: AppealDecisionSheetProps) {
  const [note, setNote] = useState('')
  const [error, setError] = useState<FieldError>(null)
  const [busy, setBusy] = useState(false)
  const title = outcome === 'grant' ? '申诉成立' : '申诉不成立'

  const submit = async () => {
    if (busy) return
    const checked = check(DecideAppealInput, { appealId, outcome, note })
    if (!checked.ok) return setError(checked)
    if (outcome === 'grant') {
      const ok = await confirmed('确认申诉成立', '原处理将被撤销：内容恢复展示，相关处罚解除。', '确认')
      if (!ok) return
    }
    setBusy(true)
    setError(null)
    const done = await onSubmit(checked.output)
    setBusy(false)
    if (done) onClose()
  }

  return (
    <BottomSheet
      title={title}
      className="moderation-sheet appeal-decision-sheet"
      onClose={onClose}
      footer={<Footer error={error} busy={busy} text={`确认${title}`} onSubmit={submit} />}
    >
      <NoteField
        label="复核说明（必填，申诉人可见）"
        value={note}
        placeholder={outcome === 'grant' ? '例如：合同条款属实，不属于收益承诺' : '例如：资质材料仍无法核实'}
        error={error}
        onInput={(value) => {
          setNote(value)
          if (error?.field === 'note') setError(null)
        }}
      />
    </BottomSheet>
  )
}
