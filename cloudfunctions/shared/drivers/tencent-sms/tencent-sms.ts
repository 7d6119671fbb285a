import { createHash, createHmac } from 'node:crypto'
import type { SmsSender } from '../../ports/sms-sender'
import { describeError, isRecord, isTimeout } from '../http-errors'

/**
 * The SmsSender port over Tencent Cloud SMS API 3.0 `SendSms` (version 2021-01-11), signed with
 * TC3-HMAC-SHA256 in node:crypto. Wire facts (Tencent Cloud "Signature v3" and tencentcloud-sdk-nodejs
 * `Sign.sign3`):
 *
 *   POST https://sms.tencentcloudapi.com/   JSON body
 *   headers: Content-Type, Host, X-TC-Action: SendSms, X-TC-Version: 2021-01-11, X-TC-Region (required
 *   since 2021-01-11), X-TC-Timestamp (unix seconds), Authorization
 *   CanonicalRequest = POST \n / \n (empty query) \n content-type:<ct>\nhost:<host>\n \n content-type;host \n hex(SHA256(body))
 *   StringToSign     = TC3-HMAC-SHA256 \n <timestamp> \n <UTC date>/sms/tc3_request \n hex(SHA256(CanonicalRequest))
 *   kDate = HMAC("TC3" + SecretKey, date); kService = HMAC(kDate, "sms"); kSigning = HMAC(kService, "tc3_request")
 *   Signature = hex(HMAC(kSigning, StringToSign))
 *   Authorization: TC3-HMAC-SHA256 Credential=<SecretId>/<date>/sms/tc3_request, SignedHeaders=content-type;host, Signature=<hex>
 *
 * Reply: `{Response:{SendStatusSet:[{SerialNo, PhoneNumber, Fee, Code:'Ok', Message, IsoCode}], RequestId}}`
 * or `{Response:{Error:{Code, Message}, RequestId}}`. Anything but `Code: 'Ok'` is a failed delivery.
 */
export interface TencentSmsOptions {
  secretId: string
  secretKey: string
  /** The SMS application's SdkAppId (1400…). */
  sdkAppId: string
  /** An approved signature (签名) name. */
  signName: string
  /** An approved verification-code template with two parameters: the code and its lifetime in minutes. */
  templateId: string
  region: string
  /** Defaults to https://sms.tencentcloudapi.com; tests point it at a loopback double. */
  endpoint?: string
  fetch?: typeof fetch
  timeoutMs?: number
  now?: () => number
}

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com'
export const SMS_SERVICE = 'sms'
export const SMS_VERSION = '2021-01-11'
const CONTENT_TYPE = 'application/json; charset=utf-8'
const SIGNED_HEADERS = 'content-type;host'

export function createTencentSms(options: TencentSmsOptions): SmsSender {
  const endpoint = new URL(options.endpoint ?? TENCENT_SMS_ENDPOINT)
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  const now = options.now ?? Date.now

  return {
    delivery: 'sms',
    async sendVerificationCode(phone, code, ttlMinutes) {
      const body = JSON.stringify({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: options.sdkAppId,
        SignName: options.signName,
        TemplateId: options.templateId,
        TemplateParamSet: [code, String(ttlMinutes)],
      })
      const timestamp = Math.floor(now() / 1000)
      const authorization = tc3Authorization({
        secretId: options.secretId,
        secretKey: options.secretKey,
        service: SMS_SERVICE,
        host: endpoint.host,
        path: endpoint.pathname || '/',
        contentType: CONTENT_TYPE,
        body,
        timestamp,
      })

      let res: Response
      try {
        res = await doFetch(endpoint, {
          method: 'POST',
          headers: {
            'Content-Type': CONTENT_TYPE,
            'X-TC-Action': 'SendSms',
            'X-TC-Version': SMS_VERSION,
            'X-TC-Region': options.region,
            'X-TC-Timestamp': String(timestamp),
            Authorization: authorization,
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (error) {
        const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : describeError(error)
        throw new Error(`Tencent Cloud SendSms request failed: ${reason}`)
      }
      const text = await res.text()
      if (!res.ok) throw new Error(`Tencent Cloud SendSms answered HTTP ${res.status}`)
      let reply: unknown
      try {
        reply = JSON.parse(text)
      } catch {
        throw new Error('Tencent Cloud SendSms answered with a body that is not JSON')
      }
      const response = isRecord(reply) ? reply.Response : undefined
      if (!isRecord(response)) throw new Error('Tencent Cloud SendSms answered without Response')
      const requestId = typeof response.RequestId === 'string' ? ` (RequestId ${response.RequestId})` : ''
      if (isRecord(response.Error)) {
        // Codes like AuthFailure.SignatureFailure or FailedOperation.TemplateIncorrectOrUnapproved name a
        // configuration problem for the operator; the user only learns that sending failed.
        throw new Error(
          `Tencent Cloud SendSms failed: ${String(response.Error.Code)}: ${String(response.Error.Message ?? '')}${requestId}`,
        )
      }
      const status = Array.isArray(response.SendStatusSet) ? response.SendStatusSet[0] : undefined
      if (!isRecord(status)) throw new Error(`Tencent Cloud SendSms answered without SendStatusSet${requestId}`)
      if (status.Code !== 'Ok') {
        // e.g. LimitExceeded.PhoneNumberDailyLimit, FailedOperation.InsufficientBalanceInSmsPackage.
        throw new Error(
          `Tencent Cloud SendSms was not accepted: ${String(status.Code)}: ${String(status.Message ?? '')}${requestId}`,
        )
      }
    },
  }
}

export interface Tc3Input {
  secretId: string
  secretKey: string
  service: string
  host: string
  path: string
  contentType: string
  body: string
  timestamp: number
}

/** The Authorization header value of a TC3-HMAC-SHA256 signed POST (JSON body, no query string). */
export function tc3Authorization(input: Tc3Input): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10)
  const scope = `${date}/${input.service}/tc3_request`
  const canonicalRequest = [
    'POST',
    input.path,
    '',
    `content-type:${input.contentType}\nhost:${input.host}\n`,
    SIGNED_HEADERS,
    sha256Hex(input.body),
  ].join('\n')
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n')
  const kDate = hmac(`TC3${input.secretKey}`, date)
  const kService = hmac(kDate, input.service)
  const kSigning = hmac(kService, 'tc3_request')
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex')
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest()
}
