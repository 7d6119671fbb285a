import type { FunctionName } from './contracts'
import { LIMIT_SETTINGS } from './core/limits'

/**
 * Every setting of the back end, declared once: its variable(s), default, which hosts and functions read
 * it, and one line of meaning. The README's configuration table is rendered from this (a test compares),
 * and each CloudBase function's `envVariables` in cloudbaserc.json must list exactly the settings that
 * function reads (CloudBase allows about 4 KB of environment per function; the Alipay keys alone are
 * ~1.6 KB). The values are parsed where they are used: `core/limits.ts` (numbers),
 * `drivers/platform-env.ts` (platform credentials, all of a group or none), `server/config.ts` (the
 * server's own); each names the variable when a value is wrong.
 */
export type SettingReader = 'server' | FunctionName

export interface Setting {
  /** One variable, or a group that is set together. */
  names: string[]
  /** As shown in the table: a value, `generated`, or `—` for none. */
  default: string
  usedBy: SettingReader[]
  meaning: string
}

const ALL_FUNCTIONS: FunctionName[] = ['listings', 'auth', 'interactions', 'privacy']
const EVERYWHERE: SettingReader[] = ['server', ...ALL_FUNCTIONS]
const SERVER: SettingReader[] = ['server']

const limit = (key: keyof typeof LIMIT_SETTINGS, usedBy: SettingReader[], meaning: string): Setting => ({
  names: [LIMIT_SETTINGS[key].env],
  default: String(LIMIT_SETTINGS[key].default),
  usedBy,
  meaning: `${meaning} (${LIMIT_SETTINGS[key].min}–${LIMIT_SETTINGS[key].max})`,
})

