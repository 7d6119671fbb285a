/**
 * The numeric limits the domain enforces, declared with the other settings (`settings.ts`): hosts parse
 * them at start and hand them over in the deps (`deps.limits`), so no domain code reads the environment.
 */
export { DEFAULT_LIMITS, LIMIT_SETTINGS, type LimitSetting, type Limits } from '../settings'
