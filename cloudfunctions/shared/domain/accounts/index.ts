/**
 * What other domains may use of accounts: who the member is, their account, and what others may see of
 * them. Everything else in this folder is the domain's own (a dependency rule holds other domains to this
 * file).
 */
export { loadMember, memberId } from './member'
export { notePostingRegion } from './posting-region'
export { GONE_MEMBER, posterFacts, publicProfiles, type PublicProfile } from './public-profiles'
export { wechatOpenIdOf, type UserDoc } from './users'
export { accountsPersonalData } from './collections'
export { ownerKeysOf, ownPhoneNumber } from './owner-keys'
export { endAllLogins, proveOwnPhone, revokeSessions, sendOwnNumberCode, type OwnPhoneProof } from './own-phone'
export { deleteAvatarFile } from './avatar'
export { accountIdByPhone, removeRole, roleOf, setRole } from './roles'
export {
  assertMayAct,
  imposePenalty,
  liftPenalty,
  penaltiesOf,
  penaltyInForce,
  publicAccountBans,
  type Activity,
  type PenaltyDoc,
} from './penalties'
// Moderation's part: the dashboard's logins per platform.
export { LOGIN_PLATFORMS, loginStats } from './login-stats'
// The console's part (政策版本): moderation checks the admin and audits each publication.
export {
  consentShares,
  editionsOf,
  listPublications,
  POLICY_DOCUMENT_IDS,
  publishedPolicyVersions,
  publishPolicy,
  recordInitialPublications,
} from './policy-publications'
