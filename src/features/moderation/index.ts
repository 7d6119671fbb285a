// The 审核台's hooks and components: imported by the moderation subpackage's pages only. Pages elsewhere
// import the one file they need (use-moderator-role, use-my-decisions), so a subpackage does not carry
// the moderators' sheets.
export {
  useAuditLog,
  useModerationQueue,
  useRules,
  type AppealDecisionRequest,
  type DecideRequest,
  type ModerationQueueState,
  type PenalizeRequest,
} from './use-moderation'
export { AUDIT_ACTION_LABELS, AUDIT_FILTERS, decisionLabel, formatDateTime, QUEUE_TABS } from './labels'
export { QueueItemCard } from './components/QueueItemCard'
export { AppealDecisionSheet, DecisionSheet, PenaltySheet } from './components/ModerationSheet'
export { actorLabel } from './actor-label'
export { useModerationStats, type StatsState } from './use-stats'
export {
  NEW_CATEGORY,
  type ConsoleLoaded,
  useConsoleCategories,
  usePolicyVersions,
  type ConsoleCategoriesState,
  type PolicyVersionsState,
} from './use-console'
export {
  dailySeries,
  decisionRows,
  queueRows,
  STATS_DAY_CHOICES,
  type DailySeries,
  type StatsDays,
} from './stats-model'
export { StatsTable, type StatsTableProps } from './components/StatsTable'
export { CHARTS_DRAWN, StatsChart } from './components/StatsChart'
