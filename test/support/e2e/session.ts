import type { MyListingDetail, Session } from '@shared/contracts'
import { validListing } from '../listings'
import { agreedConsents } from '../accounts'
import { openVisitor, waitForRoute, type Visitor, type VisitorOptions } from './browser'
import { answerConsent, taroStorageItem } from './consent'
import { outboxCode } from './login'
import type { E2eServer } from './server'

/**
 * A member's session from the API, as the login sheet would get it (the sheet has its own stories). The
 * server must run with `SMS_CAPTCHA: 'off'`: no proof of work to solve here.
 */
export async function apiLogin(server: E2eServer, phone: string): Promise<Session> {
  await server.call('auth', 'sendSmsCode', { phone })
  return server.call<Session>('auth', 'loginWithSms', {
    phone,
    code: await outboxCode(server.url, phone),
    consents: agreedConsents(Date.now()),
  })
}

/** Puts `session` into a profile's storage before any page script runs, as if the member had logged in there. */
export async function holdSession(v: Visitor, session: Session): Promise<void> {
  await v.context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value)
    },
    ['zn.session.v1', taroStorageItem(JSON.stringify(session))] as const,
  )
}

/** A fresh browser profile holding `session`, opened at `route`, the consent dialog answered. */
export async function openAsMember(
  server: E2eServer,
  session: Session,
  route: string,
  options: VisitorOptions = {},
): Promise<Visitor> {
  const v = await openVisitor(options)
  await holdSession(v, session)
  await v.page.goto(`${server.url}/#${route}`)
  await answerConsent(v, server.url)
  await waitForRoute(v.page, route)
  return v
}

let published = 0
/** A listing published by `session` through the API (a valid one, with this title and any other fields). */
export async function apiPublish(
  server: E2eServer,
  session: Session,
  title: string,
  fields: Record<string, unknown> = {},
): Promise<MyListingDetail> {
  return server.call<MyListingDetail>(
    'listings',
    'createListing',
    validListing({ title, clientRequestId: `e2e-${++published}-${Date.now()}`, ...fields }),
    session.token,
  )
}
