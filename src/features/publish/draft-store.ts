import { storedValue } from '@/services/device-storage'
import { parseDraft, type PublishDraft } from './draft'

/** The unfinished publish form, on this device only, until it is submitted or discarded. */
export const PUBLISH_DRAFT_KEY = 'zn.publish-draft.v1'

const store = storedValue<PublishDraft | null>(PUBLISH_DRAFT_KEY, parseDraft)

/** The stored draft, if it belongs to this member. */
export function storedDraft(userId: string): PublishDraft | null {
  const draft = store.get()
  return draft && draft.userId === userId ? draft : null
}

export function saveDraft(draft: PublishDraft): void {
  store.set(draft)
}

export function discardDraft(): void {
  store.clear()
}
