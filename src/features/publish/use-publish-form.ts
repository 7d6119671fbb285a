import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  ErrorCode,
  type Category,
  type ContactField,
  type ListingImage,
  type MyListingDetail,
  type Region,
  type ValidityDays,
} from '@shared/contracts'
import { useSession } from '@/features/auth'
import { isUserNotice } from '@/features/auth/user-notice'
import { useNetworkAllowed } from '@/features/consent'
import { useCategories } from '@/features/listings'
import { api } from '@/services/api'
import { isApiError, toApiError, type ApiError } from '@/services/api-error'
import {
  createInput,
  draftFromListing,
  emptyDraft,
  errorsOn,
  stepOf,
  stepsFor,
  stepTotal,
  updateInput,
  validateDraft,
  type FieldErrors,
  type PublishDraft,
  type StepId,
} from './draft'
import { discardDraft, saveDraft, storedDraft } from './draft-store'
import { pickImages, uploadImage } from './image-picker'

type TextField = 'title' | 'description' | 'company' | 'brand'

export interface PublishForm {
  mode: 'create' | 'edit'
  /** Categories (and, when editing, the listing) still loading. */
  loading: boolean
  loadError: ApiError | null
  categories: Category[]
  category: Category | null
  draft: PublishDraft | null
  /** The form came back from an earlier visit. */
  restored: boolean
  steps: StepId[]
  /** The final number of steps, or null while a category could still change it (see `stepTotal`). */
  stepTotal: number | null
  step: StepId
  errors: FieldErrors
  /** Not tied to one field: a network failure, a refused upload, a daily limit. */
  formError: string | null
  uploading: number
  submitting: boolean
  /** The server's answer to the submission: 已发布 / 审核中 / 未通过. */
  result: MyListingDetail | null
  chooseCategory(id: string): void
  setText(field: TextField, value: string): void
  setRegion(region: Region | null): void
  setExtra(key: string, value: string): void
  setContact(field: ContactField, value: string): void
  setPublic(field: ContactField, value: boolean): void
  setValidity(days: ValidityDays): void
  addImages(): Promise<void>
  removeImage(key: string): void
  next(): void
  back(): boolean
  goTo(step: StepId): void
  submit(): Promise<void>
  /** 清空重填 / 再发一条: a new, empty draft with a new request id. */
  startOver(): void
  reload(): void
}

/**
 * The publish (or, with `editId`, edit) flow: category → fields → images → contact with a separate
 * consent per field → validity → preview → submit. A new listing's draft is saved on the device on every
 * change, restored on return and cleared once the server has it.
 */
