import './keyboard.h5.scss'

const ROLES = '[role="button"], [role="tab"], [role="switch"], [role="checkbox"], [role="link"]'
/** Taro's H5 Button, a custom element, and the router's title-bar icons: controls without a role. */
const BUTTONS_WITHOUT_ROLE = 'taro-button-core, .taro-navigation-bar-back, .taro-navigation-bar-home'
const ACTIVATED_BY_KEYS = `${ROLES}, ${BUTTONS_WITHOUT_ROLE}`

/** The title bar's icons draw a picture only: their names. */
const TITLE_BAR_NAMES: [string, string][] = [
  ['taro-navigation-bar-back', '返回'],
  ['taro-navigation-bar-home', '首页'],
]

/**
 * In a browser, what a keyboard needs that Taro's H5 build does not give:
 * - each page (Taro's `.taro_page`, the element that scrolls) can take the focus, so arrow keys and Page
 *   Down scroll it;
 * - an element that says it is a control (`role="button"`, `"tab"` …), Taro's Button and the title bar's
 *   back and home icons take the focus too, and answer Enter and Space as a click, as a native button
 *   would. Taro's View and Button are custom elements with neither. The Button and the icons are given the
 *   `button` role (and the icons a name), which Taro leaves out.
 */
export function reachableByKeyboard(): void {
  const makeFocusable = () => {
    const unreachable = document.querySelectorAll(
      `.taro_page:not([tabindex]), :is(${ACTIVATED_BY_KEYS}):not([tabindex])`,
    )
    for (const element of Array.prototype.slice.call(unreachable) as HTMLElement[]) {
      element.tabIndex = 0
      if (!element.matches(BUTTONS_WITHOUT_ROLE)) continue
      if (!element.hasAttribute('role')) element.setAttribute('role', 'button')
      const name = TITLE_BAR_NAMES.find(([className]) => element.classList.contains(className))
      if (name && !element.hasAttribute('aria-label')) element.setAttribute('aria-label', name[1])
    }
  }
  new MutationObserver(makeFocusable).observe(document.body, { childList: true, subtree: true })
  makeFocusable()

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return
    const target = event.target as HTMLElement | null
    if (!target?.matches?.(ACTIVATED_BY_KEYS)) return
    event.preventDefault()
    target.click()
  })
}
