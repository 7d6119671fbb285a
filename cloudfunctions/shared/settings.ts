import { isIP } from 'node:net'
import * as v from 'valibot'
import type { FunctionName } from './contracts'
import type { WECHAT_PUSH_FUNCTION } from './core/push-entry'
import { DEFAULT_REVEAL_DAILY_LIMIT } from './contracts/interactions'
import { DEFAULT_INQUIRY_DAILY_LIMIT } from './contracts/messages'
import { DEFAULT_REPORT_HIDE_THRESHOLD } from './contracts/moderation'
import { NOTICE_KINDS } from './contracts/notices'
import {
  DEFAULT_DELETION_COOLING_OFF_DAYS,
  DEFAULT_EXPORT_DAILY_LIMIT,
  DELETION_MAX_WORKING_DAYS,
} from './contracts/privacy'
import { loadPrivateKey, loadPublicKey } from './drivers/alipay/alipay-api'

/**
 * Every setting of the back end, declared once: its variable(s), a valibot schema per variable (the raw
 * text, or undefined when unset, to the parsed value, its default included), which hosts and functions
 * read it, and one line of meaning. Both hosts parse their settings at start with `parseSettings` and
 * hand the values on through their deps; a bad value stops the start (the server) or fails every call of
 * the instance (CloudBase) with one line naming the variable. The README's configuration table is
 * rendered from this (a test compares), and each CloudBase function's `envVariables` in cloudbaserc.json
 * must list exactly the settings that function reads (CloudBase allows about 4 KB of environment per
 * function; the Alipay keys alone are ~1.6 KB). What one variable cannot say alone stays with its
 * reader: a credential group is all set or none (`drivers/platform-env.ts`), TLS needs both files and
 * production off loopback needs TLS or a proxy (`server/config.ts`).
 */
export type SettingReader = 'server' | FunctionName | typeof WECHAT_PUSH_FUNCTION

/** The environment as a host sees it. */
export type Env = Record<string, string | undefined>

/** One variable: its raw text (undefined when unset) to its value. */
export interface Variable<T> {
  schema: v.GenericSchema<string | undefined, T>
  /** As shown in the table, when the variable has one. */
  default?: string
}

export interface Setting<V extends Record<string, Variable<unknown>> = Record<string, Variable<unknown>>> {
  /** One variable, or a group that is set together. */
  names: string[]
  variables: V
  /** As shown in the table: a value, `generated`, or `—` for none. */
  default: string
  usedBy: SettingReader[]
  meaning: string
}

/** A value that stops the start: the message is one line, naming the variable. */
export class SettingError extends Error {}

function declare<V extends Record<string, Variable<unknown>>>(
  variables: V,
  row: { default?: string; usedBy: SettingReader[]; meaning: string },
): Setting<V> {
  const names = Object.keys(variables)
  const only = names.length === 1 ? variables[names[0]].default : undefined
  return { names, variables, default: row.default ?? only ?? '—', usedBy: row.usedBy, meaning: row.meaning }
}

// ---- the kinds of value -------------------------------------------------------------------------------

const quoted = (input: unknown) => JSON.stringify(String(input))

/** Free text; undefined when unset unless there is a default. */
function text(): Variable<string | undefined>
function text(fallback: string): Variable<string>
function text(fallback?: string): Variable<string | undefined> {
  return { schema: v.optional(v.string(), fallback), default: fallback }
}

function wholeNumber(min: number, max: number): Variable<number | undefined>
function wholeNumber(min: number, max: number, fallback: number): Variable<number>
function wholeNumber(min: number, max: number, fallback?: number): Variable<number | undefined> {
  const number = v.pipe(
    v.string(),
    v.check(
      (raw) => /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max,
      (issue) => `must be a whole number from ${min} to ${max}, got ${quoted(issue.input)}`,
    ),
    v.transform(Number),
  )
  return fallback === undefined
    ? { schema: v.optional(number) }
    : { schema: v.optional(number, String(fallback)), default: String(fallback) }
}

function port(): Variable<number | undefined>
function port(fallback: number): Variable<number>
function port(fallback?: number): Variable<number | undefined> {
  return fallback === undefined ? wholeNumber(0, 65535) : wholeNumber(0, 65535, fallback)
}

