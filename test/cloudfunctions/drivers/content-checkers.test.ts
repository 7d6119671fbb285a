import { createLocalContentRules, localContentRulesFromEnv } from '@shared/drivers/local/local-content-rules'
import { createWechatApi } from '@shared/drivers/wechat/wechat-api'
import { createWechatClient } from '@shared/drivers/wechat/wechat-client'
import { createWechatContentCheck } from '@shared/drivers/wechat/wechat-content-check'
import type { ContentChecker } from '@shared/ports/content-checker'
import { startWechatDouble, type WechatDouble } from '../../support/wechat-double'

describe('the local rule content checker', () => {
  const rules = createLocalContentRules()

  it('passes ordinary business text', async () => {
    await expect(rules.check({ text: '智能门锁诚招成都区域代理，厂家直供。', scene: 'forum' })).resolves.toEqual({
      verdict: 'pass',
    })
  })

  it('rejects a reject word, naming it; holds a review word for a moderator', async () => {
    await expect(rules.check({ text: '承接赌博网站推广', scene: 'forum' })).resolves.toEqual({
      verdict: 'reject',
      reason: '内容包含违规词「赌博」，请修改后再发布',
      label: 'blocklist',
    })
    await expect(rules.check({ text: '项目稳赚不赔', scene: 'forum' })).resolves.toMatchObject({
      verdict: 'review',
      reason: '内容包含需人工审核的词「稳赚不赔」',
    })
  })

  it('a reject word outweighs a review word in the same text', async () => {
    await expect(rules.check({ text: '高回报的私彩项目', scene: 'forum' })).resolves.toMatchObject({
      verdict: 'reject',
    })
  })

  it('spaces, punctuation, case and full-width letters do not hide a word', async () => {
    for (const text of ['赌 博', '赌-博', '赌，博', '毒\n品']) {
      await expect(rules.check({ text, scene: 'forum' })).resolves.toMatchObject({ verdict: 'reject' })
    }
    const custom = createLocalContentRules({ reject: ['SpamCo'] })
    await expect(custom.check({ text: 'ｓｐａｍ ｃｏ 招商', scene: 'forum' })).resolves.toMatchObject({
      verdict: 'reject',
    })
  })

  it('CONTENT_BLOCKLIST and CONTENT_REVIEWLIST add to the defaults (comma, full-width comma or new line)', async () => {
    const configured = localContentRulesFromEnv({ CONTENT_BLOCKLIST: '山寨， 仿冒\n水货', CONTENT_REVIEWLIST: '代购' })
    for (const word of ['山寨', '仿冒', '水货']) {
      await expect(configured.check({ text: `${word}手机批发`, scene: 'forum' })).resolves.toMatchObject({
        verdict: 'reject',
      })
    }
    await expect(configured.check({ text: '海外代购合作', scene: 'forum' })).resolves.toMatchObject({
      verdict: 'review',
    })
    await expect(configured.check({ text: '赌博', scene: 'forum' })).resolves.toMatchObject({ verdict: 'reject' })
  })
})

