import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { formatRegion, type ListingSummary } from '@shared/contracts'
import { CONSENT_STORAGE_KEY, FIRST_SCREEN_IDS } from '@shared/contracts/first-screen'
import { CONSENT_DIALOG_FRAME, FIRST_CONSENT_COPY } from '@shared/policy/consent-dialog-copy'

/**
 * The H5 page's first screen, in the HTML itself: before the app's code has loaded and run (on a slow phone
 * well over a second: Taro's components are custom elements, each with its own render), the page already
 * shows the feed's first cards, or, to a first-time visitor, a still copy of the consent dialog's first
 * screen. The app takes each down in the commit that puts up its own (src/platform/first-screen.h5.ts).
 *
 * - The cards are the first page of the guest feed, exactly what the listings function answers a guest (the
 *   same call, through the feed cache): public, published listings only, and of each only its title,
 *   category and region. Each is a real link to its detail, so a tap before the app runs still opens it.
 * - The consent copy is built from the same strings as the app's dialog (`@shared/policy/consent-dialog-copy`)
 *   and is inert: its buttons are disabled and its links plain text until the app's own dialog replaces it,
 *   so nothing can be chosen before the app can record the choice.
 * - Which of the two shows is decided in the page by one inline script (hashed into the page's
 *   Content-Security-Policy like Taro's own; it carries no data, so its hash never changes): the consent copy
 *   when the device has no consent ledger, the cards only on the feed's route (the H5 build routes by hash,
 *   which the server never sees).
 * - They look like the real thing because they are styled by the build's own stylesheets: the ones that hold
 *   the card's, the feed page's and the consent dialog's rules are linked from the head, where the page's
 *   chunks find them already loaded.
 */

/** About what a phone's first screen shows of the feed (FeedList's FIRST_SCREEN_CARDS). */
export const FIRST_SCREEN_CARDS = 4

/** The routes on which the feed is the page: the bare page and the feed's own path. */
const FEED_ROUTE = '/pages/index/index'

/**
 * Decides what shows, before the first paint: plain ES5, no data in it (the page's CSP covers it by hash).
 * `hidden` keeps the consent copy off screen until this runs.
 */
export const FIRST_SCREEN_SCRIPT = `(function () {
  var cards = document.getElementById(${JSON.stringify(FIRST_SCREEN_IDS.cards)})
  var consent = document.getElementById(${JSON.stringify(FIRST_SCREEN_IDS.consent)})
  var stored = null
  try { stored = window.localStorage.getItem(${JSON.stringify(CONSENT_STORAGE_KEY)}) } catch (e) { stored = '' }
  function onFeed() {
    var route = window.location.hash.replace(/^#/, '').split('?')[0]
    return route === '' || route === '/' || route === ${JSON.stringify(FEED_ROUTE)}
  }
  function dropCards() { if (cards && cards.parentNode) cards.parentNode.removeChild(cards) }
  if (consent) {
    if (stored === null) consent.hidden = false
    else consent.parentNode.removeChild(consent)
  }
  if (stored === null || !onFeed()) dropCards()
  window.addEventListener('hashchange', function () { if (!onFeed()) dropCards() })
})()`

/**
 * Where the app's feed puts its first card: under the H5 title bar (44 px, app.scss) and the feed page's
 * header (12rpx padding each side of the 88rpx search box) and filters (the 88rpx tabs), 200rpx = 5rem in
 * all (src/index.html: 1rem is 40rpx). A browser test holds the server's first card where the app's comes.
 */
const TOP_BARS = 'calc(44px + 5rem)'

/**
 * Each container's own rules, inside it, so that they go with it: over the page (under the app's dialogs,
 * z-index 1000 and up) until the app takes it down, in the app's column (#app's 520 px at most, app.scss),
 * the bars' place left white; the cards as links with the card's look. And while either is up, the root as
 * tall as the window: the rem script (src/index.html) sizes from the root's box, which a page of only fixed
 * elements would leave a few pixels tall on a resize. Styles need no hash: the page's CSP allows inline
 * style, which Taro's runtime needs anyway (security-headers.ts).
 */
const ROOT_HEIGHT = 'html{min-height:100%}'
const CARDS_STYLE =
  ROOT_HEIGHT +
  `#${FIRST_SCREEN_IDS.cards}{position:fixed;top:0;bottom:0;left:0;right:0;max-width:520px;margin:0 auto;` +
  `z-index:900;overflow:hidden;padding-top:${TOP_BARS};background:linear-gradient(#fff ${TOP_BARS},#f4f5f7 0)}` +
  `#${FIRST_SCREEN_IDS.cards} a.listing-card{display:block;color:inherit;text-decoration:none}`
const CONSENT_STYLE =
  ROOT_HEIGHT +
  `#${FIRST_SCREEN_IDS.consent}[hidden]{display:none}` +
  `#${FIRST_SCREEN_IDS.consent} button{font-family:inherit;opacity:.6;cursor:progress}`

