const ACTIVATED_BY_KEYS = '[role="button"], [role="tab"], [role="switch"], [role="checkbox"], [role="link"]'

/**
 * In a browser, what a keyboard needs that Taro's H5 build does not give:
 * - each page (Taro's `.taro_page`, the element that scrolls) can take the focus, so arrow keys and Page
 *   Down scroll it;
 * - an element that says it is a control (`role="button"`, `"tab"` …) takes the focus too, and answers
 *   Enter and Space as a click, as a native button would. Taro's View is a custom element with neither.
 */
export function reachableByKeyboard(): void {
  const makeFocusable = () => {
    const unreachable = document.querySelectorAll(
      `.taro_page:not([tabindex]), :is(${ACTIVATED_BY_KEYS}):not([tabindex])`,
    )
    for (const element of Array.prototype.slice.call(unreachable)) (element as HTMLElement).tabIndex = 0
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
