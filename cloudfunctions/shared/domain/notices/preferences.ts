import { Collections } from './collections'
import {
  MAX_PUSHES_PER_KIND,
  NOTICE_KIND_LABELS,
  NOTICE_KINDS,
  SERVICE_KINDS,
  type NoticeKind,
  type NoticePreference,
} from '../../contracts/notices'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import type { Notifier } from '../../ports/notifier'

/**
 * A member's notice preferences (id = user id): the kinds they turned off, and how far they have taken
 * their copies of broadcasts. No document means everything on.
 */
export interface PreferencesDoc extends StoredDocument {
  disabled: NoticeKind[]
  /** Broadcasts published up to this moment have been copied to the member's notices. */
  broadcastsUntil: number
  /** Subscription messages agreed to and not yet sent, per kind. */
  pushes: Partial<Record<NoticeKind, number>>
  rev: number
}

export async function preferencesOf(deps: Pick<Deps, 'store'>, userId: string): Promise<PreferencesDoc | null> {
  return deps.store.get<PreferencesDoc>(Collections.preferences, userId)
}

export async function disabledKinds(deps: Pick<Deps, 'store'>, userId: string): Promise<NoticeKind[]> {
  return (await preferencesOf(deps, userId))?.disabled ?? []
}

export function toPreferences(doc: PreferencesDoc | null, notifier: Notifier): NoticePreference[] {
  const disabled = doc?.disabled ?? []
  return NOTICE_KINDS.map((kind) => {
    const reason = SERVICE_KINDS[kind] ?? null
    return {
      kind,
      label: NOTICE_KIND_LABELS[kind],
      enabled: reason !== null || !disabled.includes(kind),
      locked: reason !== null,
      reason,
      templateId: notifier.templateFor(kind),
      pushesLeft: doc?.pushes?.[kind] ?? 0,
    }
  })
}

/** Writes the member's preferences document, creating it on first use (compare-and-set on what was read). */
export async function updatePreferences(
  deps: Pick<Deps, 'store'>,
  userId: string,
  change: (current: PreferencesDoc | null) => Partial<Omit<PreferencesDoc, '_id' | 'rev'>>,
): Promise<PreferencesDoc> {
  for (let race = 0; race < 5; race++) {
    const current = await preferencesOf(deps, userId)
    const patch = change(current)
    if (!current) {
      const doc: PreferencesDoc = { _id: userId, disabled: [], broadcastsUntil: 0, pushes: {}, rev: 1, ...patch }
      try {
        await deps.store.insert(Collections.preferences, doc)
        return doc
      } catch (error) {
        if (error instanceof AppError && error.code === ErrorCode.Conflict) continue
        throw error
      }
    }
    const next = { ...patch, rev: current.rev + 1 }
    if (await deps.store.update(Collections.preferences, userId, next, { rev: current.rev }))
      return { ...current, ...next }
  }
  throw new AppError(ErrorCode.RateLimited, '操作过于频繁，请稍后再试')
}

export async function setPreference(
  deps: Pick<Deps, 'store' | 'notifier'>,
  userId: string,
  kind: NoticeKind,
  enabled: boolean,
): Promise<NoticePreference[]> {
  const reason = SERVICE_KINDS[kind]
  if (reason && !enabled) throw new AppError(ErrorCode.NotAllowed, `「${NOTICE_KIND_LABELS[kind]}」不能关闭：${reason}`)
  const saved = await updatePreferences(deps, userId, (current) => {
    const disabled = new Set(current?.disabled ?? [])
    if (enabled) disabled.delete(kind)
    else disabled.add(kind)
    return { disabled: [...disabled] }
  })
  return toPreferences(saved, deps.notifier)
}

/** One more subscription message for each kind the member just agreed to (from WeChat's dialog). */
export async function acceptPushes(
  deps: Pick<Deps, 'store' | 'notifier'>,
  userId: string,
  kinds: NoticeKind[],
): Promise<NoticePreference[]> {
  const unknown = kinds.find((kind) => deps.notifier.templateFor(kind) === null)
  if (unknown) throw new AppError(ErrorCode.InvalidInput, `「${NOTICE_KIND_LABELS[unknown]}」暂不支持订阅消息`, 'kinds')
  const saved = await updatePreferences(deps, userId, (current) => {
    const pushes = { ...(current?.pushes ?? {}) }
    for (const kind of new Set(kinds)) pushes[kind] = Math.min((pushes[kind] ?? 0) + 1, MAX_PUSHES_PER_KIND)
    return { pushes }
  })
  return toPreferences(saved, deps.notifier)
}

/** Takes one agreed subscription message of the kind, if any is left; answers whether one was taken. */
export async function takePush(deps: Pick<Deps, 'store'>, userId: string, kind: NoticeKind): Promise<boolean> {
  const current = await preferencesOf(deps, userId)
  const left = current?.pushes?.[kind] ?? 0
  if (!current || left <= 0) return false
  const next = { pushes: { ...current.pushes, [kind]: left - 1 }, rev: current.rev + 1 }
  return deps.store.update(Collections.preferences, userId, next, { rev: current.rev })
}
