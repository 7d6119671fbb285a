import * as v from 'valibot'
import { action } from '@shared/contracts/common'
import { AppError, ErrorCode } from '@shared/core/app-error'
import type { Caller, CallerResolver, TrustedIdentity } from '@shared/core/caller'
import type { CallerResolver as Resolver } from '@shared/core/caller'
import { AppError as Refusal, ErrorCode as Code } from '@shared/core/app-error'

/** A resolver that knows no sessions: everyone is a guest and any bearer token is refused. */
const anonymousCallers: Resolver = {
  async resolve(identity) {
    if (identity.kind === 'bearer') throw new Refusal(Code.Unauthenticated, '登录已失效，请重新登录')
    return { kind: 'guest' }
  },
}
import { createMain, defineFunction, MAX_BODY_BYTES, type HttpResult } from '@shared/core/handler'
import { createLogger } from '@shared/core/logger'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../support/embedded'

describe('the handler adapter', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend()
  })
  afterEach(() => backend.dispose())

  const body = (r: HttpResult) =>
    JSON.parse(r.body) as { ok: boolean; error?: { code: string; field?: string; message: string } }

  it('answers a CloudBase callFunction event with a plain envelope', async () => {
    const result = await backend.callFunction('listings', { action: 'listCategories', payload: {} })
    expect(result).toMatchObject({ ok: true })
    expect(Array.isArray((result as { data: unknown }).data)).toBe(true)
  })

  it('answers an HTTP-access event with status, JSON content type and the same envelope', async () => {
    const result = await backend.callHttp('listings', { action: 'listCategories', payload: {} })
    expect(result.statusCode).toBe(200)
    expect(result.headers['content-type']).toMatch(/application\/json/)
    expect(body(result)).toMatchObject({ ok: true })
  })

  it('an unknown action is refused with UNKNOWN_ACTION, also for prototype names', async () => {
    for (const name of ['dropEverything', '__proto__', 'constructor', 'toString']) {
      const result = await backend.callHttp('listings', { action: name, payload: {} })
      expect(result.statusCode).toBe(404)
      expect(body(result).error?.code).toBe('UNKNOWN_ACTION')
    }
  })

  it('an unknown function is refused with UNKNOWN_FUNCTION', async () => {
    const result = await backend.callHttp('payments', { action: 'listListings' })
    expect(result.statusCode).toBe(404)
    expect(body(result).error?.code).toBe('UNKNOWN_FUNCTION')
  })

  it('a missing action names the action field', async () => {
    expect(await backend.callFunction('listings', { payload: {} })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'action' },
    })
  })

  it('malformed JSON, a JSON array and a non-POST method are MALFORMED_REQUEST', async () => {
    for (const raw of ['{"action":', '[1,2]', '"text"']) {
      const result = await backend.callHttp('listings', raw)
      expect(result.statusCode).toBe(400)
      expect(body(result).error?.code).toBe('MALFORMED_REQUEST')
    }
    const get = (await backend.mains.listings({ httpMethod: 'GET', body: '' })) as HttpResult
    expect(body(get).error?.code).toBe('MALFORMED_REQUEST')
  })

  it('a body over the limit is refused with PAYLOAD_TOO_LARGE before it is parsed', async () => {
    const huge = JSON.stringify({ action: 'listListings', payload: { city: 'x'.repeat(MAX_BODY_BYTES) } })
    const result = await backend.callHttp('listings', huge)
    expect(result.statusCode).toBe(413)
    expect(body(result).error?.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('a base64-encoded HTTP body (as CloudBase may deliver it) is decoded', async () => {
    const raw = Buffer.from(JSON.stringify({ action: 'listCategories', payload: {} })).toString('base64')
    const result = (await backend.mains.listings({
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
      isBase64Encoded: true,
    })) as HttpResult
    expect(body(result).ok).toBe(true)
  })

  it('an unexpected failure becomes INTERNAL with no stack trace or internals on the wire, and is logged', async () => {
    const lines: string[] = []
    const deps = { ...backend.deps, logger: createLogger((l) => lines.push(l)) }
    const broken = defineFunction(
      'broken',
      { explode: action<never>()(v.object({}), 'guest') },
      {
        explode: async () => {
          throw new Error('SQLITE_CORRUPT: secret table c_users')
        },
      },
    )
    const main = createMain(broken, () => deps)
    const result = (await main({
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'explode', payload: {} }),
    })) as HttpResult
    expect(result.statusCode).toBe(500)
    expect(result.body).not.toMatch(/SQLITE|secret|at /)
    expect(body(result).error).toEqual({ code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
    expect(lines.some((l) => JSON.parse(l).level === 'error' && l.includes('SQLITE_CORRUPT'))).toBe(true)
  })

  describe('identity comes only from trusted context', () => {
    const seen: TrustedIdentity[] = []
    const recording: CallerResolver = {
      async resolve(identity) {
        seen.push(identity)
        return { kind: 'guest' }
      },
    }
    const whoAmI = defineFunction(
      'probe',
      { whoAmI: action<Caller>()(v.object({}), 'guest'), secret: action<string>()(v.object({}), 'member') },
      {
        whoAmI: async (_input, { caller }) => caller,
        secret: async () => 'for members',
      },
    )

    beforeEach(() => {
      seen.length = 0
    })

    it('a callFunction event carries the platform OPENID in userInfo, and that is what the resolver sees', async () => {
      const main = createMain(whoAmI, () => ({ ...backend.deps, callers: recording }))
      await main({ action: 'whoAmI', payload: {}, userInfo: { openId: 'o-platform', appId: 'wx-app' } })
      expect(seen).toEqual([{ kind: 'wechat', openId: 'o-platform', appId: 'wx-app' }])
    })

    it('identity fields in the payload or the HTTP body are never used', async () => {
      const main = createMain(whoAmI, () => ({ ...backend.deps, callers: recording }))
      await main({ action: 'whoAmI', payload: { openid: 'o-forged', userId: 'u-forged' } })
      await main({
        httpMethod: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'whoAmI', payload: {}, userInfo: { openId: 'o-forged' }, openid: 'o-forged' }),
      })
      expect(seen).toEqual([{ kind: 'none' }, { kind: 'none' }])
    })

    it('an HTTP bearer token is handed to the resolver, and a malformed Authorization header is UNAUTHENTICATED', async () => {
      const main = createMain(whoAmI, () => ({ ...backend.deps, callers: recording }))
      const req = (authorization: string) => ({
        httpMethod: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'whoAmI', payload: {} }),
      })
      await main(req('Bearer abc.def'))
      expect(seen).toEqual([{ kind: 'bearer', token: 'abc.def' }])
      const bad = (await main(req('Basic Zm9vOmJhcg=='))) as HttpResult
      expect(body(bad).error?.code).toBe('UNAUTHENTICATED')
    })

    it('until accounts exist every caller is a guest, a bearer token is refused, and member actions say to log in', async () => {
      const main = createMain(whoAmI, () => ({ ...backend.deps, callers: anonymousCallers }))
      expect(await main({ action: 'whoAmI', payload: {}, userInfo: { openId: 'o-1' } })).toEqual({
        ok: true,
        data: { kind: 'guest' },
      })
      expect(await main({ action: 'secret', payload: {} })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
      const withToken = (await main({
        httpMethod: 'POST',
        headers: { authorization: 'Bearer forged', 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'whoAmI', payload: {} }),
      })) as HttpResult
      expect(withToken.statusCode).toBe(401)
    })

    it('a moderator-only action refuses a member who is not a moderator with NOT_ALLOWED', async () => {
      const member: CallerResolver = { resolve: async () => ({ kind: 'member', userId: 'u1', moderator: false }) }
      const guarded = defineFunction(
        'ops',
        { review: action<string>()(v.object({}), 'moderator') },
        { review: async () => 'reviewed' },
      )
      const main = createMain(guarded, () => ({ ...backend.deps, callers: member }))
      expect(await main({ action: 'review', payload: {} })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    })
  })

  it('an AppError thrown by a domain service keeps its code, message and field', async () => {
    const fn = defineFunction(
      'x',
      { act: action<never>()(v.object({}), 'guest') },
      {
        act: async () => {
          throw new AppError(ErrorCode.Conflict, '标题重复', 'title')
        },
      },
    )
    const main = createMain(fn, () => backend.deps)
    expect(await main({ action: 'act', payload: {} })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '标题重复', field: 'title' },
    })
  })
})
