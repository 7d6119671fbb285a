/**
 * A wire-level stand-in for Tencent Cloud SMS API 3.0 (`sms.tencentcloudapi.com`) on 127.0.0.1. It
 * serves `SendSms` (2021-01-11) and authenticates every request as Tencent Cloud does, recomputing the
 * TC3-HMAC-SHA256 signature from what actually arrived (the signed headers the request names, the raw
 * body) with the secret key of the SecretId it claims:
 *
 *   CanonicalRequest = METHOD\nPATH\nQUERY\n<name:value\n per signed header, lower-cased, sorted>\nSIGNED_HEADERS\nhex(sha256(body))
 *   StringToSign = TC3-HMAC-SHA256\n<X-TC-Timestamp>\n<date>/sms/tc3_request\nhex(sha256(CanonicalRequest))
 *   key = HMAC(HMAC(HMAC("TC3" + SecretKey, date), "sms"), "tc3_request"); signature = hex(HMAC(key, StringToSign))
 *
 * Replies are HTTP 200 with `{Response:{…, RequestId}}`; failures carry `Response.Error {Code, Message}`
 * (AuthFailure.SignatureFailure, AuthFailure.SecretIdNotFound, AuthFailure.SignatureExpire, …) and
 * per-number failures a `SendStatusSet[i].Code` other than 'Ok'. Accepted messages are recorded, so a
 * test can read the code a user "received".
 *
 * It shares no code with the driver, so a signing mistake in one is not mirrored in the other.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { startLoopback } from './loopback-double'

export interface TencentSmsDoubleOptions {
  secretId?: string
  secretKey?: string
  sdkAppId?: string
  signName?: string
  templateId?: string
}

export interface SentSms {
  /** As sent, E.164: '+8613800000000'. */
  phoneNumber: string
  templateParams: string[]
  signName: string
  templateId: string
  region: string
}

export interface TencentSmsDouble {
  /** The driver's `endpoint`. */
  url: string
  /** `createTencentSms({ ...double.options, endpoint: double.url })` talks to this double. */
  options: {
    secretId: string
    secretKey: string
    sdkAppId: string
    signName: string
    templateId: string
    region: string
  }
  sent: SentSms[]
  /** The verification code last sent to this 11-digit mainland number (the first template parameter). */
  lastCodeFor(phone: string): string | undefined
  /** The next request gets `Response.Error` with this code (e.g. 'InternalError', 'LimitExceeded'). */
  failNext(code: string, message?: string): void
  /** The next number is refused in `SendStatusSet` (e.g. 'LimitExceeded.PhoneNumberDailyLimit'). */
  refuseNextNumber(code: string, message?: string): void
  /** Requests whose signature did not verify, with the reason, for assertions. */
  rejected: Array<{ code: string; message: string }>
  close(): Promise<void>
}

const SIGNATURE_WINDOW_S = 5 * 60

