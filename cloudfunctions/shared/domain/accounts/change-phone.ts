import type * as v from 'valibot'
import { Collections } from './collections'
import type { ChangePhoneInput, Profile, SendPhoneChangeCodeInput, SmsCodeSent } from '../../contracts/auth'
import type { ActionContext } from '../../core/action-context'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { loadMember } from './member'
import { encryptPhone, phoneHash } from './phone-crypto'
import { recordSecurityEvent } from './security-log'
import { checkSmsCode, sendSmsCode, smsCodeId, useSmsCode } from './sms-codes'
import { assertMayGuess, claimClientSend, countWrongGuess, smsClient } from './sms-guard'
import { findUserBy, toProfile, type UserDoc } from './users'

/**
 * A member moves their account to another phone number (PIPL Art. 46, correction): a code sent to the new
 * number proves it is theirs, then the account's encrypted number and its lookup hash are replaced. The
 * account keeps its id, so sessions, listings and everything else stay with it; the old number, no longer
 * anyone's, logs in as a new account. The codes are the login's (sms-codes.ts) under their own purpose.
 */
const numberTaken = () => new AppError(ErrorCode.Conflict, '该手机号已绑定其他账号')

/**
 * Sends a code to the new number with the login's limits and human check. A number that already has an
 * account is refused without sending, and without saying whose; that answer costs the client one send
 * from its hourly budget, so a member cannot use it to test numbers for accounts faster than codes go out.
 */
export async function sendPhoneChangeCode(
  ctx: ActionContext,
  input: v.InferOutput<typeof SendPhoneChangeCodeInput>,
): Promise<SmsCodeSent> {
  const user = await loadMember(ctx)
  return sendSmsCode(ctx, input, 'phone-change', async () => {
    const hash = newNumberHash(ctx.deps, user, input.phone)
    if (await heldByAnother(ctx.deps, hash, user._id)) {
      await claimClientSend(ctx, smsClient(ctx))
      throw numberTaken()
    }
  })
}

/**
 * Replaces the number once the code for it checks out. A wrong code counts against the same limits as a
 * login's and changes nothing. The number is looked up again (another account may have taken it since
 * the code was sent), and the unique index on the hash settles a race between the two.
 */
export async function changePhone(ctx: ActionContext, input: v.InferOutput<typeof ChangePhoneInput>): Promise<Profile> {
  const { deps } = ctx
  const user = await loadMember(ctx)
  const hash = newNumberHash(deps, user, input.phone)
  const client = smsClient(ctx)
  await assertMayGuess(ctx, client)
  const code = await checkSmsCode(deps, smsCodeId(deps.secrets, input.phone, 'phone-change'), input.code, () =>
    countWrongGuess(ctx, client),
  )
  if (await heldByAnother(deps, hash, user._id)) throw numberTaken()
  await useSmsCode(deps, code, input.code)
  const patch = { phoneHash: hash, phoneEnc: encryptPhone(deps.secrets, input.phone), updatedAt: deps.clock.now() }
  let changed: boolean
  try {
    // Only from the number this request started with: of two changes racing, the second finds it gone.
    changed = await deps.store.update(Collections.users, user._id, patch, { phoneHash: user.phoneHash })
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.Conflict) throw numberTaken()
    throw error
  }
  if (!changed) throw new AppError(ErrorCode.Conflict)
  await recordSecurityEvent(deps, 'phone-change', {
    userId: user._id,
    method: 'sms',
    platform: ctx.request.platform,
    ip: ctx.request.ip,
  })
  return toProfile(deps, { ...user, ...patch })
}

/** The new number's lookup hash; the member's current number is not a change. */
function newNumberHash(deps: Deps, user: UserDoc, phone: string): string {
  const hash = phoneHash(deps.secrets, phone)
  if (hash === user.phoneHash)
    throw new AppError(ErrorCode.InvalidInput, '这是你当前的手机号，请输入新的手机号', 'phone')
  return hash
}

async function heldByAnother(deps: Deps, hash: string, userId: string): Promise<boolean> {
  const holder = await findUserBy(deps, 'phoneHash', hash)
  return holder !== null && holder._id !== userId
}