function oneOf<const T extends string>(values: readonly T[], fallback: T): Variable<T> {
  const listed = values.length === 2 ? values.join(' or ') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`
  return {
    schema: v.pipe(
      v.optional(v.string(), fallback),
      v.check(
        (raw) => (values as readonly string[]).includes(raw),
        (issue) => `must be ${listed}, got ${quoted(issue.input)}`,
      ),
      v.transform((raw) => raw as T),
    ),
    default: fallback,
  }
}

/** `1`/`true` or `0`/`false`. */
function flag(fallback: boolean): Variable<boolean> {
  return {
    schema: v.pipe(
      v.optional(v.string(), fallback ? '1' : '0'),
      v.check(
        (raw) => ['0', '1', 'true', 'false'].includes(raw),
        (issue) => `must be 1 or 0, got ${quoted(issue.input)}`,
      ),
      v.transform((raw) => raw === '1' || raw === 'true'),
    ),
    default: fallback ? '1' : undefined,
  }
}

/** Comma-separated; empty entries dropped. */
function list(): Variable<string[]> {
  return {
    schema: v.pipe(
      v.optional(v.string(), ''),
      v.transform((raw) =>
        raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ),
  }
}

/** `kind=templateId` pairs, comma-separated: each kind one of `kinds`, each id non-empty. */
function templates(kinds: readonly string[]): Variable<Record<string, string>> {
  return {
    schema: v.pipe(
      v.optional(v.string(), ''),
      v.check(
        (raw) =>
          raw
            .split(',')
            .map((pair) => pair.trim())
            .filter(Boolean)
            .every((pair) => {
              const [kind, id, ...rest] = pair.split('=').map((part) => part.trim())
              return rest.length === 0 && kinds.includes(kind) && /^[A-Za-z0-9_-]{1,128}$/.test(id ?? '')
            }),
        `must be kind=templateId pairs, comma-separated, each kind one of ${kinds.join(', ')}`,
      ),
      v.transform((raw) =>
        Object.fromEntries(
          raw
            .split(',')
            .map((pair) => pair.trim())
            .filter(Boolean)
            .map((pair) => pair.split('=').map((part) => part.trim()) as [string, string]),
        ),
      ),
    ),
  }
}

/** Parsed by `parse`, which throws on a bad value; the message never echoes it (keys, tokens). */
function secret<T>(parse: (raw: string) => T, message: string): Variable<T | undefined> {
  return {
    schema: v.optional(
      v.pipe(
        v.string(),
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
          try {
            return parse(dataset.value)
          } catch {
            addIssue({ message })
            return NEVER
          }
        }),
      ),
    ),
  }
}

/** 32 bytes as 64 hex characters or as base64 (url-safe or not). */
function key32(raw: string): Buffer {
  const bytes = /^[0-9a-fA-F]{64}$/.test(raw)
    ? Buffer.from(raw, 'hex')
    : /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/.test(raw)
      ? Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64')
      : null
  if (!bytes || bytes.length !== 32) throw new Error('not 32 bytes')
  return bytes
}

const sessionKey = () =>
  secret(key32, 'must be 32 bytes written as 64 hex characters or as base64 (e.g. openssl rand -hex 32)')

function aesKey(raw: string): Buffer {
  const bytes = Buffer.from(raw, 'base64')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || ![16, 24, 32].includes(bytes.length)) throw new Error('bad AES key')
  return bytes
}

const RSA_KEY = 'is not a readable RSA key (PEM, or the bare base64 from the Alipay console)'

function proxies(): Variable<string[]> {
  const entryOk = (entry: string) => {
    const [address, bits, extra] = entry.split('/')
    const family = isIP(address)
    const maxBits = family === 6 ? 128 : 32
    return (
      family !== 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits))
    )
  }
  return {
    schema: v.pipe(
      list().schema,
      v.check(
        (entries) => entries.every(entryOk),
        (issue) =>
          `must be comma-separated IP addresses or CIDR blocks, got ${quoted((issue.input as string[]).find((e) => !entryOk(e)))}`,
      ),
    ),
  }
}

function origin(): Variable<string> {
  return {
    schema: v.pipe(
      v.optional(v.string(), ''),
      v.transform((raw) => raw.replace(/\/+$/, '')),
      v.check(
        (url) => url === '' || /^https?:\/\/[^/\s?#]+$/.test(url),
        (issue) => `must be an http(s)://host[:port] origin, got ${quoted(issue.input)}`,
      ),
    ),
  }
}

