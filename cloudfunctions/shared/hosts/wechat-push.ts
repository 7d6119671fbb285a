import type { Deps } from '../core/deps'
import type { HttpEvent, HttpResult } from '../core/handler'
import { errorFields } from '../core/logger'
import { receiveImageVerdict } from '../domain/moderation'
import { checkPushSignature, readPushBody } from '../drivers/wechat/wechat-push'

/**
 * WeChat's message push, as both hosts receive it: an HTTP request to `WECHAT_PUSH_PATH` (the server's
 * route; on CloudBase the `wechat-push` function's HTTP access path). Nothing is read before the signature
 * with `WECHAT_PUSH_TOKEN` checks out (drivers/wechat/wechat-push.ts has the wire facts): an unsigned or
 * badly signed request is refused with 403 and changes nothing. `GET` answers the console's `echostr`;
 * `POST` hands the event to its domain and answers `success`, which is what WeChat waits for.
 *
 * Only HTTP is accepted: a CloudBase function can also be invoked by `callFunction`, but a mini-program
 * client can do that too, with any payload, and such a call carries no signature.
 */
export interface PushHttpEvent extends HttpEvent {
  /** CloudBase's HTTP access puts the query here; the server builds the same. */
  queryStringParameters?: Record<string, string | undefined> | null
}

/** A push is a small JSON object; anything larger is not one. */
const MAX_PUSH_BYTES = 64 * 1024

const text = (statusCode: number, body: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body,
})

export async function handleWechatPush(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  token: string | undefined,
  event: unknown,
): Promise<HttpResult> {
  if (!isHttpEvent(event)) {
    deps.logger.warn('wechat push refused a call that is not HTTP')
    return text(403, 'forbidden')
  }
  if (!token) {
    deps.logger.warn('wechat push received but WECHAT_PUSH_TOKEN is not set')
    return text(404, 'not configured')
  }
  const query = event.queryStringParameters ?? {}
  const signed = checkPushSignature(query, token, deps.clock.now())
  if (!signed.ok) {
    deps.logger.warn('wechat push refused', { reason: signed.reason, method: event.httpMethod })
    return text(403, 'forbidden')
  }
  const method = event.httpMethod.toUpperCase()
  if (method === 'GET') {
    const echo = query.echostr
    return echo ? text(200, echo) : text(400, 'missing echostr')
  }
  if (method !== 'POST') return { ...text(405, 'method not allowed'), headers: { allow: 'GET, POST' } }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '')
  if (Buffer.byteLength(raw, 'utf8') > MAX_PUSH_BYTES) return text(413, 'too large')
  const push = readPushBody(raw)
  switch (push.kind) {
    case 'unreadable':
      deps.logger.warn('wechat push unreadable', { reason: push.reason })
      return text(400, 'unreadable')
    case 'other':
      // Pushes for events nobody here handles (customer-service messages, …): acknowledged and dropped.
      deps.logger.info('wechat push ignored', { event: push.event })
      return text(200, 'success')
    case 'mediaCheck':
      try {
        const outcome = await receiveImageVerdict(deps, push.verdict)
        deps.logger.info('wechat media check verdict', { traceId: push.verdict.traceId, outcome })
        return text(200, 'success')
      } catch (error) {
        // Not acknowledged, so WeChat retries. A retry finds the image still waiting unless the failure came
        // after its check was set; then the retry changes nothing (the decision or notice may be missing).
        deps.logger.error('wechat media check verdict failed', { traceId: push.verdict.traceId, ...errorFields(error) })
        return text(500, 'error')
      }
  }
}

function isHttpEvent(event: unknown): event is PushHttpEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false
  const record = event as Record<string, unknown>
  return typeof record.httpMethod === 'string' && !('userInfo' in record)
}
