import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  CATEGORY_NAME_MAX,
  EXTRA_FIELDS_MAX,
  EXTRA_LABEL_MAX,
  EXTRA_PLACEHOLDER_MAX,
  LISTING_FIELD_LABELS,
  LISTING_FIELDS,
  LISTING_LIMITS,
  type CategorySpec,
  type ConsoleCategory,
  type ListingField,
} from '@shared/contracts'
import { StateView } from '@/features/listings'
import { NEW_CATEGORY, useConsoleCategories, type ConsoleCategoriesState } from '@/features/moderation'
import { useModeratorRole } from '@/features/moderation/use-moderator-role'
import { control } from '@/platform/control-role'
import { ConsoleFrame } from '../console-frame'
import '../moderation.scss'
import './index.scss'

/** A category's own field as the form edits it: the limit as typed, and whether it is saved already. */
interface ExtraDraft {
  key: string
  label: string
  required: boolean
  maxLength: string
  placeholder: string
  saved: boolean
}

interface CategoryDraft {
  name: string
  fields: CategorySpec['fields']
  extraFields: ExtraDraft[]
}

const BLANK_FIELDS = Object.fromEntries(
  LISTING_FIELDS.map((f) => [f, { shown: true, required: false }]),
) as CategorySpec['fields']

function draftOf(category: ConsoleCategory | null): CategoryDraft {
  if (!category) return { name: '', fields: BLANK_FIELDS, extraFields: [] }
  return {
    name: category.name,
    fields: category.fields,
    extraFields: category.extraFields.map((f) => ({ ...f, maxLength: String(f.maxLength), saved: true })),
  }
}

/** A key no other field of the category has: 补充项 keys are what listings store their values under. */
function freshKey(extra: ExtraDraft[]): string {
  for (let n = extra.length + 1; ; n++) {
    const key = `field${n}`
    if (!extra.some((f) => f.key === key)) return key
  }
}

/** Which fields a category shows, in a line: 「公司名称（必填）、品牌 · 补充：加盟费用（必填）」. */
function fieldSummary(category: ConsoleCategory): string {
  const named = (label: string, required: boolean) => (required ? `${label}（必填）` : label)
  const fields = LISTING_FIELDS.filter((f) => category.fields[f].shown).map((f) =>
    named(LISTING_FIELD_LABELS[f], category.fields[f].required),
  )
  const extra = category.extraFields.map((f) => named(f.label, f.required))
  return `填写项：${fields.join('、') || '仅标题和描述'}${extra.length ? ` · 补充：${extra.join('、')}` : ''}`
}

/**
 * 分类管理: the categories the feed tabs and the publish form show, as data. Admins add, rename, reorder,
 * hide and edit each one's fields; a category some listing uses cannot be deleted, only hidden. Moderators
 * see the same page without the buttons. Every change is in 审核日志.
 */
export default function CategoriesPage() {
  const role = useModeratorRole()
  const state = useConsoleCategories()
  const [editing, setEditing] = useState<string | null>(null)
  const admin = role === 'admin'

  return (
    <ConsoleFrame purpose="管理分类" loaded={state} untilLoaded>
      {renderContent}
    </ConsoleFrame>
  )

  function renderContent() {
    const categories = state.data ?? []
    return (
      <View className="moderation-page category-console">
        <Text className="moderation-page__line category-console__intro">
          {admin
            ? '分类决定首页的分类标签和发布时要填写的内容。修改即时生效，并记入审核日志。'
            : '只有管理员可以修改分类；你可以查看每个分类的设置。'}
        </Text>
        {admin && editing !== NEW_CATEGORY ? (
          <Button className="category-console__add" onClick={() => setEditing(NEW_CATEGORY)}>
            新增分类
          </Button>
        ) : null}
        {editing === NEW_CATEGORY ? (
          <CategoryEditor category={null} state={state} onDone={() => setEditing(null)} />
        ) : null}
        {categories.map((category, index) =>
          editing === category.id ? (
            <CategoryEditor key={category.id} category={category} state={state} onDone={() => setEditing(null)} />
          ) : (
            <CategoryCard
              key={category.id}
              category={category}
              first={index === 0}
              last={index === categories.length - 1}
              admin={admin}
              state={state}
              onEdit={() => setEditing(category.id)}
            />
          ),
        )}
        {categories.length === 0 ? <StateView kind="empty" title="还没有分类" /> : null}
      </View>
    )
  }
}

interface CardProps {
  category: ConsoleCategory
  first: boolean
  last: boolean
  admin: boolean
  state: ConsoleCategoriesState
  onEdit(): void
}

