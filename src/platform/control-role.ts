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
