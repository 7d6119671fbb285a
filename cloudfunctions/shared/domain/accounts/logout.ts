import { Collections } from './collections'
import type { ActionContext } from '../../core/action-context'
import { memberId } from './member'
import { revokeSession, verifySession } from './sessions'

/**
 * Ends the login the call came with. HTTP: the session is revoked, so its token fails from now on.
 * WeChat callFunction: there is no token, the OPENID itself made the caller a member, so logging out
 * unbinds it; the next WeChat login binds it again.
 */
export async function logout(ctx: ActionContext): Promise<{ loggedOut: true }> {
  const { deps, identity } = ctx
  const userId = memberId(ctx)
  if (identity.kind === 'bearer') {
    const session = await verifySession(deps, identity.token)
    await revokeSession(deps, session._id)
  } else if (identity.kind === 'wechat') {
    await deps.store.update(Collections.users, userId, { wechatOpenId: null }, { wechatOpenId: identity.openId })
  }
  return { loggedOut: true }
}
