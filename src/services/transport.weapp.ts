import Taro from '@tarojs/taro'
import { createHttpTransport, networkError, readEnvelope, type Transport } from './http-transport'

export type { Transport }

const cloudEnv = process.env.TARO_APP_CLOUD_ENV ?? ''
let cloudReady = false

// A build that names a CloudBase environment calls functions through wx.cloud; any other WeChat build
// talks HTTPS to the self-hosted server like Alipay and H5 do.
export const transport: Transport = cloudEnv
  ? {
      // No token: callFunction carries the caller's OPENID, which CloudBase fills in and the client cannot forge.
      async call(functionName, request) {
        // Initialised on first use, not at launch: nothing leaves the device before the first real call.
        if (!cloudReady) {
          Taro.cloud.init({ env: cloudEnv })
          cloudReady = true
        }
        let result: unknown
        try {
          const res = await Taro.cloud.callFunction({
            name: functionName,
            data: { action: request.action, payload: request.payload },
          })
          result = res.result
        } catch {
          throw networkError()
        }
        return readEnvelope(result)
      },
    }
  : createHttpTransport(process.env.TARO_APP_API_BASE ?? '')
