import { Collections } from './collections'
import type { Platform } from '../../contracts/consent'
import type { Deps } from '../../core/deps'
import { countPerDayBy, type DayWindow } from '../common/daily-counts'

export const LOGIN_PLATFORMS = ['weapp', 'alipay', 'h5', 'unknown'] as const satisfies ReadonlyArray<
  Platform | 'unknown'
>

/**
 * Logins per platform per day, from the security log (a session record goes when it expires; the log is
 * kept for a year, anonymised after six months, which is what lets it be counted without anyone in it).
 */
export async function loginStats(
  deps: Pick<Deps, 'store'>,
  days: DayWindow[],
): Promise<Array<{ platform: (typeof LOGIN_PLATFORMS)[number]; perDay: number[] }>> {
  const series = await countPerDayBy(
    deps.store,
    Collections.securityLog,
    'at',
    days,
    { field: 'platform', values: LOGIN_PLATFORMS },
    { event: 'login' },
  )
  return series.map(({ value, perDay }) => ({ platform: value, perDay }))
}
