import type { DocumentStore } from '../ports/document-store'
import type { Clock } from '../ports/clock'
import type { ContentChecker } from '../ports/content-checker'
import type { DeletionLog } from '../ports/deletion-log'
import type { Notifier } from '../ports/notifier'
import type { FileStorage } from '../ports/file-storage'
import type { HumanCheck } from '../ports/human-check'
import type { ImageChecker } from '../ports/image-checker'
import type { IpRegion } from '../ports/ip-region'
import type { AlipayApi, WechatApi } from '../ports/platform-identity'
import type { Secrets } from '../ports/secrets'
import type { SmsSender } from '../ports/sms-sender'
import type { CallerResolver } from './caller'
import type { Limits } from './limits'
import type { Logger } from './logger'
import type { PolicyEditions } from '../policy/documents'

/** What a host hands to every function. Hosts (CloudBase entry points, the server, tests) build it. */
export interface Deps {
  store: DocumentStore
  clock: Clock
  logger: Logger
  callers: CallerResolver
  secrets: Secrets
  sms: SmsSender
  /** Asked before an SMS code is sent over HTTP. */
  humanCheck: HumanCheck
  limits: Limits
  wechat: WechatApi
  alipay: AlipayApi
  files: FileStorage
  /** Content security of what members publish (listings; comments). */
  content: ContentChecker
  /** Content security of listing images (WeChat's asynchronous check, or the local newcomer rule). */
  imageCheck: ImageChecker
  /** Where the purge notes each purged member's id, for restores from backups (ports/deletion-log.ts). */
  deletionLog: DeletionLog
  /** Messages outside the app for notices (WeChat subscription messages); `noPush` where there are none. */
  notifier: Notifier
  /** IP属地 of what members post: the province of the request's origin address (ports/ip-region.ts). */
  ipRegion: IpRegion
  /**
   * The policy editions the console may publish: those in code (policy/editions.ts) unless a test gives
   * others (an edition newer than any in code), never set by a host.
   */
  policyEditions?: PolicyEditions
}