/**
 * An ICP filing number as the MIIT issues it, checked loosely: a province's one- or two-character short name,
 * `ICP备` (a filing) or `ICP证` (a licence), digits, `号`, and for a filed site its `-n` suffix
 * (`京ICP备12345678号-1`). Nothing else fits, so no markup can reach the page it is put into.
 */
function icpNumber(): Variable<string> {
  return {
    schema: v.pipe(
      v.optional(v.string(), ''),
      v.check(
        (raw) => raw === '' || /^[\u4e00-\u9fff]{1,2}ICP[备证]\d{4,12}号(?:-\d{1,4})?$/.test(raw),
        (issue) => `must be an ICP filing number such as 京ICP备12345678号-1, got ${quoted(issue.input)}`,
      ),
    ),
  }
}

/** Comma-separated origins, each an http(s)://host[:port] without a path. */
function origins(): Variable<string[]> {
  const ok = (entry: string) => /^https?:\/\/[^/\s?#,]+$/.test(entry)
  return {
    schema: v.pipe(
      list().schema,
      v.transform((entries) => entries.map((entry) => entry.replace(/\/+$/, ''))),
      v.check(
        (entries) => entries.every(ok),
        (issue) =>
          `must be comma-separated http(s)://host[:port] origins, got ${quoted((issue.input as string[]).find((e) => !ok(e)))}`,
      ),
    ),
  }
}

function token(minLength: number): Variable<string | undefined> {
  return {
    schema: v.optional(
      v.pipe(
        v.string(),
        v.minLength(minLength, `must be at least ${minLength} characters (e.g. the output of openssl rand -hex 32)`),
      ),
    ),
  }
}

/** WeChat's rule for the message-push token: 3 to 32 letters and digits. */
function pushToken(): Variable<string | undefined> {
  return {
    schema: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3 to 32 letters and digits (WeChat’s rule for the token)'),
      ),
    ),
  }
}

// ---- the numeric limits the domain enforces -------------------------------------------------------------

/**
 * The numeric limits the domain enforces. Hosts parse them with the other settings and hand them over in
 * the deps (`deps.limits`), so no domain code reads the environment.
 */
export interface Limits {
  /** Codes one SMS client (an address over HTTP, an OPENID over callFunction) may have sent per hour. */
  smsSendsPerClientPerHour: number
  /** Every SMS code the platform sends in a China day. */
  smsSendsPerDay: number
  /** Wrong SMS codes one client may try per hour before it waits for the next. */
  smsWrongCodesPerClientPerHour: number
  /** Contact reveals per member per China day. */
  revealsPerDay: number
  /** New listings per member per China day. */
  publishesPerDay: number
  /** Exports of their own data per member per China day. */
  exportsPerDay: number
  /** Days from an account-deletion request to its purge, during which logging in can undo it. */
  deletionCoolingOffDays: number
  /** New conversations (inquiries) per member per China day. */
  inquiriesPerDay: number
  /** Distinct members whose open reports hide a listing or comment until a moderator reviews it. */
  reportHideThreshold: number
}

export interface LimitSetting {
  /** The environment variable. */
  env: string
  default: number
  min: number
  max: number
}

export const LIMIT_SETTINGS = {
  smsSendsPerClientPerHour: { env: 'SMS_SENDS_PER_IP_PER_HOUR', default: 10, min: 1, max: 1_000_000 },
  smsSendsPerDay: { env: 'SMS_SENDS_PER_DAY', default: 1000, min: 1, max: 1_000_000 },
  smsWrongCodesPerClientPerHour: { env: 'SMS_WRONG_CODES_PER_IP_PER_HOUR', default: 30, min: 1, max: 1_000_000 },
  revealsPerDay: { env: 'REVEAL_DAILY_LIMIT', default: DEFAULT_REVEAL_DAILY_LIMIT, min: 1, max: 1000 },
  publishesPerDay: { env: 'LISTING_DAILY_PUBLISH_LIMIT', default: 10, min: 1, max: 1000 },
  exportsPerDay: { env: 'EXPORT_DAILY_LIMIT', default: DEFAULT_EXPORT_DAILY_LIMIT, min: 1, max: 100 },
  // The purge runs daily, so it ends at most a day after the cooling-off. Counted as if every calendar day
  // were a working day (the strictest reading, true whatever the year's holiday schedule), 14 + 1 days
  // stay within the policy's 15 working days.
  deletionCoolingOffDays: {
    env: 'ACCOUNT_DELETION_COOLING_OFF_DAYS',
    default: DEFAULT_DELETION_COOLING_OFF_DAYS,
    min: 0,
    max: DELETION_MAX_WORKING_DAYS - 1,
  },
  inquiriesPerDay: { env: 'INQUIRY_DAILY_LIMIT', default: DEFAULT_INQUIRY_DAILY_LIMIT, min: 1, max: 1000 },
  reportHideThreshold: {
    env: 'REPORT_HIDE_THRESHOLD',
    default: DEFAULT_REPORT_HIDE_THRESHOLD,
    min: 1,
    max: 1000,
  },
} as const satisfies Record<keyof Limits, LimitSetting>

