import { Collections } from './collections'
import type { Caller, CallerResolver, TrustedIdentity } from '../../core/caller'
import type { Deps } from '../../core/deps'
import { sessionExpired, verifySession } from './sessions'
import { roleOf } from './roles'
import { findUserBy, type UserDoc } from './users'

export interface AccountCallerOptions {
  store: Deps['store']
  clock: Deps['clock']
  secrets: Deps['secrets']
  /**
   * Members with moderator rights from configuration (env MODERATOR_USER_IDS on both hosts): the bootstrap
   * beside the roles stored as data (roles.ts).
   */
  moderatorUserIds?: Iterable<string>
}

/**
 * The caller resolver of every function: turns what the platform vouches for into a guest or a member.
 * - a bearer token (HTTP transports) must be a valid, unexpired, unrevoked session of an existing user;
 *   anything else is UNAUTHENTICATED, never silently a guest, so the client knows to log in again;
 * - a WeChat OPENID (callFunction) is the member it was bound to by a WeChat login, or else a guest;
 * - nothing is a guest.
 */
export function createAccountCallers(options: AccountCallerOptions): CallerResolver {
  const moderators = new Set(options.moderatorUserIds ?? [])
  const member = async (user: UserDoc): Promise<Caller> => ({
    kind: 'member',
    userId: user._id,
    moderator: moderators.has(user._id) || (await roleOf(options, user._id)) !== null,
  })
  return {
    async resolve(identity: TrustedIdentity): Promise<Caller> {
      switch (identity.kind) {
        case 'bearer': {
          const session = await verifySession(options, identity.token)
          const user = await options.store.get<UserDoc>(Collections.users, session.userId)
          if (!user) throw sessionExpired()
          return member(user)
        }
        case 'wechat': {
          const user = await findUserBy(options, 'wechatOpenId', identity.openId)
          return user ? member(user) : { kind: 'guest' }
        }
        case 'none':
          return { kind: 'guest' }
      }
    },
  }
}
