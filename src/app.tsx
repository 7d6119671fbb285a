import type { PropsWithChildren } from 'react'
import { consentState } from '@/features/consent/consent-store'
import { mayUseNetwork } from '@/features/consent/consent-model'
import { onNeedPrivacyAuthorization } from '@/features/consent/platform-authorization'
import { requestFirstScreen } from '@/features/listings/first-screen'
import { listenForPrivacyAuthorization } from '@/platform/privacy'
import { quietScriptLinks } from '@/platform/script-links'
import './app.scss'

// A local listener, not a request: when WeChat/Alipay pause a privacy API until the user agrees, they ask
// us, and we show our own dialog. Registered before any page can call such an API.
listenForPrivacyAuthorization(onNeedPrivacyAuthorization)
// A local listener too: the H5 tab bar's links would otherwise run javascript: URLs the CSP refuses.
quietScriptLinks()

// No request may leave the device before the user's privacy choice: pages load data once the consent
// dialog has been answered. A returning visitor has answered it: on H5, where the page's code is still
// being downloaded at this point, the feed's first requests leave now and are ready when the page asks.
// Only when the app opens on the feed (a shared link to a detail would not use them).
if (process.env.TARO_ENV === 'h5' && mayUseNetwork(consentState().status) && opensOnFeed()) requestFirstScreen()

function opensOnFeed(): boolean {
  const route = window.location.hash.replace(/^#/, '').split('?')[0]
  return route === '' || route === '/' || route === '/pages/index/index'
}

export default function App({ children }: PropsWithChildren) {
  return children
}