function CategoryCard({ category, first, last, admin, state, onEdit }: CardProps) {
  const busy = state.busyId === category.id
  const error = state.actionError?.targetId === category.id ? state.actionError : null

  const hide = async () => {
    const hidden = !category.hidden
    const { confirm } = await Taro.showModal({
      title: hidden ? `隐藏「${category.name}」` : `恢复显示「${category.name}」`,
      content: hidden
        ? '隐藏后首页和发布页不再显示这个分类；已发布的信息照常展示，发布者仍可编辑。'
        : '恢复后首页和发布页重新显示这个分类。',
      confirmText: hidden ? '隐藏' : '恢复显示',
    })
    if (confirm && (await state.setHidden(category.id, hidden))) {
      void Taro.showToast({ title: hidden ? '已隐藏' : '已恢复显示', icon: 'success' })
    }
  }

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: `删除「${category.name}」`,
      content: '删除后不能恢复。',
      confirmText: '删除',
      confirmColor: '#b42318',
    })
    if (confirm && (await state.remove(category.id))) void Taro.showToast({ title: '已删除', icon: 'success' })
  }

  return (
    <View
      className={`moderation-page__card category-card${category.hidden ? ' category-card--hidden' : ''}`}
      data-category={category.id}
    >
      <View className="category-card__head">
        <Text className="category-card__name">{category.name}</Text>
        {category.hidden ? <Text className="category-card__badge">已隐藏</Text> : null}
      </View>
      <Text className="moderation-page__line">
        编号 {category.id} · {category.listingCount} 条信息使用
      </Text>
      <Text className="moderation-page__line category-card__fields">{fieldSummary(category)}</Text>
      {error ? <Text className="moderation-page__error category-card__error">{error.message}</Text> : null}
      {admin ? (
        <View className="category-card__actions">
          <Button
            className="category-card__action category-card__up"
            disabled={first || busy || undefined}
            ariaLabel={`上移「${category.name}」`}
            onClick={() => void state.move(category.id, 'up')}
          >
            上移
          </Button>
          <Button
            className="category-card__action category-card__down"
            disabled={last || busy || undefined}
            ariaLabel={`下移「${category.name}」`}
            onClick={() => void state.move(category.id, 'down')}
          >
            下移
          </Button>
          <Button className="category-card__action category-card__edit" disabled={busy || undefined} onClick={onEdit}>
            编辑
          </Button>
          <Button
            className="category-card__action category-card__hide"
            disabled={busy || undefined}
            onClick={() => void hide()}
          >
            {category.hidden ? '恢复显示' : '隐藏'}
          </Button>
          {category.listingCount === 0 ? (
            <Button
              className="category-card__action category-card__delete"
              disabled={busy || undefined}
              onClick={() => void remove()}
            >
              删除
            </Button>
          ) : null}
        </View>
      ) : null}
      {admin && category.listingCount > 0 ? (
        <Text className="moderation-page__line">有信息在用的分类不能删除，只能隐藏。</Text>
      ) : null}
    </View>
  )
}

interface EditorProps {
  category: ConsoleCategory | null
  state: ConsoleCategoriesState
  onDone(): void
}

