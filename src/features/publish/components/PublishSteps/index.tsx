import type { ReactNode } from 'react'
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import Taro from '@tarojs/taro'
import { CONTACT_FIELDS, LISTING_LIMITS, VALIDITY_DAYS, type ContactField, type ListingField } from '@shared/contracts'
import { formatRegion, RegionFilter } from '@/features/listings'
import { CONTACT_LABELS, shows, STEP_TITLES } from '../../draft'
import type { PublishForm } from '../../use-publish-form'
import { control } from '@/platform/control-role'
import './index.scss'

const CONTACT_RULE: Record<ContactField, ListingField> = {
  name: 'contactName',
  phone: 'phone',
  wechat: 'wechat',
  qq: 'qq',
}

const CONTACT_PLACEHOLDERS: Record<ContactField, string> = {
  name: '如：王经理',
  phone: '11 位手机号',
  wechat: '微信号（非昵称）',
  qq: 'QQ 号',
}

/**
 * The step indicator: where the member is, how far there is to go. With a known final count, 第 2/6 步
 * and a bar; while the chosen category could still change the count, the step and the next one by name.
 */
export function StepHeader({ form }: { form: PublishForm }) {
  const at = form.steps.indexOf(form.step)
  const total = form.stepTotal
  const following = form.step === 'category' ? 'content' : form.steps[at + 1]
  return (
    <View className="publish-steps__header">
      <Text className="publish-steps__progress">
        {total ? `第 ${at + 1}/${total} 步` : `第 ${at + 1} 步`} · {STEP_TITLES[form.step]}
      </Text>
      {total ? (
        <View className="publish-steps__bar">
          <View className="publish-steps__bar-fill" style={{ width: `${((at + 1) / total) * 100}%` }} />
        </View>
      ) : following ? (
        <Text className="publish-steps__following">下一步：{STEP_TITLES[following]}</Text>
      ) : null}
    </View>
  )
}

/** 12/40 under the title, and in words once the limit is reached or passed — nothing is cut silently. */
export function TitleCounter({ value }: { value: string }) {
  const length = value.trim().length
  const max = LISTING_LIMITS.titleMax
  const state = length > max ? 'over' : length === max ? 'full' : 'ok'
  return (
    <View className={`publish-counter publish-counter--${state}`}>
      {state === 'over' ? (
        <Text className="publish-counter__note">
          标题最多 {max} 个字，请删减 {length - max} 个字
        </Text>
      ) : state === 'full' ? (
        <Text className="publish-counter__note">已达 {max} 字上限</Text>
      ) : (
        <Text className="publish-counter__note">
          {LISTING_LIMITS.titleMin}–{max} 个字
        </Text>
      )}
      <Text className="publish-counter__count" aria-label={`已输入 ${length} 字，最多 ${max} 字`}>
        {length}/{max}
      </Text>
    </View>
  )
}

function Field({
  label,
  required,
  error,
  name,
  hint,
  children,
}: {
  label: string
  required?: boolean
  error?: string
  name: string
  hint?: string
  children: ReactNode
}) {
  return (
    <View className={`publish-field publish-field--${name}${error ? ' publish-field--invalid' : ''}`}>
      <Text className="publish-field__label">
        {label}
        {required ? <Text className="publish-field__required"> *</Text> : null}
      </Text>
      {children}
      {hint && !error ? <Text className="publish-field__hint">{hint}</Text> : null}
      {error ? <Text className={`publish-field__error publish-field__error--${name}`}>{error}</Text> : null}
    </View>
  )
}

export function CategoryStep({ form }: { form: PublishForm }) {
  return (
    <View className="publish-steps__body">
      <Text className="publish-steps__lead">你要发布哪一类合作信息？不同分类需要填写的内容不同。</Text>
      <View className="publish-category">
        {form.categories.map((c) => (
          <View
            {...control('button')}
            key={c.id}
            className={`publish-category__item${form.draft?.category === c.id ? ' publish-category__item--active' : ''}`}
            aria-pressed={form.draft?.category === c.id}
            onClick={() => form.chooseCategory(c.id)}
          >
            {c.name}
          </View>
        ))}
      </View>
      {form.errors.category ? <Text className="publish-field__error">{form.errors.category}</Text> : null}
    </View>
  )
}

