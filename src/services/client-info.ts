import type { Platform } from '@shared/contracts'

/** Which build this is; recorded with every consent decision and sent as `x-client-platform`. */
export const CLIENT_PLATFORM: Platform = toPlatform(process.env.TARO_ENV)

/** The app's version for the security log; the build reads it from package.json. */
export const CLIENT_VERSION: string = process.env.TARO_APP_CLIENT_VERSION || '0.0.0'

function toPlatform(env: string | undefined): Platform {
  return env === 'weapp' || env === 'alipay' ? env : 'h5'
}
