import { DEFAULT_REVEAL_DAILY_LIMIT } from '../../contracts/interactions'

type Env = Record<string, string | undefined>

/**
 * Reveals per member per day, from REVEAL_DAILY_LIMIT (cloudbaserc.json `envVariables`, the server's
 * environment). Read when a reveal happens, like every other setting on CloudBase, so a malformed value
 * fails that action with a logged error naming the variable instead of failing the whole function, and
 * is never silently replaced by the default.
 */
export function revealDailyLimit(env: Env = process.env): number {
  const raw = env.REVEAL_DAILY_LIMIT?.trim()
  // Unset, empty, or the cloudbaserc placeholder left unfilled by the CLI: the default.
  if (!raw || /^\{\{.*\}\}$/.test(raw)) return DEFAULT_REVEAL_DAILY_LIMIT
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > 1000) {
    throw new Error(`REVEAL_DAILY_LIMIT must be a whole number from 1 to 1000, got "${raw}"`)
  }
  return value
}
