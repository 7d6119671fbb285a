import type { Page } from 'playwright-core'
import { activePage } from './browser'

/** The code the demo server kept for `phone` (GET /dev/sms-outbox, newest first), as a developer reads it. */
export async function outboxCode(origin: string, phone: string): Promise<string> {
  const res = await fetch(`${origin}/dev/sms-outbox`)
  const messages = (await res.json()) as Array<{ phone: string; code: string }>
  const found = messages.find((m) => m.phone === phone)
  if (!found) throw new Error(`no SMS for ${phone} in the outbox`)
  return found.code
}

/**
 * The age confirmation and the SMS login sheet an action opened, answered as a person would; `ageAsked`
 * false when this device confirmed the age before (a second login), so only the sheet opens.
 */
export async function logInBySms(
  page: Page,
  origin: string,
  phone: string,
  { ageAsked = true }: { ageAsked?: boolean } = {},
): Promise<void> {
  const top = () => activePage(page)
  if (ageAsked) await top().locator('.age-gate__choice--adult').tap()
  await top().locator('.login-sheet').waitFor({ state: 'visible' })
  await top().locator('.sms-login__phone input').fill(phone)
  await top().locator('.sms-login__send').tap()
  await top().locator('.sms-login__send', { hasText: '秒后重发' }).waitFor({ state: 'visible' })
  await top()
    .locator('.sms-login__code input')
    .fill(await outboxCode(origin, phone))
  await top().locator('.sms-login__submit').tap()
  await top().locator('.login-sheet').waitFor({ state: 'detached' })
}