type LimitKey = keyof typeof LIMIT_SETTINGS

function limit<K extends LimitKey>(
  key: K,
  usedBy: SettingReader[],
  meaning: string,
): Setting<Record<(typeof LIMIT_SETTINGS)[K]['env'], Variable<number>>> {
  const { env, min, max, default: fallback } = LIMIT_SETTINGS[key]
  const variables = { [env]: wholeNumber(min, max, fallback) } as Record<
    (typeof LIMIT_SETTINGS)[K]['env'],
    Variable<number>
  >
  return declare(variables, { usedBy, meaning: `${meaning} (${min}–${max})` })
}

// ---- the declarations ------------------------------------------------------------------------------------

const ALL_FUNCTIONS: FunctionName[] = [
  'listings',
  'auth',
  'interactions',
  'privacy',
  'moderation',
  'notices',
  'messages',
  'support',
]
const EVERYWHERE: SettingReader[] = ['server', ...ALL_FUNCTIONS]
const SERVER: SettingReader[] = ['server']

export const SETTINGS = [
  declare({ PORT: port(3000) }, { usedBy: SERVER, meaning: 'port to listen on (`0` = any free port)' }),
  declare(
    { HOST: text('127.0.0.1') },
    {
      default: '127.0.0.1',
      usedBy: SERVER,
      meaning:
        'address to bind; `0.0.0.0` serves the LAN (e.g. a phone running the mini-program). Demo mode refuses a non-loopback address unless `ALLOW_DEMO_ON_NETWORK=1`',
    },
  ),
  declare({ DATA_DIR: text('.data') }, { usedBy: SERVER, meaning: 'folder of the SQLite file; created if missing' }),
  declare({ H5_DIR: text('dist/h5') }, { usedBy: SERVER, meaning: 'the H5 build to serve' }),
  declare({ SEED: flag(true) }, { usedBy: SERVER, meaning: '`0` keeps a fresh database empty' }),
  declare(
    { LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error'], 'info') },
    {
      usedBy: SERVER,
      meaning: '`debug` / `info` / `warn` / `error`; logs are one JSON object per line',
    },
  ),
  declare(
    { APP_MODE: oneOf(['demo', 'production'], 'demo') },
    {
      usedBy: SERVER,
      meaning:
        '`demo`: SMS codes are not sent but kept at `GET /dev/sms-outbox` (JSON, newest first; answers only a loopback peer with no `X-Forwarded-For` / `X-Real-IP` / `Forwarded` header, 404 for anyone else) and written to the log; `production`: needs the `TENCENT_SMS_*` variables (refuses to start without them) and has no `/dev/sms-outbox`',
    },
  ),
  declare(
    { ALLOW_DEMO_ON_NETWORK: flag(false) },
    {
      usedBy: SERVER,
      meaning:
        "`1` lets demo mode bind a non-loopback `HOST` (testing on a phone); every start then prints a warning line that the codes sit in this machine's log and outbox, so whoever can read those can log in as anyone",
    },
  ),
  declare(
    { TRUST_PROXY: proxies() },
    {
      usedBy: SERVER,
      meaning:
        'comma-separated addresses or CIDR blocks of reverse proxies in front of the server (`127.0.0.1, 10.0.0.0/8`); only a request whose socket peer is one of them has its client address taken from `X-Forwarded-For` (walking back through listed hops). Unset: the socket peer is the client, and forwarding headers are dropped',
    },
  ),
  declare(
    { TLS_CERT_FILE: text(), TLS_KEY_FILE: text() },
    {
      usedBy: SERVER,
      meaning:
        'PEM certificate (chain) and private key: the server speaks HTTPS itself, with `Strict-Transport-Security: max-age=31536000` on every answer; both or neither. Read at start (a missing or unreadable file refuses to start, naming it) and again on `SIGHUP`, so a renewed certificate needs no restart. `APP_MODE=production` on a non-loopback `HOST` refuses to start without these or `TRUST_PROXY` (a proxy terminating TLS)',
    },
  ),
  declare(
    { HTTP_REDIRECT_PORT: port() },
    {
      usedBy: SERVER,
      meaning:
        'with TLS on: a plain-HTTP port (e.g. `80`) whose every request is redirected to the HTTPS URL (301 for GET/HEAD, 308 otherwise), to `PUBLIC_URL` when that is an `https://` origin',
    },
  ),
  declare(
    { HTTP_HEADERS_TIMEOUT_SECONDS: wholeNumber(1, 300, 10) },
    {
      usedBy: SERVER,
      meaning:
        "seconds a client has to send a request's headers; a connection still sending them then gets 408 and is closed, so slowly dribbled headers cannot hold connections open (1–300, at most `HTTP_REQUEST_TIMEOUT_SECONDS`)",
    },
  ),
  declare(
    { HTTP_REQUEST_TIMEOUT_SECONDS: wholeNumber(1, 3600, 30) },
    {
      usedBy: SERVER,
      meaning:
        'seconds a client has to send a whole request, body included; then 408 and the connection is closed. The largest body (a 2 MB image as base64, ≈ 2.8 MB) arrives in 30 s at about 0.8 Mbit/s: raise it for slower links (1–3600)',
    },
  ),
  declare(
    { HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: wholeNumber(1, 600, 5) },
    {
      usedBy: SERVER,
      meaning: 'seconds an idle kept-alive connection stays open after an answer (1–600)',
    },
  ),
  declare(
    { METRICS_TOKEN: token(16) },
    {
      usedBy: SERVER,
      meaning:
        'at least 16 characters: `GET /metrics` also answers a caller sending `Authorization: Bearer <token>`. Unset: only a loopback peer with no forwarding header is answered, anyone else gets 401',
    },
  ),
  declare(
    { PUBLIC_URL: origin() },
    {
      usedBy: SERVER,
      meaning:
        'origin put in front of uploaded-file URLs (`/files/…`) when clients load them from elsewhere, e.g. a mini-program talking to this server',
    },
  ),
  declare(
    { CORS_ORIGINS: origins() },
    {
      usedBy: SERVER,
      meaning:
        'comma-separated origins (`https://h5.example.com`) of H5 builds served elsewhere that may call `/api/*` from the browser: their preflight `OPTIONS` is answered and their answers carry `Access-Control-Allow-Origin` and `Vary: Origin`. Any other origin gets no CORS header at all. Unset: none (the H5 app this server serves is same-origin)',
    },
  ),
  declare(
    { ICP_BEIAN: icpNumber() },
    {
      usedBy: SERVER,
      meaning:
        'the site\'s ICP filing number (`京ICP备12345678号-1`), shown on the H5 pages this server serves (the foot of 首页 and 我的, and 关于), linked to the MIIT filing site: the server puts it into `index.html` as `<meta name="icp-beian">`, so no rebuild is needed. Anything but a filing number refuses to start. Empty (the default, and the demo): none shown. The mini-programs never show it (the platform carries their filing); an H5 build on static hosting takes `TARO_APP_ICP_BEIAN` at build time instead',
    },
  ),
  declare(
    { BACKUP_DIR: text() },
    {
      default: '<DATA_DIR>/../backups',
      usedBy: SERVER,
      meaning:
        'folder of the scheduled backup archives (daily 03:00 China time; `npm run backup` without `--out` writes there too) and, by default, of the deletion log; must be outside `DATA_DIR`. Copy it off the machine (see [Backups](#backups))',
    },
  ),
  declare(
    { BACKUP_KEEP: wholeNumber(1, 1000, 7) },
    {
      usedBy: SERVER,
      meaning: 'the scheduled backup keeps the newest this many archives in `BACKUP_DIR` (1–1000)',
    },
  ),
  declare(
    { BACKUP_KEEP_DAYS: wholeNumber(1, 30, 30) },
    {
      usedBy: SERVER,
      meaning:
        'and removes every archive older than this many days (1–30). The 隐私政策 states 30 days at most: change its text and version with the ceiling',
    },
  ),
  declare(
    { DELETION_LOG_FILE: text() },
    {
      default: '<BACKUP_DIR>/deletion-log.jsonl',
      usedBy: SERVER,
      meaning:
        'the deletion log: one line per purged account, its random user id and when, nothing else; every restore erases those accounts again. Must be outside `DATA_DIR`; copy it off the machine with the archives',
    },
  ),
  declare(
    { SESSION_SECRET: sessionKey(), PHONE_ENCRYPTION_KEY: sessionKey(), PHONE_HASH_KEY: sessionKey() },
    {
      default: 'generated',
      usedBy: EVERYWHERE,
      meaning:
        '32 bytes each (64 hex chars or base64), all three or none; required on CloudBase. Unset on the server: generated on first start and kept in `<DATA_DIR>/secrets.json` (mode 0600). Back that file up with the database: without the encryption key the stored phone numbers cannot be read',
    },
  ),
  declare(
    { MODERATOR_USER_IDS: list() },
    {
      usedBy: EVERYWHERE,
      meaning:
        'comma-separated user ids with moderator rights: the bootstrap; further moderators and admins are granted with `npm run moderator` (stored as data)',
    },
  ),
  declare(
    { WECHAT_APPID: text(), WECHAT_SECRET: text() },
    {
      usedBy: EVERYWHERE,
      meaning:
        "the mini-program's AppID and AppSecret: WeChat phone login (`auth`) and WeChat's content check of WeChat authors (`listings`, `interactions`, `messages`); unset switches both off",
    },
  ),
  declare(
    { WECHAT_SUBSCRIBE_TEMPLATES: templates(NOTICE_KINDS) },
    {
      usedBy: ['server', 'moderation', 'interactions', 'notices', 'messages', 'support'],
      meaning:
        'WeChat subscription message templates per notice kind, `kind=templateId` comma-separated (kinds: ' +
        `${NOTICE_KINDS.join(', ')}); each template has the fields thing1 (标题), thing2 (内容摘要), time3 (时间). Needs WECHAT_APPID/SECRET; unset sends none`,
    },
  ),
  declare(
    { WECHAT_PUSH_TOKEN: pushToken() },
    {
      usedBy: ['server', 'listings', 'wechat-push'],
      meaning:
        "the Token of the mini-program's message push (开发管理 → 消息推送, plaintext mode, JSON), 3–32 letters and digits: pushes to `/wechat/push` are accepted only when signed with it. With `WECHAT_APPID` / `WECHAT_SECRET` it switches on WeChat's image check (`mediaCheckAsync`), whose verdicts arrive there; unset, images are checked by the local rule (a poster's images wait for a moderator until one of their listings has been approved)",
    },
  ),
  declare(
    {
      ALIPAY_APPID: text(),
      ALIPAY_PRIVATE_KEY: secret(loadPrivateKey, RSA_KEY),
      ALIPAY_PUBLIC_KEY: secret(loadPublicKey, RSA_KEY),
      ALIPAY_AES_KEY: secret(aesKey, 'must be the base64 AES key from the Alipay console (16, 24 or 32 bytes)'),
    },
    {
      usedBy: ['server', 'auth'],
      meaning:
        "Alipay phone login: app id, the app's RSA2 private key, Alipay's public key, the content-encryption AES key",
    },
  ),
  declare(
    {
      TENCENT_SMS_SECRET_ID: text(),
      TENCENT_SMS_SECRET_KEY: text(),
      TENCENT_SMS_SDK_APP_ID: text(),
      TENCENT_SMS_SIGN_NAME: text(),
      TENCENT_SMS_TEMPLATE_ID: text(),
    },
    {
      usedBy: ['server', 'auth'],
      meaning: 'Tencent Cloud SMS for login codes (template parameters: {1} code, {2} minutes); all five or none',
    },
  ),
  declare(
    { TENCENT_SMS_REGION: text('ap-guangzhou') },
    {
      usedBy: ['server', 'auth'],
      meaning: 'region of the Tencent Cloud SMS endpoint',
    },
  ),
  limit(
    'smsSendsPerClientPerHour',
    ['server', 'auth'],
    'SMS codes one client may have sent per clock hour, whatever the numbers (a client: the address over HTTP, an IPv6 address by its /64; the OPENID over WeChat `callFunction`)',
  ),
  limit(
    'smsSendsPerDay',
    ['server', 'auth'],
    'SMS codes the whole platform sends per China calendar day; the log warns once at 80 % (`sms daily cap 80% used`)',
  ),
  limit(
    'smsWrongCodesPerClientPerHour',
    ['server', 'auth'],
    'wrong codes one client may try per clock hour, on any numbers; after that its logins are refused until the hour ends',
  ),
  declare(
    { SMS_CAPTCHA: oneOf(['pow', 'off'], 'pow') },
    {
      usedBy: ['server', 'auth'],
      meaning:
        'the human check before a code is sent over HTTP: `pow` (a proof of work the login sheet solves) or `off` (a trusted network, or tests)',
    },
  ),
  limit('revealsPerDay', ['server', 'interactions'], 'contact reveals per member per China calendar day'),
  limit('publishesPerDay', ['server', 'listings'], 'new listings per member per China calendar day'),
  limit(
    'inquiriesPerDay',
    ['server', 'messages'],
    'new conversations (留言咨询) a member may open per China calendar day',
  ),
  limit(
    'reportHideThreshold',
    ['server', 'interactions'],
    'distinct members whose open reports hide a listing or comment until a moderator reviews it. The 隐私政策 states 3: change its text and version with it',
  ),
  limit(
    'exportsPerDay',
    ['server', 'privacy'],
    'exports of their own data (导出我的数据) per member per China calendar day',
  ),
  limit(
    'deletionCoolingOffDays',
    ['server', 'privacy'],
    'days from an account-deletion request to its purge, during which logging in can undo it. The purge runs daily, so the largest value keeps request-to-done within 15 days even if every day were a working day. The 隐私政策 states 7: change its text and version with it',
  ),
  declare(
    { CONTENT_BLOCKLIST: text(), CONTENT_REVIEWLIST: text() },
    {
      usedBy: ['server', 'listings', 'interactions', 'messages'],
      meaning:
        'words added to the local content checker (comma- or line-separated): a blocklist word rejects a text naming it, a review-list word holds it for a moderator (defaults in `cloudfunctions/shared/drivers/local/content-words.ts`)',
    },
  ),
]

/** A variable's value, or undefined when it is empty or an unrendered `{{env.X}}` placeholder. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  if (!value || /^\{\{\s*env\.[A-Za-z0-9_]+\s*\}\}$/.test(value)) return undefined
  return value
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never
type ValuesOf<S> = S extends Setting<infer V> ? { [K in keyof V]: V[K] extends Variable<infer T> ? T : never } : never

/** Every variable's parsed value, by its name. */
export type SettingValues = UnionToIntersection<ValuesOf<(typeof SETTINGS)[number]>>

/**
 * Parses every setting `reader` uses (every setting when none is named) from `env`; a setting the reader
 * does not use gets its default. Throws one `SettingError` line naming the first variable that is wrong.
 */
export function parseSettings(env: Env, reader?: SettingReader): SettingValues {
  const values: Record<string, unknown> = {}
  for (const setting of SETTINGS as Setting[]) {
    const read = reader === undefined || setting.usedBy.includes(reader)
    for (const [name, variable] of Object.entries(setting.variables)) {
      const raw = read ? envValue(env, name) : undefined
      const result = v.safeParse(variable.schema, raw)
      if (!result.success) throw new SettingError(`${name} ${result.issues[0].message}`)
      values[name] = result.output
    }
  }
  return values as SettingValues
}

/** The limits out of the parsed settings: the shape of `deps.limits`. */
export function limitsFrom(values: SettingValues): Limits {
  return Object.fromEntries(
    Object.entries(LIMIT_SETTINGS).map(([key, setting]) => [key, values[setting.env as keyof SettingValues]]),
  ) as unknown as Limits
}

export const DEFAULT_LIMITS: Limits = limitsFrom(parseSettings({}))

/** The variables one CloudBase function reads: what its `envVariables` must hold. */
export function variablesOf(reader: SettingReader): string[] {
  return SETTINGS.filter((s) => s.usedBy.includes(reader)).flatMap((s) => s.names)
}

/** The README's configuration table. */
export function renderSettingsTable(): string {
  const rows = SETTINGS.map((s) => {
    const names = s.names.map((n) => `\`${n}\``).join(', ')
    const value = s.default === '—' || s.default === 'generated' ? s.default : `\`${s.default}\``
    return `| ${names} | ${value} | ${s.usedBy.join(', ')} | ${s.meaning} |`
  })
  return ['| variable | default | read by | meaning |', '|---|---|---|---|', ...rows].join('\n')
}
