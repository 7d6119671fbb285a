import { createTencentSms, tc3Authorization, type TencentSmsOptions } from '@shared/drivers/tencent-sms/tencent-sms'
import { startTencentSmsDouble, type TencentSmsDouble } from '../../support/tencent-sms-double'

describe('Tencent Cloud SMS driver against the wire-level SendSms double', () => {
  let double: TencentSmsDouble

  beforeEach(async () => {
    double = await startTencentSmsDouble()
  })

  afterEach(() => double.close())

  const driver = (overrides: Partial<TencentSmsOptions> = {}) =>
    createTencentSms({ ...double.options, endpoint: double.url, ...overrides })

  it('sends the code and its lifetime to +86<phone> with the approved signature and template, TC3-signed', async () => {
    await driver().sendVerificationCode('13812345678', '493027', 5)

    expect(double.rejected).toEqual([])
    expect(double.sent).toEqual([
      {
        phoneNumber: '+8613812345678',
        templateParams: ['493027', '5'],
        signName: double.options.signName,
        templateId: double.options.templateId,
        region: 'ap-guangzhou',
      },
    ])
    expect(double.lastCodeFor('13812345678')).toBe('493027')
  })

  it('a request signed with the wrong secret key is rejected by the service, and the driver throws', async () => {
    const error = await driver({ secretKey: 'not-the-key' })
      .sendVerificationCode('13812345678', '111111', 5)
      .catch((e: unknown) => e)

    expect(double.sent).toEqual([])
    expect(double.rejected.map((r) => r.code)).toEqual(['AuthFailure.SignatureFailure'])
    expect((error as Error).message).toContain('AuthFailure.SignatureFailure')
    expect((error as Error).message).not.toContain('not-the-key')
    expect((error as Error).message).not.toContain(double.options.secretKey)
  })

  it('an unknown SecretId and a stale timestamp are rejected too', async () => {
    await expect(driver({ secretId: 'AKIDunknown' }).sendVerificationCode('13812345678', '1', 5)).rejects.toThrow(
      /AuthFailure.SecretIdNotFound/,
    )
    await expect(
      driver({ now: () => Date.now() - 10 * 60 * 1000 }).sendVerificationCode('13812345678', '1', 5),
    ).rejects.toThrow(/AuthFailure.SignatureExpire/)
  })

  it('a provider error (Response.Error) throws with its code and RequestId', async () => {
    double.failNext('InternalError.Timeout', 'request timed out')

    await expect(driver().sendVerificationCode('13812345678', '222222', 5)).rejects.toThrow(
      /SendSms failed: InternalError.Timeout: request timed out \(RequestId [0-9a-f-]{36}\)/,
    )
    expect(double.sent).toEqual([])
  })

  it('a number the provider refuses (SendStatusSet code other than Ok) throws, so the code is not counted as sent', async () => {
    double.refuseNextNumber('LimitExceeded.PhoneNumberDailyLimit', 'the number reached its daily limit')

    await expect(driver().sendVerificationCode('13812345678', '333333', 5)).rejects.toThrow(
      /not accepted: LimitExceeded.PhoneNumberDailyLimit/,
    )
    expect(double.sent).toEqual([])
  })

  it('an unapproved template is a configuration error reported by the provider', async () => {
    await expect(driver({ templateId: '999' }).sendVerificationCode('13812345678', '1', 5)).rejects.toThrow(
      /FailedOperation.TemplateIncorrectOrUnapproved/,
    )
  })
})

describe('TC3-HMAC-SHA256', () => {
  // Tencent Cloud's documented worked example (Signature v3, CVM DescribeInstances, timestamp 1551113065)
  // signs `content-type;host` over this exact payload; its published signature is reproduced here.
  it("reproduces the signature of Tencent Cloud's documented example", () => {
    const authorization = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      path: '/',
      contentType: 'application/json; charset=utf-8',
      body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestamp: 1551113065,
    })

    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=' +
        '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    )
  })
})
