import { limitsFrom, parseSettings, SETTINGS, SettingError, DEFAULT_LIMITS, variablesOf } from '@shared/settings'

const errorOf = (run: () => unknown): Error => {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a throw')
}

describe('settings: each variable declared once, parsed by its schema', () => {
  it('unset, empty or an unrendered placeholder: every variable has its default', () => {
    for (const env of [{}, { PORT: '', SMS_CAPTCHA: '{{env.SMS_CAPTCHA}}', REVEAL_DAILY_LIMIT: '  ' }]) {
      const values = parseSettings(env)
      expect(values).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', SEED: true, LOG_LEVEL: 'info', APP_MODE: 'demo' })
      expect(values).toMatchObject({ SMS_CAPTCHA: 'pow', TENCENT_SMS_REGION: 'ap-guangzhou', MODERATOR_USER_IDS: [] })
      expect(values.SESSION_SECRET).toBeUndefined()
      expect(limitsFrom(values)).toEqual(DEFAULT_LIMITS)
    }
  })

  it('values are trimmed and parsed to their type', () => {
    const values = parseSettings({
      PORT: ' 8080 ',
      SEED: '0',
      ALLOW_DEMO_ON_NETWORK: 'true',
      MODERATOR_USER_IDS: 'u1, ,u2',
      PUBLIC_URL: 'https://example.com//',
      TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
      SESSION_SECRET: 'a1'.repeat(32),
    })
    expect(values).toMatchObject({ PORT: 8080, SEED: false, ALLOW_DEMO_ON_NETWORK: true })
    expect(values).toMatchObject({ MODERATOR_USER_IDS: ['u1', 'u2'], PUBLIC_URL: 'https://example.com' })
    expect(values.TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8'])
    expect(values.SESSION_SECRET).toEqual(Buffer.from('a1'.repeat(32), 'hex'))
  })

  it.each([
    [
      { ACCOUNT_DELETION_COOLING_OFF_DAYS: '15' },
      'ACCOUNT_DELETION_COOLING_OFF_DAYS must be a whole number from 0 to 14, got "15"',
    ],
    [{ HTTP_REDIRECT_PORT: '8o' }, 'HTTP_REDIRECT_PORT must be a whole number from 0 to 65535, got "8o"'],
    [{ SMS_CAPTCHA: 'yes' }, 'SMS_CAPTCHA must be pow or off, got "yes"'],
    [{ SEED: 'maybe' }, 'SEED must be 1 or 0, got "maybe"'],
    [
      { ICP_BEIAN: '京ICP备1234号<br>' },
      'ICP_BEIAN must be an ICP filing number such as 京ICP备12345678号-1, got "京ICP备1234号<br>"',
    ],
    [
      { METRICS_TOKEN: 'short' },
      'METRICS_TOKEN must be at least 16 characters (e.g. the output of openssl rand -hex 32)',
    ],
    [
      { ALIPAY_AES_KEY: 'c2hvcnQ=' },
      'ALIPAY_AES_KEY must be the base64 AES key from the Alipay console (16, 24 or 32 bytes)',
    ],
  ])('a bad value is one line naming the variable: %j', (env, line) => {
    const error = errorOf(() => parseSettings(env))
    expect(error).toBeInstanceOf(SettingError)
    expect(error.message).toBe(line)
  })

  it('a reader checks only the settings it reads; the others keep their defaults', () => {
    expect(parseSettings({ PORT: 'nope' }, 'listings').PORT).toBe(3000)
    expect(() => parseSettings({ PORT: 'nope' }, 'server')).toThrow(/^PORT /)
    expect(() => parseSettings({ SMS_CAPTCHA: 'nope' }, 'auth')).toThrow(/^SMS_CAPTCHA /)
  })

  it('every setting is a row of names with one schema each, and the table default comes from it', () => {
    for (const setting of SETTINGS) {
      expect(setting.names).toEqual(Object.keys(setting.variables))
      expect(setting.meaning.length).toBeGreaterThan(0)
      expect(setting.usedBy.length).toBeGreaterThan(0)
    }
    expect(SETTINGS.find((s) => s.names[0] === 'PORT')?.default).toBe('3000')
    expect(SETTINGS.find((s) => s.names[0] === 'REVEAL_DAILY_LIMIT')?.default).toBe(
      String(DEFAULT_LIMITS.revealsPerDay),
    )
    expect(variablesOf('listings')).toContain('LISTING_DAILY_PUBLISH_LIMIT')
  })
})