describe('the WeChat msgSecCheck v2 content checker against the wire-level double', () => {
  let double: WechatDouble
  let fallbackCalls: number
  let checker: ContentChecker
  const fallback: ContentChecker = {
    async check(request) {
      fallbackCalls += 1
      return createLocalContentRules().check(request)
    },
  }

  beforeEach(async () => {
    double = await startWechatDouble()
    fallbackCalls = 0
    checker = createWechatContentCheck({ client: createWechatClient(double.options), fallback })
    double.registerActiveUser('o-author')
  })
  afterEach(() => double.close())

  it('sends {content, version: 2, scene, openid} with the access token and maps pass / review / risky', async () => {
    double.flagText('博彩', 'risky', 20006)
    double.flagText('返利', 'review', 10001)

    await expect(checker.check({ text: '门锁代理招募', scene: 'forum', openId: 'o-author' })).resolves.toEqual({
      verdict: 'pass',
    })
    await expect(checker.check({ text: '注册返利活动', scene: 'comment', openId: 'o-author' })).resolves.toEqual({
      verdict: 'review',
      reason: '内容可能涉及广告信息，需人工审核',
      label: '10001',
    })
    await expect(checker.check({ text: '博彩平台合作', scene: 'forum', openId: 'o-author' })).resolves.toEqual({
      verdict: 'reject',
      reason: '内容涉及违法犯罪信息，请修改后再发布',
      label: '20006',
    })

    const checks = double.requests.filter((r) => r.api === 'msg_sec_check')
    expect(checks).toHaveLength(3)
    expect(checks[0]).toMatchObject({
      method: 'POST',
      query: { access_token: expect.any(String) },
      body: { content: '门锁代理招募', version: 2, scene: 3, openid: 'o-author' },
    })
    expect(checks[1].body).toMatchObject({ scene: 2 })
    expect(double.tokensIssued).toBe(1)
    expect(fallbackCalls).toBe(0)
  })

  it('without an OPENID (an Alipay or H5 author) the local rules decide and WeChat is not asked', async () => {
    await expect(checker.check({ text: '赌博', scene: 'forum' })).resolves.toMatchObject({ verdict: 'reject' })
    await expect(checker.check({ text: '门锁代理', scene: 'forum' })).resolves.toEqual({ verdict: 'pass' })
    expect(double.requests).toEqual([])
    expect(fallbackCalls).toBe(2)
  })

  it('when WeChat cannot check, the local rules run and a pass is held for review, never published unchecked', async () => {
    // An author WeChat does not consider active (no visit in the last 2 hours).
    await expect(checker.check({ text: '门锁代理招募', scene: 'forum', openId: 'o-stranger' })).resolves.toEqual({
      verdict: 'review',
      reason: '内容安全检查暂不可用，已转人工审核',
      label: 'unchecked',
    })
    await expect(checker.check({ text: '赌博推广', scene: 'forum', openId: 'o-stranger' })).resolves.toMatchObject({
      verdict: 'reject',
    })
    double.failNext('msg_sec_check', -1, 'system error')
    await expect(checker.check({ text: '门锁代理招募', scene: 'forum', openId: 'o-author' })).resolves.toMatchObject({
      verdict: 'review',
    })
  })

  it('a text longer than one request is checked in parts, and the worst part decides', async () => {
    double.flagText('博彩', 'risky', 20006)
    const text = `${'门锁代理招募'.repeat(400)}博彩`
    await expect(checker.check({ text, scene: 'forum', openId: 'o-author' })).resolves.toMatchObject({
      verdict: 'reject',
    })
    const parts = double.requests
      .filter((r) => r.api === 'msg_sec_check')
      .map((r) => (r.body as { content: string }).content)
    expect(parts).toHaveLength(2)
    expect(parts.map((p) => p.length)).toEqual([2000, 402])
  })

  it('an expired access token is renewed once and the check retried', async () => {
    await checker.check({ text: '门锁', scene: 'forum', openId: 'o-author' })
    double.revokeAccessTokens()
    await expect(checker.check({ text: '门锁', scene: 'forum', openId: 'o-author' })).resolves.toEqual({
      verdict: 'pass',
    })
    expect(double.tokensIssued).toBe(2)
  })

  it('the login driver and the content checker share one client and one access token', async () => {
    const client = createWechatClient(double.options)
    const shared = createWechatContentCheck({ client, fallback })
    const login = createWechatApi(client)
    double.registerPhoneCode('phone-1', '13812345678')
    await login.phoneFromCode('phone-1', '')
    await shared.check({ text: '门锁', scene: 'forum', openId: 'o-author' })
    expect(double.tokensIssued).toBe(1)
    expect(double.requests.filter((r) => r.api === 'stable_token')).toHaveLength(1)
  })
})
