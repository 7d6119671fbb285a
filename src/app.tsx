import type { PropsWithChildren } from 'react'
import { onNeedPrivacyAuthorization } from '@/features/consent/platform-authorization'
import { reachableByKeyboard } from '@/platform/keyboard'
import { listenForPrivacyAuthorization } from '@/platform/privacy'
import { quietScriptLinks } from '@/platform/script-links'
import './app.scss'

// A local listener, not a request: when WeChat/Alipay pause a privacy API until the user agrees, they ask
// us, and we show our own dialog. Registered before any page can call such an API.
listenForPrivacyAuthorization(onNeedPrivacyAuthorization)
// A local listener too: the H5 tab bar's links would otherwise run javascript: URLs the CSP refuses.
quietScriptLinks()
// And on H5 the pages scroll, and controls drawn from Views answer Enter and Space, by keyboard.
reachableByKeyboard()

// Deliberately nothing else at launch: no request may leave the device before the user's privacy choice,
// so nothing is fetched or initialised here; pages load data once the consent dialog has been answered.
export default function App({ children }: PropsWithChildren) {
  return children
}
