import type { Visitor } from './browser'
import { activePage } from './browser'

/** Requests to the cloud functions (`/api/...`), as opposed to the app's own files. */
export function apiRequests(v: Visitor, origin: string) {
  return v.requests.filter((r) => r.url.startsWith(`${origin}/api/`))
}

/**
 * Answers the consent dialog a fresh profile is shown. Before the answer the app must not have called
 * the API at all: that is checked here, on every visit, not only in the consent stories.
 */
export async function answerConsent(v: Visitor, origin: string, choice: '同意' | '不同意' = '同意'): Promise<void> {
  const dialog = activePage(v.page).locator('.consent-dialog')
  await dialog.waitFor({ state: 'visible' })
  const early = apiRequests(v, origin)
  if (early.length > 0) throw new Error(`requests before the consent choice: ${early.map((r) => r.url).join(', ')}`)
  const button = choice === '同意' ? '.consent-dialog__agree' : '.consent-dialog__decline'
  await dialog.locator(button).tap()
  await dialog.waitFor({ state: 'detached' })
}

/** What Taro's H5 storage keeps under a key: `{ data }` as JSON. For seeding a profile's storage. */
export function taroStorageItem(value: unknown): string {
  return JSON.stringify({ data: value })
}

/** What the app stored under a key (Taro's H5 storage wraps it as `{ data }`; the app stores JSON text), or null. */
export async function storedItem(v: Visitor, key: string): Promise<unknown> {
  const raw = await v.page.evaluate((k) => localStorage.getItem(k), key)
  if (!raw) return null
  const { data } = JSON.parse(raw) as { data: unknown }
  return typeof data === 'string' ? JSON.parse(data) : data
}
