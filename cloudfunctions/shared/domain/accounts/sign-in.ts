import { randomBytes } from 'node:crypto'
import * as v from 'valibot'
import { Collections } from './collections'
import { PhoneSchema, type Session } from '../../contracts/auth'
import type { ConsentDecision } from '../../contracts/consent'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { ActionContext } from '../../core/action-context'
import { appendToLedger, loadCurrentLedger, type LoginConsent, type RequiredVersions } from './consent-ledger'
import { publishedPolicyVersions } from './policy-publications'
import { encryptPhone, phoneHash } from './phone-crypto'
import { recordLogin, type LoginMethod } from './security-log'
import { issueSession } from './sessions'
import { findUserBy, toProfile, type IdentityField, type UserDoc } from './users'

/**
 * What every login shares. Each login use case proves the phone number, finds the account and checks
 * consent (`assertLoginConsent`) — every refusal happens there, before anything is written — and only
 * then calls `signIn`, which writes: the account (created or updated, with the platform identity bound),
 * the device's consent decisions, a session, the security log.
 */
export interface Account {
  phone: string
  phoneHash: string
  user: UserDoc | null
  /** The account's decisions on the required policy versions, for the consent check. */
  ledger: ConsentDecision[]
  /** The published policy versions a login must agree to. */
  required: RequiredVersions
}

export async function findAccount(deps: Deps, phone: string): Promise<Account> {
  const hash = phoneHash(deps.secrets, phone)
  const [user, required] = await Promise.all([findUserBy(deps, 'phoneHash', hash), publishedPolicyVersions(deps)])
  const ledger = user ? await loadCurrentLedger(deps, user._id, required) : []
  return { phone, phoneHash: hash, user, ledger, required }
}

/** A number a platform vouched for must still be one we can serve (mainland mobile, 11 digits). */
export function assertMainlandPhone(phone: string, field: string): string {
  if (!v.is(PhoneSchema, phone)) {
    throw new AppError(ErrorCode.InvalidInput, '暂不支持该手机号，请使用中国大陆 11 位手机号', field)
  }
  return phone
}

export interface SignIn {
  method: LoginMethod
  account: Account
  /** From assertLoginConsent, checked by the caller before anything was used up or written. */
  consent: LoginConsent
  decisions: ConsentDecision[]
  /** The platform identity this login proves, bound to the account. */
  binding?: { field: IdentityField; value: string }
  clientVersion?: string
}

export async function signIn(ctx: ActionContext, login: SignIn): Promise<Session> {
  const { deps } = ctx
  const { age } = login.consent
  if (login.binding) await unbindElsewhere(deps, login.binding, login.account.user?._id)
  const user = login.account.user
    ? await updateOnLogin(deps, login.account.user, age, login.binding)
    : await createUser(deps, login.account, age, login.binding)
  await appendToLedger(deps, user._id, login.decisions, 'device')
  const platform = ctx.request.platform !== 'unknown' ? ctx.request.platform : METHOD_PLATFORM[login.method]
  const session = await issueSession(deps, user._id, platform)
  await recordLogin(deps, {
    userId: user._id,
    method: login.method,
    platform,
    clientVersion: login.clientVersion,
    ip: ctx.request.ip,
  })
  return { ...session, profile: toProfile(deps, user) }
}

const METHOD_PLATFORM = { wechat: 'weapp', alipay: 'alipay', sms: 'unknown' } as const

async function createUser(
  deps: Deps,
  account: Account,
  age: UserDoc['age'],
  binding: SignIn['binding'],
): Promise<UserDoc> {
  const now = deps.clock.now()
  const _id = randomBytes(12).toString('hex')
  const user: UserDoc = {
    _id,
    phoneHash: account.phoneHash,
    phoneEnc: encryptPhone(deps.secrets, account.phone),
    wechatOpenId: null,
    alipayUserId: null,
    ...(binding ? { [binding.field]: binding.value } : {}),
    // Not derived from the phone number: a nickname is shown to others.
    nickname: `用户${_id.slice(-6)}`,
    avatarKey: null,
    avatarUrl: null,
    companyName: '',
    brandName: '',
    age,
    createdAt: now,
    updatedAt: now,
    lastLoginAt: now,
  }
  try {
    await deps.store.insert(Collections.users, user)
    return user
  } catch (error) {
    // Two first logins with one number raced and the other created the account (unique phoneHash): join it.
    if (!(error instanceof AppError && error.code === ErrorCode.Conflict)) throw error
    const existing = await findUserBy(deps, 'phoneHash', account.phoneHash)
    if (!existing) throw error
    return updateOnLogin(deps, existing, age, binding)
  }
}

async function updateOnLogin(
  deps: Deps,
  user: UserDoc,
  age: UserDoc['age'],
  binding: SignIn['binding'],
): Promise<UserDoc> {
  const now = deps.clock.now()
  const patch = { lastLoginAt: now, age, ...(binding ? { [binding.field]: binding.value } : {}) }
  await deps.store.update(Collections.users, user._id, patch)
  return { ...user, ...patch }
}

/**
 * A platform identity belongs to one account. When the WeChat or Alipay account now proves a different
 * phone number, the identity moves to that number's account and the old account loses it.
 */
async function unbindElsewhere(deps: Deps, binding: NonNullable<SignIn['binding']>, keep: string | undefined) {
  const { items } = await deps.store.find<UserDoc>(Collections.users, {
    where: { [binding.field]: binding.value },
    orderBy: [],
    limit: 10,
  })
  for (const other of items) {
    if (other._id === keep) continue
    await deps.store.update(Collections.users, other._id, { [binding.field]: null }, { [binding.field]: binding.value })
  }
}
