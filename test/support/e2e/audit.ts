import axe from 'axe-core'
import type { Page } from 'playwright-core'

/**
 * Every page path of the app's route table (src/app.config.ts: `pages` and each subpackage's `root` +
 * `pages`), as the router's paths (`/pages/index/index`). Read from the source text so that the audit
 * follows the table without the Taro compiler's globals.
 */
export function appPages(configSource: string): string[] {
  const strings = (list: string) => [...list.matchAll(/'([^']+)'/g)].map((m) => m[1])
  const main = /\n {2}pages: \[([^\]]*)\]/.exec(configSource)
  if (!main) throw new Error('app.config.ts: no pages list')
  const sub = [...configSource.matchAll(/root: '([^']+)',\s*pages: \[([^\]]*)\]/g)].flatMap(([, root, list]) =>
    strings(list).map((page) => `${root}/${page}`),
  )
  return [...strings(main[1]), ...sub].map((page) => `/${page}`)
}

export interface AxeFinding {
  rule: string
  impact: string
  /** Selectors of the first few elements, to find them. */
  targets: string[]
}

export interface SmallTarget {
  /** The element's classes (or tag), and its text. */
  element: string
  width: number
  height: number
}

export interface PageAudit {
  violations: AxeFinding[]
  smallTargets: SmallTarget[]
  /** Controls a keyboard cannot reach: the element's classes (or tag) and its text. */
  unreachable: string[]
}

export const MIN_TARGET = 44

/**
 * What can be tapped on the page the user sees, and is smaller than 44 × 44 CSS px. Clickable: an element
 * given a click or tap listener (Taro's View and Text are custom elements that get theirs through
 * addEventListener, which TRACK_TAP_LISTENERS marks) or a React onClick, native controls, and Taro's own
 * tab bar and title bar targets. Only what is rendered counts (pages below in the
 * stack are display: none). Source text, not a function: sent to the page as it is.
 */
const SMALL_TARGETS = `(() => {
  const min = ${MIN_TARGET}
  const native = 'button, a[href], input:not([type=hidden]), textarea, select, [role=button], [role=tab], [role=link], .weui-tabbar__item, .taro-navigation-bar-back, .taro-navigation-bar-home'
  const found = []
  for (const el of Array.prototype.slice.call(document.querySelectorAll('body *'))) {
    const propsKey = Object.keys(el).find((k) => k.indexOf('__reactProps$') === 0)
    const props = propsKey ? el[propsKey] : null
    const handled = el.__tapListener === true || (props && (typeof props.onClick === 'function' || typeof props.onTap === 'function'))
    const clickable = handled || el.matches(native)
    if (!clickable) continue
    if (!el.checkVisibility({ checkVisibilityCSS: true })) continue
    const rect = el.getBoundingClientRect()
    if (rect.width === 0 && rect.height === 0) continue
    // Rounding: a 43.99 px box from rem maths is 44 px on screen.
    if (rect.width >= min - 0.5 && rect.height >= min - 0.5) continue
    const classes = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : el.tagName.toLowerCase()
    found.push({ element: classes + ' 「' + (el.textContent || '').trim().slice(0, 20) + '」', width: Math.round(rect.width), height: Math.round(rect.height) })
  }
  return found
})()`

/**
 * What a user can click on the page but a keyboard cannot reach: an element with a click or tap listener
 * (as SMALL_TARGETS finds them) or a control's role, rendered, not disabled, not inside an `aria-hidden`
 * tree (a sheet's mask: the sheet has its own close button) and not React's root, that cannot take the focus — a tabIndex below
 * 0 (Taro's View, Text and Image are custom elements: -1 unless given a tabindex) and not natively
 * focusable. Source text, not a function: sent to the page as it is.
 */
const UNREACHABLE = `(() => {
  const roles = '[role=button], [role=tab], [role=link], [role=switch], [role=checkbox], [role=radio], [role=option], [role=menuitem]'
  const found = []
  for (const el of Array.prototype.slice.call(document.querySelectorAll('body *'))) {
    const propsKey = Object.keys(el).find((k) => k.indexOf('__reactProps$') === 0)
    const props = propsKey ? el[propsKey] : null
    const handled = el.__tapListener === true || (props && (typeof props.onClick === 'function' || typeof props.onTap === 'function'))
    if (!handled && !el.matches(roles)) continue
    // React's root (Taro's .taro_router) listens for every click of the app, as its event delegation.
    if (Object.keys(el).some((k) => k.indexOf('__reactContainer$') === 0)) continue
    if (el.closest('[aria-hidden=true]') || el.matches(':disabled')) continue
    if (!el.checkVisibility({ checkVisibilityCSS: true })) continue
    const rect = el.getBoundingClientRect()
    if (rect.width === 0 && rect.height === 0) continue
    if (el.tabIndex >= 0 || el.isContentEditable) continue
    const classes = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : el.tagName.toLowerCase()
    found.push(classes + ' 「' + (el.textContent || '').trim().slice(0, 20) + '」')
  }
  return found
})()`

/**
 * An init script for the audited profile: marks every element that gets a click or tap listener, before
 * any page script runs. The app itself is unchanged; only the test can then tell what is tappable.
 */
export const TRACK_TAP_LISTENERS = `(() => {
  const add = EventTarget.prototype.addEventListener
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if ((type === 'click' || type === 'tap') && this instanceof Element) this.__tapListener = true
    return add.call(this, type, listener, options)
  }
})()`

/** One axe pass over the document (critical and serious violations), the tap-target and keyboard scans. */
export async function auditPage(page: Page): Promise<PageAudit> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe.source)
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => String(n.target[0])) })))`)) as AxeFinding[]
  const smallTargets = (await page.evaluate(SMALL_TARGETS)) as SmallTarget[]
  const unreachable = (await page.evaluate(UNREACHABLE)) as string[]
  return { violations, smallTargets, unreachable }
}
