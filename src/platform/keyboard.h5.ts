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
  const dialogs = dialogFocus()
  // Taro's own dialogs stay in the page and are shown and hidden by their style.
  const shownOrHidden = new MutationObserver(() => dialogs.update())
  new MutationObserver(() => {
    for (const wrapper of dressTaroDialogs())
      shownOrHidden.observe(wrapper, { attributes: true, attributeFilter: ['style'] })
    makeFocusable()
    dialogs.update()
  }).observe(document.body, { childList: true, subtree: true })
  makeFocusable()

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      dialogs.key(event)
      return
    }
    if (event.key !== 'Enter' && event.key !== ' ') return
    const target = event.target as HTMLElement | null
    if (!target?.matches?.(ACTIVATED_BY_KEYS)) return
    event.preventDefault()
    target.click()
  })
}

const DIALOG = '[aria-modal="true"]'
/** What can take the focus by Tab inside a dialog. */
const TABBABLE = 'input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])'

const shown = (element: Element) => element.getClientRects().length > 0
const list = (root: ParentNode, selector: string) =>
  (Array.prototype.slice.call(root.querySelectorAll(selector)) as HTMLElement[]).filter(shown)

/**
 * The open dialog (the last shown one: a sheet over a page, the consent dialog over a sheet) keeps the
 * keyboard: the focus moves onto it when it opens, Tab and Shift+Tab go round inside it, Escape presses
 * its way out (`DIALOG_CLOSE`), and when it closes the focus returns to where it was.
 */
function dialogFocus() {
  let open: HTMLElement | null = null
  let returnTo: HTMLElement | null = null
  const top = () => list(document, DIALOG).pop() ?? null

  return {
    update() {
      const now = top()
      if (now === open) return
      if (now && !open) returnTo = document.activeElement as HTMLElement | null
      open = now
      if (now) {
        // The panel itself, not its first field: a screen reader reads the dialog's name, and a phone
        // does not open its keyboard for a field the user has not chosen. Tab goes on to the first control.
        now.tabIndex = -1
        // After the frame that lays it out: a sheet that has just been inserted does not take the focus yet.
        requestAnimationFrame(() => {
          if (open === now && now.isConnected) now.focus()
        })
      } else if (returnTo?.isConnected) {
        returnTo.focus()
        returnTo = null
      }
    },
    key(event: KeyboardEvent) {
      const dialog = top()
      if (!dialog) return
      if (event.key === 'Escape') {
        const close = list(dialog, '[data-dialog-close]')[0]
        if (!close) return
        event.preventDefault()
        close.click()
        return
      }
      const tabbable = list(dialog, TABBABLE)
      if (tabbable.length === 0) return
      const at = tabbable.indexOf(document.activeElement as HTMLElement)
      const leaving = event.shiftKey ? at <= 0 : at === -1 || at === tabbable.length - 1
      if (!leaving) return
      event.preventDefault()
      tabbable[event.shiftKey ? tabbable.length - 1 : 0]!.focus()
    },
  }
}

/**
 * Taro's H5 `showModal` and `showActionSheet` draw plain `<div>`s: their panels are made dialogs, their
 * buttons and choices buttons (so dialogFocus and the Enter / Space handling above take them), 取消 their way
 * out. Answers the wrappers dressed now (the first time each is seen), whose style shows and hides them.
 */
function dressTaroDialogs(): HTMLElement[] {
  const dressed: HTMLElement[] = []
  const mark = (element: Element | null | undefined, role: string, attributes: Record<string, string> = {}) => {
    if (!element || element.hasAttribute('role')) return
    element.setAttribute('role', role)
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
    if (role === 'button') (element as HTMLElement).tabIndex = 0
  }
  for (const modal of Array.prototype.slice.call(document.querySelectorAll('.taro__modal')) as HTMLElement[]) {
    const title = modal.querySelector('.taro-modal__title')
    if (title && !title.id) title.id = 'taro-modal-title'
    mark(modal.querySelector('.taro-modal__content'), 'dialog', {
      'aria-modal': 'true',
      'aria-labelledby': 'taro-modal-title',
    })
    mark(modal.querySelector('.taro-model__confirm'), 'button')
    mark(modal.querySelector('.taro-model__cancel'), 'button', { 'data-dialog-close': 'true' })
  }
  for (const sheet of Array.prototype.slice.call(document.querySelectorAll('.taro__actionSheet')) as HTMLElement[]) {
    const panel = sheet.children[1]
    mark(panel, 'dialog', { 'aria-modal': 'true', 'aria-label': '请选择' })
    for (const cell of Array.prototype.slice.call(sheet.querySelectorAll('[data-tap-index]')) as Element[])
      mark(cell, 'button')
    mark(panel?.lastElementChild, 'button', { 'data-dialog-close': 'true' })
  }
  for (const wrapper of Array.prototype.slice.call(
    document.querySelectorAll('.taro__modal:not([data-keyboard]), .taro__actionSheet:not([data-keyboard])'),
  ) as HTMLElement[]) {
    wrapper.setAttribute('data-keyboard', '')
    dressed.push(wrapper)
  }
  return dressed
}
