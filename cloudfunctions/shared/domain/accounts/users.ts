import { Collections } from './collections'
import type { Profile } from '../../contracts/auth'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { maskPhone } from '../../core/mask-phone'
import { decryptPhone } from './phone-crypto'

export type AgeChoice = 'adult' | 'guardian'

/**
 * An account. The phone number is the account (the one necessary datum for a community app); platform
 * identities are bound to it on login, so the same number through SMS, WeChat or Alipay is one user.
 */
export interface UserDoc extends StoredDocument {
  /** Keyed hash of the phone number: the unique lookup key. */
  phoneHash: string
  /** AES-256-GCM ciphertext of the phone number (phone-crypto.ts); never leaves the server unmasked. */
  phoneEnc: string
  wechatOpenId: string | null
  alipayUserId: string | null
  nickname: string
  /** Storage key of the avatar file, to delete it when replaced. */
  avatarKey: string | null
  avatarUrl: string | null
  companyName: string
  brandName: string
  /** The latest age confirmation (PIPL Art. 31); the ledger holds the history. */
  age: AgeChoice
  createdAt: number
  updatedAt: number
  lastLoginAt: number
  /** IP属地 of the member's latest listing or comment (posting-region.ts); absent until they post. */
  ipRegion?: string
}

/** The platform identity fields a login can bind, each to at most one account. */
export type IdentityField = 'wechatOpenId' | 'alipayUserId'

export async function findUserBy(
  deps: Pick<Deps, 'store'>,
  field: 'phoneHash' | IdentityField,
  value: string,
): Promise<UserDoc | null> {
  const { items } = await deps.store.find<UserDoc>(Collections.users, {
    where: { [field]: value },
    orderBy: [],
    limit: 1,
  })
  return items[0] ?? null
}

export function toProfile(deps: Pick<Deps, 'secrets'>, user: UserDoc): Profile {
  return {
    userId: user._id,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    companyName: user.companyName,
    brandName: user.brandName,
    maskedPhone: maskPhone(decryptPhone(deps.secrets, user.phoneEnc)),
    createdAt: user.createdAt,
  }
}

/** The OPENID a WeChat login bound to the account, for WeChat's subscription messages; null without one. */
export async function wechatOpenIdOf(deps: Pick<Deps, 'store'>, userId: string): Promise<string | null> {
  const user = await deps.store.get<UserDoc>(Collections.users, userId)
  return user?.wechatOpenId ?? null
}
