/**
 * What other domains and entry points may use of moderation: whose records are whose (for the privacy
 * centre) and the role changes the command line makes. Everything else in this folder is the domain's own.
 */
export { moderationPersonalData } from './collections'
export { grantRoleByPhone, revokeRoleByPhone } from './roles'
// Other console work (answering requests) is audited like moderation, under the actor's reference.
export { appendAudit } from './audit-log'
export { refOf } from './refs'
// The message-push entry's part: an image checker's verdict.
export { receiveImageVerdict, type VerdictOutcome } from './image-verdicts'
