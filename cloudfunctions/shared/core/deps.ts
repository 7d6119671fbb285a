import type { DocumentStore } from '../ports/document-store'
import type { Clock } from '../ports/clock'
import type { CallerResolver } from './caller'
import type { Logger } from './logger'

/** What a host hands to every function. Hosts (CloudBase entry points, the server, tests) build it. */
export interface Deps {
  store: DocumentStore
  clock: Clock
  logger: Logger
  callers: CallerResolver
}
