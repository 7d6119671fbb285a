/**
 * What other domains may use of interactions: today only whose records are whose (for the privacy
 * centre). Everything else in this folder is the domain's own.
 */
export { interactionsPersonalData } from './collections'
export { forgetMember } from './forget-member'
// Moderation's part: held comments, report groups and outcomes, decisions on comments.
export {
  applyCommentDecision,
  findComment,
  heldComments,
  markReportsProcessing,
  openReportGroups,
  resolveReportsOf,
  type CommentDecision,
  type ReportGroup,
} from './moderated-content'
export type { CommentDoc } from './comments'
export { openReportsOf } from './reports'
export { interactionStats, type InteractionStats } from './interaction-stats'
// Messages' part: a report of a conversation goes to the same reports and queue; deleting a 名片 takes it
// back from the reveals whose poster has not seen it.
export { fileReport } from './reports'
export { withdrawUnseenRevealCards } from './reveal-contact'