/** The rules whose stylesheets the first screen needs (as the minified build writes them); any file with one is linked. */
const NEEDED_RULES = /(?:^|[{};\s,])\.(?:feed-page|listing-card|consent-dialog)\{/

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
/** Text or attribute value, escaped for HTML. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

function cardHtml(listing: ListingSummary): string {
  const href = `#/pages/detail/index?id=${encodeURIComponent(listing.id)}`
  return (
    `<a class="listing-card" href="${escapeHtml(href)}">` +
    '<div class="listing-card__body"><div class="listing-card__main"><div class="listing-card__head">' +
    `<span class="listing-card__chip">${escapeHtml(listing.categoryName)}</span>` +
    `<span class="listing-card__title">${escapeHtml(listing.title)}</span>` +
    '</div></div></div>' +
    `<div class="listing-card__meta"><span class="listing-card__region">${escapeHtml(
      formatRegion(listing.province, listing.city),
    )}</span></div></a>`
  )
}

function consentHtml(): string {
  const first = FIRST_CONSENT_COPY
  const frame = CONSENT_DIALOG_FRAME
  const span = (name: string, text: string) => `<span class="consent-dialog__${name}">${escapeHtml(text)}</span>`
  return (
    `<div id="${FIRST_SCREEN_IDS.consent}" class="consent-dialog" hidden><style>${CONSENT_STYLE}</style>` +
    `<div class="consent-dialog__card" role="dialog" aria-busy="true" aria-label="${escapeHtml(first.title)}">` +
    span('title', first.title) +
    `<div class="consent-dialog__body">${span('text', first.intro)}${first.points
      .map((point) => span('point', point))
      .join('')}${span('note', first.note)}</div>` +
    `<div class="consent-dialog__links">${span('hint', frame.read)}${span('link', frame.privacy)}${span(
      'hint',
      frame.and,
    )}${span('link', frame.terms)}</div>` +
    '<div class="consent-dialog__actions">' +
    `<button type="button" class="consent-dialog__decline" disabled>${escapeHtml(frame.decline)}</button>` +
    `<button type="button" class="consent-dialog__agree" disabled>${escapeHtml(frame.agree)}</button>` +
    '</div></div></div>'
  )
}

/** The first screen's markup for these listings (the first FIRST_SCREEN_CARDS of them) and the build's styles. */
export function firstScreenParts(listings: ListingSummary[], stylesheets: string[]): { head: string; body: string } {
  const head = stylesheets.map((href) => `<link href="${escapeHtml(href)}" rel="stylesheet">`).join('')
  const cards = listings.slice(0, FIRST_SCREEN_CARDS).map(cardHtml).join('')
  const body =
    (cards
      ? `<div id="${FIRST_SCREEN_IDS.cards}" class="feed-page"><style>${CARDS_STYLE}</style>` +
        `<div class="feed-page__list"><div class="feed-list">${cards}</div></div></div>`
      : '') +
    consentHtml() +
    `<script>${FIRST_SCREEN_SCRIPT}</script>`
  return { head, body }
}

/**
 * The page with the first screen: its stylesheets at the end of `<head>`, its markup at the end of `<body>`. Only
 * the app's page, the one with its mount point (`<div id="app">`); any other page is left as it is.
 */
export function withFirstScreen(html: string, parts: { head: string; body: string }): string {
  if (!/<div id="app"/.test(html)) return html
  const head = /<\/head\s*>/i.exec(html)
  let page = head ? html.slice(0, head.index) + parts.head + html.slice(head.index) : parts.head + html
  const body = /<\/body\s*>/i.exec(page)
  page = body ? page.slice(0, body.index) + parts.body + page.slice(body.index) : page + parts.body
  return page
}

const found = new Map<string, { mtimeMs: number; hrefs: string[] }>()

/**
 * The build's stylesheets that hold the first screen's rules, as the page links them (`/css/…`), looked up
 * again only when index.html changed (a rebuild while serving). None for a build without a css folder.
 */
export function firstScreenStylesheets(h5Dir: string): string[] {
  let mtimeMs: number
  try {
    mtimeMs = statSync(join(h5Dir, 'index.html')).mtimeMs
  } catch {
    return []
  }
  const kept = found.get(h5Dir)
  if (kept && kept.mtimeMs === mtimeMs) return kept.hrefs
  let names: string[] = []
  try {
    names = readdirSync(join(h5Dir, 'css')).filter((name) => name.endsWith('.css'))
  } catch {
    names = []
  }
  const hrefs = names
    .sort()
    .filter((name) => {
      const text = readFileSync(join(h5Dir, 'css', name), 'utf8')
      return NEEDED_RULES.test(text)
    })
    .map((name) => `/css/${name}`)
  found.set(h5Dir, { mtimeMs, hrefs })
  return hrefs
}
