/**
 * Taro's H5 tab bar draws each item as `<a href="javascript:;">` and handles the tap itself. Following such
 * a link would run a `javascript:` URL, which the page's Content-Security-Policy forbids (and reports). The
 * tap's own handler still runs; only the link's default, a no-op, is cancelled.
 */
export function quietScriptLinks(): void {
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="javascript:"]')
      if (link) event.preventDefault()
    },
    true,
  )
}
