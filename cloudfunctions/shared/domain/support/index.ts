/**
 * What other domains and entry points may use of support: whose requests are whose (for the privacy
 * centre) and the open and overdue counts the dashboard shows.
 */
export { supportPersonalData } from './collections'
export { requestCounts } from './requests'