export function ContentStep({ form }: { form: PublishForm }) {
  const { draft, category, errors } = form
  if (!draft || !category) return null
  const rule = (f: ListingField) => category.fields[f]
  return (
    <View className="publish-steps__body">
      <Field label="标题" required name="title" error={errors.title}>
        {/* No maxlength cut: a pasted or over-long title stays as typed, and the counter says what to trim. */}
        <Input
          className="publish-field__input publish-input--title"
          value={draft.title}
          maxlength={-1}
          placeholder="一句话说明合作需求"
          onInput={(e) => form.setText('title', e.detail.value)}
        />
        <TitleCounter value={draft.title} />
      </Field>
      <Field label="合作需求描述" required name="description" error={errors.description}>
        <Textarea
          className="publish-field__textarea publish-input--description"
          value={draft.description}
          maxlength={LISTING_LIMITS.descriptionMax}
          placeholder="合作方式、条件、优势、对合作方的要求等"
          onInput={(e) => form.setText('description', e.detail.value)}
        />
      </Field>
      {rule('company').shown ? (
        <Field label="公司名称" required={rule('company').required} name="company" error={errors.company}>
          <Input
            className="publish-field__input publish-input--company"
            value={draft.company}
            maxlength={LISTING_LIMITS.company}
            placeholder={rule('company').required ? '请填写公司名称' : '选填'}
            onInput={(e) => form.setText('company', e.detail.value)}
          />
        </Field>
      ) : null}
      {rule('brand').shown ? (
        <Field label="品牌名称" required={rule('brand').required} name="brand" error={errors.brand}>
          <Input
            className="publish-field__input publish-input--brand"
            value={draft.brand}
            maxlength={LISTING_LIMITS.brand}
            placeholder={rule('brand').required ? '请填写品牌名称' : '选填'}
            onInput={(e) => form.setText('brand', e.detail.value)}
          />
        </Field>
      ) : null}
      {rule('region').shown ? (
        <Field
          label="地区"
          required={rule('region').required}
          name="region"
          error={errors.region ?? errors['region.city'] ?? errors['region.province']}
        >
          <RegionFilter
            className="publish-field__region"
            mode="pick"
            placeholder={rule('region').required ? '请选择省份和城市' : '选填，不选为全国'}
            value={draft.region ?? {}}
            onChange={(r) => form.setRegion(r.province && r.city ? { province: r.province, city: r.city } : null)}
          />
        </Field>
      ) : null}
      {category.extraFields.map((f) => (
        <Field
          key={f.key}
          label={f.label}
          required={f.required}
          name={`extra-${f.key}`}
          error={errors[`extra.${f.key}`]}
        >
          <Input
            className={`publish-field__input publish-input--extra-${f.key}`}
            value={draft.extra[f.key] ?? ''}
            maxlength={f.maxLength}
            placeholder={f.placeholder || (f.required ? `请填写${f.label}` : '选填')}
            onInput={(e) => form.setExtra(f.key, e.detail.value)}
          />
        </Field>
      ))}
    </View>
  )
}

export function ImagesStep({ form }: { form: PublishForm }) {
  const { draft, errors } = form
  if (!draft) return null
  const required = form.category?.fields.images.required ?? false
  return (
    <View className="publish-steps__body">
      <Field
        label={`图片（${draft.images.length}/${LISTING_LIMITS.images}）`}
        required={required}
        name="images"
        error={errors.images}
      >
        <View className="publish-images">
          {draft.images.map((image) => (
            <View key={image.key} className="publish-images__item">
              <Image
                className="publish-images__image"
                {...imageText('已选图片')}
                {...control('button', '查看大图')}
                src={image.url}
                mode="aspectFill"
                onClick={() => void Taro.previewImage({ current: image.url, urls: draft.images.map((i) => i.url) })}
              />
              <View
                {...control('button', '删除这张图片')}
                className="publish-images__remove"
                onClick={() => form.removeImage(image.key)}
              >
                ×
              </View>
            </View>
          ))}
          {draft.images.length < LISTING_LIMITS.images ? (
            <View {...control('button')} className="publish-images__add" onClick={() => void form.addImages()}>
              {form.uploading > 0 ? `上传中（剩 ${form.uploading} 张）` : '+ 添加图片'}
            </View>
          ) : null}
        </View>
      </Field>
      <Text className="publish-steps__note">
        图片会在你的手机上压缩，并去除拍摄地点（GPS）、拍摄时间和设备型号等隐藏信息后再上传。
      </Text>
    </View>
  )
}

export function ContactStep({ form }: { form: PublishForm }) {
  const { draft, category, errors } = form
  if (!draft || !category) return null
  const fields = CONTACT_FIELDS.filter((f) => shows(category, CONTACT_RULE[f]))
  return (
    <View className="publish-steps__body">
      <View className="publish-consent-note">
        <Text className="publish-consent-note__title">公开联系方式需要你逐项单独同意</Text>
        <Text className="publish-consent-note__text">
          联系方式属于你的个人信息。只有你勾选了「公开此联系方式」的项目，才会向登录用户展示（默认打码，对方点击查看后才显示，且你能看到查看记录）；未勾选的只保存、不公开。你可以随时在「我的发布」中撤回公开。
        </Text>
      </View>
      {fields.map((field) => {
        const value = draft.contact[field]
        const ticked = draft.contact.public[field]
        const rule = category.fields[CONTACT_RULE[field]]
        return (
          <Field
            key={field}
            label={CONTACT_LABELS[field]}
            required={rule.required}
            name={`contact-${field}`}
            error={errors[`contact.${field}`]}
          >
            <Input
              className={`publish-field__input publish-input--contact-${field}`}
              type={field === 'phone' || field === 'qq' ? 'number' : 'text'}
              value={value}
              maxlength={field === 'name' ? LISTING_LIMITS.contactName : field === 'phone' ? 11 : 20}
              placeholder={CONTACT_PLACEHOLDERS[field]}
              onInput={(e) => form.setContact(field, e.detail.value)}
            />
            <View
              className={`publish-consent publish-consent--${field}${ticked ? ' publish-consent--on' : ''}${value.trim() ? '' : ' publish-consent--disabled'}`}
              role="checkbox"
              aria-checked={ticked}
              onClick={() => {
                if (value.trim()) form.setPublic(field, !ticked)
                else void Taro.showToast({ title: `请先填写${CONTACT_LABELS[field]}`, icon: 'none' })
              }}
            >
              <View className="publish-consent__box">{ticked ? '✓' : ''}</View>
              <Text className="publish-consent__label">公开此联系方式</Text>
            </View>
          </Field>
        )
      })}
    </View>
  )
}