function CategoryEditor({ category, state, onDone }: EditorProps) {
  const [draft, setDraft] = useState(() => draftOf(category))
  const target = category?.id ?? NEW_CATEGORY
  const busy = state.busyId === target
  const error = state.actionError?.targetId === target ? state.actionError : null
  const fieldError = (field: string) => (error?.field === field ? error.message : null)
  const extraError = (index: number) => (error?.field?.startsWith(`extraFields.${index}.`) ? error.message : null)
  const otherError = error && !(error.field && /^(name|extraFields\.\d)/.test(error.field)) ? error : null

  const setRule = (field: ListingField, part: 'shown' | 'required', on: boolean) => {
    const rule = { ...draft.fields[field], [part]: on }
    // Not shown is never required; required is always shown.
    if (part === 'shown' && !on) rule.required = false
    if (part === 'required' && on) rule.shown = true
    setDraft({ ...draft, fields: { ...draft.fields, [field]: rule } })
  }
  const setExtra = (index: number, change: Partial<ExtraDraft>) =>
    setDraft({ ...draft, extraFields: draft.extraFields.map((f, i) => (i === index ? { ...f, ...change } : f)) })
  const addExtra = () =>
    setDraft({
      ...draft,
      extraFields: [
        ...draft.extraFields,
        {
          key: freshKey(draft.extraFields),
          label: '',
          required: false,
          maxLength: '50',
          placeholder: '',
          saved: false,
        },
      ],
    })
  const removeExtra = (index: number) =>
    setDraft({ ...draft, extraFields: draft.extraFields.filter((_, i) => i !== index) })

  const save = async () => {
    const spec: CategorySpec = {
      ...(category ? { id: category.id } : {}),
      name: draft.name.trim(),
      fields: draft.fields,
      extraFields: draft.extraFields.map(({ saved: _saved, maxLength, ...f }) => ({
        ...f,
        label: f.label.trim(),
        maxLength: Number(maxLength),
      })),
    }
    if (await state.save(spec)) {
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onDone()
    }
  }

  return (
    <View className="moderation-page__card category-editor" data-category={category?.id ?? NEW_CATEGORY}>
      <Text className="category-editor__title">{category ? `编辑「${category.name}」` : '新增分类'}</Text>
      <Text className="category-editor__label">分类名称</Text>
      <Input
        className="category-editor__input category-editor__name"
        value={draft.name}
        maxlength={CATEGORY_NAME_MAX}
        placeholder={`2–${CATEGORY_NAME_MAX} 个字，如“品牌招商”`}
        aria-label="分类名称"
        onInput={(e) => setDraft({ ...draft, name: e.detail.value })}
      />
      {fieldError('name') ? <Text className="category-editor__error">{fieldError('name')}</Text> : null}

      <Text className="category-editor__label">发布时填写的内容（标题和描述总是必填）</Text>
      {LISTING_FIELDS.map((field) => (
        <View key={field} className="category-editor__rule" data-field={field}>
          <Text className="category-editor__rule-name">{LISTING_FIELD_LABELS[field]}</Text>
          <Toggle
            className="category-editor__shown"
            label={`${LISTING_FIELD_LABELS[field]}：显示`}
            text="显示"
            on={draft.fields[field].shown}
            onChange={(on) => setRule(field, 'shown', on)}
          />
          <Toggle
            className="category-editor__required"
            label={`${LISTING_FIELD_LABELS[field]}：必填`}
            text="必填"
            on={draft.fields[field].required}
            onChange={(on) => setRule(field, 'required', on)}
          />
        </View>
      ))}

      <Text className="category-editor__label">补充项（这个分类独有的内容，最多 {EXTRA_FIELDS_MAX} 个）</Text>
      {draft.extraFields.map((extra, index) => (
        <View key={index} className="category-editor__extra" data-extra={index}>
          <Input
            className="category-editor__input category-editor__extra-label"
            value={extra.label}
            maxlength={EXTRA_LABEL_MAX}
            placeholder="名称，如“加盟费用”"
            aria-label={`补充项 ${index + 1} 名称`}
            onInput={(e) => setExtra(index, { label: e.detail.value })}
          />
          <View className="category-editor__extra-row">
            <Input
              className="category-editor__input category-editor__extra-key"
              value={extra.key}
              disabled={extra.saved || undefined}
              maxlength={32}
              placeholder="编号（英文字母和数字）"
              aria-label={`补充项 ${index + 1} 编号${extra.saved ? '（已保存的不能改）' : ''}`}
              onInput={(e) => setExtra(index, { key: e.detail.value })}
            />
            <Input
              className="category-editor__input category-editor__extra-max"
              type="number"
              value={extra.maxLength}
              maxlength={3}
              placeholder={`字数上限 1–${LISTING_LIMITS.extraMax}`}
              aria-label={`补充项 ${index + 1} 字数上限`}
              onInput={(e) => setExtra(index, { maxLength: e.detail.value })}
            />
          </View>
          <Input
            className="category-editor__input category-editor__extra-placeholder"
            value={extra.placeholder}
            maxlength={EXTRA_PLACEHOLDER_MAX}
            placeholder="提示文字（选填）"
            aria-label={`补充项 ${index + 1} 提示文字`}
            onInput={(e) => setExtra(index, { placeholder: e.detail.value })}
          />
          <View className="category-editor__extra-row">
            <Toggle
              className="category-editor__extra-required"
              label={`补充项 ${index + 1}：必填`}
              text="必填"
              on={extra.required}
              onChange={(on) => setExtra(index, { required: on })}
            />
            <Button
              className="category-editor__extra-remove"
              ariaLabel={`删除补充项 ${index + 1}`}
              onClick={() => removeExtra(index)}
            >
              删除此项
            </Button>
          </View>
          {extraError(index) ? <Text className="category-editor__error">{extraError(index)}</Text> : null}
        </View>
      ))}
      {draft.extraFields.length < EXTRA_FIELDS_MAX ? (
        <Button className="category-editor__add-extra" onClick={addExtra}>
          添加补充项
        </Button>
      ) : null}

      {otherError ? <Text className="category-editor__error">{otherError.message}</Text> : null}
      <View className="category-editor__actions">
        <Button className="category-editor__cancel" disabled={busy || undefined} onClick={onDone}>
          取消
        </Button>
        <Button className="category-editor__save" disabled={busy || undefined} onClick={() => void save()}>
          {busy ? '保存中…' : '保存'}
        </Button>
      </View>
    </View>
  )
}

interface ToggleProps {
  className: string
  label: string
  text: string
  on: boolean
  onChange(on: boolean): void
}

/** A two-state chip (a switch for screen readers and the keyboard). */
function Toggle({ className, label, text, on, onChange }: ToggleProps) {
  return (
    <View
      className={`category-toggle ${className}${on ? ' category-toggle--on' : ''}`}
      {...control('switch', label)}
      aria-checked={on}
      onClick={() => onChange(!on)}
    >
      {on ? `✓ ${text}` : text}
    </View>
  )
}