export async function startTencentSmsDouble(opts: TencentSmsDoubleOptions = {}): Promise<TencentSmsDouble> {
  const options = {
    secretId: opts.secretId ?? `AKID${randomBytes(12).toString('hex')}`,
    secretKey: opts.secretKey ?? randomBytes(16).toString('hex'),
    sdkAppId: opts.sdkAppId ?? '1400000000',
    signName: opts.signName ?? '质能视界',
    templateId: opts.templateId ?? '1000001',
    region: 'ap-guangzhou',
  }
  const sent: SentSms[] = []
  const rejected: TencentSmsDouble['rejected'] = []
  let injected: { code: string; message: string } | null = null
  let refusal: { code: string; message: string } | null = null

  class ApiError extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message)
    }
  }

  const authenticate = (req: IncomingMessage, raw: string): void => {
    const header = (name: string) => single(req.headers, name)
    const timestamp = Number(header('x-tc-timestamp'))
    if (!Number.isInteger(timestamp))
      throw new ApiError('MissingParameter', 'The request is missing a required parameter `Timestamp`.')
    if (Math.abs(Date.now() / 1000 - timestamp) > SIGNATURE_WINDOW_S) {
      throw new ApiError('AuthFailure.SignatureExpire', 'Signature expired. Timestamp is out of the allowed window.')
    }
    const authorization = header('authorization') ?? ''
    const match =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        authorization,
      )
    if (!match) throw new ApiError('AuthFailure.InvalidAuthorization', 'Authorization header is malformed.')
    const [, secretId, date, service, signedHeaders, signature] = match
    if (secretId !== options.secretId) throw new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found.')
    if (service !== 'sms')
      throw new ApiError('AuthFailure.SignatureFailure', 'The credential scope names another service.')
    if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) {
      throw new ApiError('AuthFailure.SignatureFailure', 'The credential date does not match the timestamp.')
    }
    const names = signedHeaders.split(';')
    if (!names.includes('host') || !names.includes('content-type') || [...names].sort().join(';') !== signedHeaders) {
      throw new ApiError('AuthFailure.SignatureFailure', 'SignedHeaders must list content-type and host, sorted.')
    }
    const url = new URL(req.url ?? '/', 'http://double')
    const canonicalHeaders = names.map((name) => `${name}:${(header(name) ?? '').trim().toLowerCase()}\n`).join('')
    const canonicalRequest = [
      req.method ?? '',
      url.pathname,
      url.search.slice(1),
      canonicalHeaders,
      signedHeaders,
      createHash('sha256').update(raw, 'utf8').digest('hex'),
    ].join('\n')
    const stringToSign = [
      'TC3-HMAC-SHA256',
      String(timestamp),
      `${date}/${service}/tc3_request`,
      createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
    ].join('\n')
    let key: Buffer = createHmac('sha256', `TC3${options.secretKey}`).update(date).digest()
    key = createHmac('sha256', key).update(service).digest()
    key = createHmac('sha256', key).update('tc3_request').digest()
    const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex')
    if (expected !== signature) {
      throw new ApiError(
        'AuthFailure.SignatureFailure',
        'The provided credentials could not be validated. Please check your signature is correct.',
      )
    }
  }

  const sendSms = (req: IncomingMessage, body: Record<string, unknown>) => {
    const region = single(req.headers, 'x-tc-region')
    if (!region) throw new ApiError('MissingParameter', 'The request is missing a required parameter `Region`.')
    if (body.SmsSdkAppId !== options.sdkAppId) {
      throw new ApiError('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist.')
    }
    if (body.SignName !== options.signName) {
      throw new ApiError('FailedOperation.SignatureIncorrectOrUnapproved', 'Signature is incorrect or unapproved.')
    }
    if (body.TemplateId !== options.templateId) {
      throw new ApiError('FailedOperation.TemplateIncorrectOrUnapproved', 'Template is incorrect or unapproved.')
    }
    const numbers = body.PhoneNumberSet
    const params = body.TemplateParamSet
    if (!Array.isArray(numbers) || numbers.length === 0 || !numbers.every((n) => typeof n === 'string')) {
      throw new ApiError('MissingParameter', 'The request is missing a required parameter `PhoneNumberSet`.')
    }
    if (params !== undefined && (!Array.isArray(params) || !params.every((p) => typeof p === 'string'))) {
      throw new ApiError('InvalidParameterValue.TemplateParameterFormatError', 'Template parameters must be strings.')
    }
    const SendStatusSet = (numbers as string[]).map((phoneNumber) => {
      const status = {
        SerialNo: `2640:${randomBytes(8).toString('hex')}`,
        PhoneNumber: phoneNumber,
        Fee: 1,
        SessionContext: '',
        IsoCode: 'CN',
      }
      if (refusal) {
        const { code, message } = refusal
        refusal = null
        return { ...status, Fee: 0, Code: code, Message: message }
      }
      if (!/^\+861\d{10}$/.test(phoneNumber)) {
        return {
          ...status,
          Fee: 0,
          Code: 'InvalidParameterValue.IncorrectPhoneNumber',
          Message: 'incorrect phone number',
        }
      }
      sent.push({
        phoneNumber,
        templateParams: [...((params as string[] | undefined) ?? [])],
        signName: String(body.SignName),
        templateId: String(body.TemplateId),
        region,
      })
      return { ...status, Code: 'Ok', Message: 'send success' }
    })
    return { SendStatusSet }
  }

  const serve = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const RequestId = randomUUID()
    const send = (payload: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ Response: { ...payload, RequestId } }))
    }
    try {
      if (req.method !== 'POST') throw new ApiError('UnsupportedOperation', 'Only POST is served by the test double.')
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new ApiError('InvalidParameter', 'Content-Type must be application/json.')
      }
      try {
        authenticate(req, raw)
      } catch (error) {
        if (error instanceof ApiError) rejected.push({ code: error.code, message: error.message })
        throw error
      }
      if (single(req.headers, 'x-tc-action') !== 'SendSms')
        throw new ApiError('InvalidAction', 'The action is not served.')
      if (single(req.headers, 'x-tc-version') !== '2021-01-11') {
        throw new ApiError('InvalidParameterValue', 'The requested API version is not served.')
      }
      if (injected) {
        const failure = injected
        injected = null
        throw new ApiError(failure.code, failure.message)
      }
      let body: unknown
      try {
        body = JSON.parse(raw)
      } catch {
        throw new ApiError('InvalidParameter', 'The body is not JSON.')
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ApiError('InvalidParameter', 'The body must be a JSON object.')
      }
      send(sendSms(req, body as Record<string, unknown>))
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      send({ Error: { Code: error.code, Message: error.message } })
    }
  }

  const server = await startLoopback((req, res, body) => serve(req, res, body.toString('utf8')))

  return {
    url: `${server.origin}/`,
    options,
    sent,
    lastCodeFor(phone) {
      const message = [...sent].reverse().find((m) => m.phoneNumber === `+86${phone}`)
      return message?.templateParams[0]
    },
    failNext(code, message = 'injected failure') {
      injected = { code, message }
    },
    refuseNextNumber(code, message = 'injected refusal') {
      refusal = { code, message }
    },
    rejected,
    close: server.close,
  }
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}
