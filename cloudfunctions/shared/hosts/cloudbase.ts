import type { FunctionContract } from '../contracts/common'
import { anonymousCallers } from '../core/caller'
import type { Deps } from '../core/deps'
import { createMain, type CloudFunctionMain, type FunctionDefinition } from '../core/handler'
import { createLogger } from '../core/logger'
import { createCloudbaseStore, initCloudbaseApp } from '../drivers/cloudbase/cloudbase-store'
import { systemClock } from '../ports/clock'

/**
 * The CloudBase composition root shared by every deployed function: the only place that picks the
 * CloudBase drivers. Deps are built on the first invocation, not at load, so a cold start does no SDK
 * set-up before a request needs it, and are then kept for the instance's warm invocations. Keeping the
 * SDK app is safe: it reads the runtime's temporary credentials from the environment on every request
 * rather than fixing them at init, so their rotation does not strand a warm instance.
 */
export function createCloudbaseMain<C extends FunctionContract>(definition: FunctionDefinition<C>): CloudFunctionMain {
  let deps: Deps | undefined
  const getDeps = (): Deps =>
    (deps ??= {
      store: createCloudbaseStore(initCloudbaseApp()),
      clock: systemClock,
      logger: createLogger(),
      callers: anonymousCallers,
    })
  return createMain(definition, getDeps)
}