export function ValidityStep({ form }: { form: PublishForm }) {
  const { draft } = form
  if (!draft) return null
  return (
    <View className="publish-steps__body">
      <Text className="publish-steps__lead">信息展示多久？到期后自动隐藏，可在「我的发布」中续期。</Text>
      <View className="publish-validity">
        {VALIDITY_DAYS.map((days) => (
          <View
            {...control('button')}
            aria-pressed={draft.validityDays === days}
            key={days}
            className={`publish-validity__item publish-validity__item--${days}${draft.validityDays === days ? ' publish-validity__item--active' : ''}`}
            onClick={() => form.setValidity(days)}
          >
            {days} 天
          </View>
        ))}
      </View>
      {form.errors.validityDays ? <Text className="publish-field__error">{form.errors.validityDays}</Text> : null}
    </View>
  )
}

export function PreviewStep({ form }: { form: PublishForm }) {
  const { draft, category } = form
  if (!draft || !category) return null
  const rows: [string, string][] = [
    ['分类', category.name],
    ['标题', draft.title],
    ['公司', shows(category, 'company') ? draft.company : ''],
    ['品牌', shows(category, 'brand') ? draft.brand : ''],
    ['地区', shows(category, 'region') ? formatRegion(draft.region?.province ?? '', draft.region?.city ?? '') : ''],
    ...category.extraFields.map((f): [string, string] => [f.label, draft.extra[f.key] ?? '']),
    ...(form.mode === 'create' ? [['有效期', `${draft.validityDays} 天`] as [string, string]] : []),
  ]
  const contacts = CONTACT_FIELDS.filter((f) => shows(category, CONTACT_RULE[f]) && draft.contact[f].trim())
  return (
    <View className="publish-steps__body publish-preview">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <View key={label} className="publish-preview__row">
            <Text className="publish-preview__label">{label}</Text>
            <Text className="publish-preview__value">{value}</Text>
          </View>
        ))}
      <Text className="publish-preview__description">{draft.description}</Text>
      {draft.images.length > 0 ? (
        <View className="publish-images">
          {draft.images.map((image) => (
            <Image
              key={image.key}
              className="publish-images__image publish-images__item"
              {...imageText('已选图片')}
              src={image.url}
              mode="aspectFill"
            />
          ))}
        </View>
      ) : null}
      <Text className="publish-preview__section">联系方式</Text>
      {contacts.length === 0 ? <Text className="publish-steps__note">未填写联系方式</Text> : null}
      {contacts.map((field) => (
        <View key={field} className={`publish-preview__row publish-preview__contact--${field}`}>
          <Text className="publish-preview__label">{CONTACT_LABELS[field]}</Text>
          <Text className="publish-preview__value">{draft.contact[field]}</Text>
          <Text
            className={`publish-preview__public${draft.contact.public[field] ? ' publish-preview__public--on' : ''}`}
          >
            {draft.contact.public[field] ? '公开' : '不公开'}
          </Text>
        </View>
      ))}
    </View>
  )
}

/** 上一步 / 下一步, or 确认发布 on the preview. */
export function StepFooter({ form }: { form: PublishForm }) {
  const at = form.steps.indexOf(form.step)
  const last = at === form.steps.length - 1
  return (
    <View className="publish-steps__footer">
      {form.formError ? <Text className="publish-steps__form-error">{form.formError}</Text> : null}
      <View className="publish-steps__buttons">
        {at > 0 ? (
          <Button className="publish-steps__back" onClick={() => form.back()}>
            上一步
          </Button>
        ) : null}
        {form.step === 'category' ? null : last ? (
          <Button
            className="publish-steps__submit"
            disabled={form.submitting || undefined}
            loading={form.submitting}
            onClick={() => void form.submit()}
          >
            {form.mode === 'edit' ? '保存修改' : '确认发布'}
          </Button>
        ) : (
          <Button className="publish-steps__next" disabled={form.uploading > 0 || undefined} onClick={form.next}>
            下一步
          </Button>
        )}
      </View>
    </View>
  )
}
