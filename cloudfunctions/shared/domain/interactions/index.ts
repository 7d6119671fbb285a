/**
 * What other domains may use of interactions: today only whose records are whose (for the privacy
 * centre). Everything else in this folder is the domain's own.
 */
export { interactionsPersonalData } from './collections'
export { forgetMember } from './forget-member'
