/**
 * What other domains and entry points may use of moderation: whose records are whose (for the privacy
 * centre) and the role changes the command line makes. Everything else in this folder is the domain's own.
 */
export { moderationPersonalData } from './collections'
export { grantRoleByPhone, revokeRoleByPhone } from './roles'
// The message-push entry's part: an image checker's verdict.
export { receiveImageVerdict, type VerdictOutcome } from './image-verdicts'