export function usePublishForm(editId?: string): PublishForm {
  const mode = editId ? 'edit' : 'create'
  const session = useSession()
  const userId = session?.profile.userId ?? null
  const allowed = useNetworkAllowed() && Boolean(userId)
  const tabs = useCategories()
  const [draft, setDraft] = useState<PublishDraft | null>(null)
  const [restored, setRestored] = useState(false)
  const [editLoading, setEditLoading] = useState(Boolean(editId))
  const [editError, setEditError] = useState<ApiError | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [uploading, setUploading] = useState(0)
  const [submitting, setSubmitting] = useState(false)
  const [result, setResult] = useState<MyListingDetail | null>(null)
  const inFlight = useRef(false)
  const draftRef = useRef(draft)
  draftRef.current = draft

  // A new listing: the member's stored draft, or a fresh one.
  useEffect(() => {
    if (mode !== 'create' || !userId) return
    const stored = storedDraft(userId)
    setDraft(stored ?? emptyDraft(userId))
    setRestored(Boolean(stored && (stored.category || stored.title || stored.description)))
  }, [mode, userId])

  const loadListing = useCallback(async () => {
    if (!editId || !allowed || !userId) return
    setEditLoading(true)
    setEditError(null)
    try {
      setDraft(draftFromListing(await api.listings.getMyListing({ listingId: editId }), userId))
    } catch (thrown) {
      setEditError(toApiError(thrown))
    } finally {
      setEditLoading(false)
    }
  }, [editId, allowed, userId])

  useEffect(() => {
    void loadListing()
  }, [loadListing])

  const category = useMemo(
    () => tabs.categories.find((c) => c.id === draft?.category) ?? null,
    [tabs.categories, draft?.category],
  )
  const steps = useMemo(() => stepsFor(category, mode), [category, mode])
  // A new listing without a (still existing) category starts at choosing one, wherever the draft stopped.
  const step: StepId =
    mode === 'create' && !category ? 'category' : draft && steps.includes(draft.step) ? draft.step : steps[0]

  /** Every change goes through here: the form, the stored draft (new listings only), the field's error. */
  const update = useCallback(
    (change: (d: PublishDraft) => PublishDraft, clears?: string) => {
      setDraft((current) => {
        if (!current) return current
        const next = { ...change(current), updatedAt: Date.now() }
        if (mode === 'create') saveDraft(next)
        return next
      })
      if (clears) setErrors((e) => (clears in e ? without(e, clears) : e))
      setFormError(null)
    },
    [mode],
  )

  const goTo = useCallback((target: StepId) => update((d) => ({ ...d, step: target })), [update])

  const next = useCallback(() => {
    const d = draftRef.current
    if (!d) return
    const stepErrors = errorsOn(step, validateDraft(d, category))
    setErrors(stepErrors)
    if (Object.keys(stepErrors).length > 0) return
    const at = steps.indexOf(step)
    if (at < steps.length - 1) goTo(steps[at + 1])
  }, [step, steps, category, goTo])

  const back = useCallback(() => {
    const at = steps.indexOf(step)
    if (at <= 0) return false
    setErrors({})
    goTo(steps[at - 1])
    return true
  }, [step, steps, goTo])

  const addImages = useCallback(async () => {
    const d = draftRef.current
    if (!d || uploading > 0) return
    setFormError(null)
    try {
      const picked = await pickImages(9 - d.images.length)
      if (picked.length === 0) return
      setUploading(picked.length)
      // One at a time: phones on a weak network do better, and the order stays the member's.
      for (const image of picked) {
        const uploaded: ListingImage = await uploadImage(image)
        update((x) => ({ ...x, images: [...x.images, uploaded].slice(0, 9) }), 'images')
        setUploading((n) => Math.max(0, n - 1))
      }
    } catch (thrown) {
      setFormError(isUserNotice(thrown) || isApiError(thrown) ? (thrown as Error).message : '图片上传失败，请重试')
    } finally {
      setUploading(0)
    }
  }, [uploading, update])

  const submit = useCallback(async () => {
    const d = draftRef.current
    // A double tap sends once; a retry after a failure sends the same clientRequestId.
    if (!d || !category || inFlight.current) return
    const all = validateDraft(d, category)
    if (Object.keys(all).length > 0) {
      setErrors(all)
      goTo(stepOf(Object.keys(all)[0]))
      return
    }
    inFlight.current = true
    setSubmitting(true)
    setFormError(null)
    try {
      const saved =
        mode === 'edit' && editId
          ? await api.listings.updateListing(updateInput(editId, d, category))
          : await api.listings.createListing(createInput(d, category))
      if (mode === 'create') discardDraft()
      setResult(saved)
    } catch (thrown) {
      const error = toApiError(thrown)
      if (error.code === ErrorCode.InvalidInput && error.field) {
        setErrors({ [error.field]: error.message })
        goTo(stepOf(error.field))
      } else {
        setFormError(error.message)
      }
    } finally {
      inFlight.current = false
      setSubmitting(false)
    }
  }, [category, mode, editId, goTo])

  const startOver = useCallback(() => {
    if (!userId) return
    discardDraft()
    setDraft(emptyDraft(userId))
    setRestored(false)
    setErrors({})
    setFormError(null)
    setResult(null)
  }, [userId])

  return {
    mode,
    loading: (tabs.loading && tabs.categories.length === 0) || editLoading || (Boolean(userId) && !draft && !editError),
    loadError: editError ?? (tabs.categories.length === 0 ? tabs.error : null),
    categories: tabs.categories,
    category,
    draft,
    restored,
    steps,
    stepTotal: stepTotal(tabs.categories, category, mode),
    step,
    errors,
    formError,
    uploading,
    submitting,
    result,
    chooseCategory: (id) =>
      update((d) => ({ ...d, category: id, step: mode === 'create' ? 'content' : d.step }), 'category'),
    setText: (field, value) => update((d) => ({ ...d, [field]: value }), field),
    setRegion: (region) => update((d) => ({ ...d, region }), region ? 'region' : undefined),
    setExtra: (key, value) => update((d) => ({ ...d, extra: { ...d.extra, [key]: value } }), `extra.${key}`),
    setContact: (field, value) =>
      update(
        (d) => ({
          ...d,
          contact: {
            ...d.contact,
            [field]: value,
            // Emptying a field withdraws its tick: there is nothing left to publish.
            public: value.trim() ? d.contact.public : { ...d.contact.public, [field]: false },
          },
        }),
        `contact.${field}`,
      ),
    setPublic: (field, value) =>
      update((d) => ({ ...d, contact: { ...d.contact, public: { ...d.contact.public, [field]: value } } })),
    setValidity: (days) => update((d) => ({ ...d, validityDays: days }), 'validityDays'),
    addImages,
    removeImage: (key) => update((d) => ({ ...d, images: d.images.filter((i) => i.key !== key) })),
    next,
    back,
    goTo,
    submit,
    startOver,
    reload: () => {
      void tabs.reload()
      void loadListing()
    },
  }
}

function without(errors: FieldErrors, path: string): FieldErrors {
  const { [path]: _removed, ...rest } = errors
  return rest
}
