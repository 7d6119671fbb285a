/** The roles a clickable View, Text or Image plays: what a screen reader announces, and what a keyboard reaches. */
export type ControlRole = 'button' | 'link' | 'tab' | 'switch' | 'checkbox'

export interface ControlRoleProps {
  role: ControlRole
  'aria-label'?: string
}

/**
 * The props that make a clickable View, Text or Image a control: its `role` (on H5 keyboard.h5.ts then gives
 * it the focus and answers Enter and Space) and, where its text does not say what it does (an icon, a ×,
 * an avatar), its name. `link` for what opens another page, `button` for an action in place. The
 * mini-programs' templates leave both out; Alipay reads `role`.
 *
 *   <View className="row" onClick={open} {...control('link')}>…</View>
 *   <View className="remove" onClick={remove} {...control('button', `删除${title}`)}>×</View>
 */
export function control(role: ControlRole, name?: string): ControlRoleProps {
  return name ? { role, 'aria-label': name } : { role }
}

export interface DialogProps {
  role: 'dialog'
  'aria-modal': true
  'aria-label': string
}

/**
 * The props of a dialog's panel (a sheet, the consent dialog): announced as a dialog by its name; on H5
 * (keyboard.h5.ts) the focus moves into it when it opens, stays in it while it is open, and returns where
 * it was when it closes. Its way out, if it has one, carries `DIALOG_CLOSE`: Escape presses it.
 */
export function dialog(name: string): DialogProps {
  return { role: 'dialog', 'aria-modal': true, 'aria-label': name }
}

/** Marks a dialog's way out (取消, 完成): what Escape presses. A dialog that asks for a choice has none. */
export const DIALOG_CLOSE = { 'data-dialog-close': 'true' } as const