export const SETTINGS: Setting[] = [
  { names: ['PORT'], default: '3000', usedBy: SERVER, meaning: 'port to listen on (`0` = any free port)' },
  {
    names: ['HOST'],
    default: '127.0.0.1',
    usedBy: SERVER,
    meaning:
      'address to bind; `0.0.0.0` serves the LAN (e.g. a phone running the mini-program). Demo mode refuses a non-loopback address unless `ALLOW_DEMO_ON_NETWORK=1`',
  },
  { names: ['DATA_DIR'], default: '.data', usedBy: SERVER, meaning: 'folder of the SQLite file; created if missing' },
  { names: ['H5_DIR'], default: 'dist/h5', usedBy: SERVER, meaning: 'the H5 build to serve' },
  { names: ['SEED'], default: '1', usedBy: SERVER, meaning: '`0` keeps a fresh database empty' },
  {
    names: ['LOG_LEVEL'],
    default: 'info',
    usedBy: SERVER,
    meaning: '`debug` / `info` / `warn` / `error`; logs are one JSON object per line',
  },
  {
    names: ['APP_MODE'],
    default: 'demo',
    usedBy: SERVER,
    meaning:
      '`demo`: SMS codes are not sent but kept at `GET /dev/sms-outbox` (JSON, newest first; answers only a loopback peer with no `X-Forwarded-For` / `X-Real-IP` / `Forwarded` header, 404 for anyone else) and written to the log; `production`: needs the `TENCENT_SMS_*` variables (refuses to start without them) and has no `/dev/sms-outbox`',
  },
  {
    names: ['ALLOW_DEMO_ON_NETWORK'],
    default: '—',
    usedBy: SERVER,
    meaning:
      "`1` lets demo mode bind a non-loopback `HOST` (testing on a phone); every start then prints a warning line that the codes sit in this machine's log and outbox, so whoever can read those can log in as anyone",
  },
  {
    names: ['TRUST_PROXY'],
    default: '—',
    usedBy: SERVER,
    meaning:
      'comma-separated addresses or CIDR blocks of reverse proxies in front of the server (`127.0.0.1, 10.0.0.0/8`); only a request whose socket peer is one of them has its client address taken from `X-Forwarded-For` (walking back through listed hops). Unset: the socket peer is the client, and forwarding headers are dropped',
  },
  {
    names: ['TLS_CERT_FILE', 'TLS_KEY_FILE'],
    default: '—',
    usedBy: SERVER,
    meaning:
      'PEM certificate (chain) and private key: the server speaks HTTPS itself, with `Strict-Transport-Security: max-age=31536000` on every answer; both or neither. Read at start (a missing or unreadable file refuses to start, naming it) and again on `SIGHUP`, so a renewed certificate needs no restart. `APP_MODE=production` on a non-loopback `HOST` refuses to start without these or `TRUST_PROXY` (a proxy terminating TLS)',
  },
  {
    names: ['HTTP_REDIRECT_PORT'],
    default: '—',
    usedBy: SERVER,
    meaning:
      'with TLS on: a plain-HTTP port (e.g. `80`) whose every request is redirected to the HTTPS URL (301 for GET/HEAD, 308 otherwise), to `PUBLIC_URL` when that is an `https://` origin',
  },
  {
    names: ['METRICS_TOKEN'],
    default: '—',
    usedBy: SERVER,
    meaning:
      'at least 16 characters: `GET /metrics` also answers a caller sending `Authorization: Bearer <token>`. Unset: only a loopback peer with no forwarding header is answered, anyone else gets 401',
  },
  {
    names: ['PUBLIC_URL'],
    default: '—',
    usedBy: SERVER,
    meaning:
      'origin put in front of uploaded-file URLs (`/files/…`) when clients load them from elsewhere, e.g. a mini-program talking to this server',
  },
  {
    names: ['BACKUP_DIR'],
    default: '<DATA_DIR>/../backups',
    usedBy: SERVER,
    meaning:
      'folder of the scheduled backup archives (daily 03:00 China time; `npm run backup` without `--out` writes there too) and, by default, of the deletion log; must be outside `DATA_DIR`. Copy it off the machine (see [Backups](#backups))',
  },
  {
    names: ['BACKUP_KEEP'],
    default: '7',
    usedBy: SERVER,
    meaning: 'the scheduled backup keeps the newest this many archives in `BACKUP_DIR` (1–1000)',
  },
  {
    names: ['BACKUP_KEEP_DAYS'],
    default: '30',
    usedBy: SERVER,
    meaning:
      'and removes every archive older than this many days (1–30). The 隐私政策 states 30 days at most: change its text and version with the ceiling',
  },
  {
    names: ['DELETION_LOG_FILE'],
    default: '<BACKUP_DIR>/deletion-log.jsonl',
    usedBy: SERVER,
    meaning:
      'the deletion log: one line per purged account, its random user id and when, nothing else; every restore erases those accounts again. Must be outside `DATA_DIR`; copy it off the machine with the archives',
  },
  {
    names: ['SESSION_SECRET', 'PHONE_ENCRYPTION_KEY', 'PHONE_HASH_KEY'],
    default: 'generated',
    usedBy: EVERYWHERE,
    meaning:
      '32 bytes each (64 hex chars or base64), all three or none; required on CloudBase. Unset on the server: generated on first start and kept in `<DATA_DIR>/secrets.json` (mode 0600). Back that file up with the database: without the encryption key the stored phone numbers cannot be read',
  },
  {
    names: ['MODERATOR_USER_IDS'],
    default: '—',
    usedBy: EVERYWHERE,
    meaning: 'comma-separated user ids with moderator rights',
  },
  {
    names: ['WECHAT_APPID', 'WECHAT_SECRET'],
    default: '—',
    usedBy: EVERYWHERE,
    meaning:
      "the mini-program's AppID and AppSecret: WeChat phone login (`auth`) and WeChat's content check of WeChat authors (`listings`, `interactions`); unset switches both off",
  },
  {
    names: ['ALIPAY_APPID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY', 'ALIPAY_AES_KEY'],
    default: '—',
    usedBy: ['server', 'auth'],
    meaning:
      "Alipay phone login: app id, the app's RSA2 private key, Alipay's public key, the content-encryption AES key",
  },
  {
    names: [
      'TENCENT_SMS_SECRET_ID',
      'TENCENT_SMS_SECRET_KEY',
      'TENCENT_SMS_SDK_APP_ID',
      'TENCENT_SMS_SIGN_NAME',
      'TENCENT_SMS_TEMPLATE_ID',
    ],
    default: '—',
    usedBy: ['server', 'auth'],
    meaning: 'Tencent Cloud SMS for login codes (template parameters: {1} code, {2} minutes); all five or none',
  },
  {
    names: ['TENCENT_SMS_REGION'],
    default: 'ap-guangzhou',
    usedBy: ['server', 'auth'],
    meaning: 'region of the Tencent Cloud SMS endpoint',
  },
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
  {
    names: ['SMS_CAPTCHA'],
    default: 'pow',
    usedBy: ['server', 'auth'],
    meaning:
      'the human check before a code is sent over HTTP: `pow` (a proof of work the login sheet solves) or `off` (a trusted network, or tests)',
  },
  limit('revealsPerDay', ['server', 'interactions'], 'contact reveals per member per China calendar day'),
  limit('publishesPerDay', ['server', 'listings'], 'new listings per member per China calendar day'),
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
  {
    names: ['CONTENT_BLOCKLIST', 'CONTENT_REVIEWLIST'],
    default: '—',
    usedBy: ['server', 'listings', 'interactions'],
    meaning:
      'words added to the local content checker (comma- or line-separated): a blocklist word rejects a text naming it, a review-list word holds it for a moderator (defaults in `cloudfunctions/shared/drivers/local/content-words.ts`)',
  },
]

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
