import { Collections } from './collections'
import type { BusinessCard, CardField, SentCard } from '../../contracts/cards'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { insertOnce } from '../common/insert-once'

type CardDoc = StoredDocument & BusinessCard

const toCard = ({ name, company, title, phone, wechat, updatedAt }: CardDoc): BusinessCard => ({
  name,
  company,
  title,
  phone,
  wechat,
  updatedAt,
})

export async function cardOf(deps: Pick<Deps, 'store'>, userId: string): Promise<BusinessCard | null> {
  const doc = await deps.store.get<CardDoc>(Collections.businessCards, userId)
  return doc ? toCard(doc) : null
}

export async function saveCard(
  deps: Pick<Deps, 'store' | 'clock'>,
  userId: string,
  input: Omit<BusinessCard, 'updatedAt'>,
): Promise<BusinessCard> {
  const card: BusinessCard = { ...input, updatedAt: deps.clock.now() }
  const { store } = deps
  // The first save inserts; a save racing it finds the card there and updates it, as a later save would.
  if (!(await store.update(Collections.businessCards, userId, { ...card }))) {
    if (!(await insertOnce(deps, Collections.businessCards, { _id: userId, ...card }))) {
      await store.update(Collections.businessCards, userId, { ...card })
    }
  }
  return card
}

/** Deletes the card itself; taking back the snapshots already sent is up to the domains that sent them. */
export async function deleteCard(deps: Pick<Deps, 'store'>, userId: string): Promise<void> {
  await deps.store.delete(Collections.businessCards, userId)
}

/**
 * The chosen fields of the member's card, as they are now: what a message or a reveal carries. No card, or
 * a chosen field left empty, is an input error on `card`.
 */
export async function chosenCard(deps: Pick<Deps, 'store'>, userId: string, fields: CardField[]): Promise<SentCard> {
  const card = await cardOf(deps, userId)
  if (!card) throw new AppError(ErrorCode.InvalidInput, '请先填写名片', 'card')
  const empty = fields.filter((f) => card[f].length === 0)
  if (empty.length > 0) throw new AppError(ErrorCode.InvalidInput, '所选名片项目尚未填写', 'card')
  return Object.fromEntries(fields.map((f) => [f, card[f]]))
}
