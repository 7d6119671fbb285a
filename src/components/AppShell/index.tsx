import { useLayoutEffect, type PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { LoginSheet, useAccountUpkeep } from '@/features/auth'
import { AgeGate, ConsentDialog, useConsent, usePrompt } from '@/features/consent'
import { dropConsentPrepaint } from '@/platform/first-screen'

/**
 * What every page of the app sits in: the page, and over it whichever question the app is asking — the
 * consent dialog (first launch, or after a material change), consent again for a guest, the age
 * confirmation, the login sheet. Mini-programs render nothing outside a page, so each page carries this
 * shell; the state behind it is shared, so all pages show the same question.
 */
export function AppShell({ children }: PropsWithChildren) {
  const consent = useConsent()
  const prompt = usePrompt()
  useAccountUpkeep()
  // H5: the server's still copy of the consent dialog goes in the commit that puts up this page, which
  // carries the app's own dialog when one is due.
  useLayoutEffect(dropConsentPrepaint, [])

  return (
    <View className="app-shell">
      {children}
      {renderOverlay()}
    </View>
  )

  function renderOverlay() {
    if (consent.status === 'undecided') return <ConsentDialog mode="first" />
    if (consent.status === 'reconsent-needed') return <ConsentDialog mode="changed" changes={consent.materialChanges} />
    if (!prompt) return null
    if (prompt.kind === 'consent') {
      return <ConsentDialog mode={prompt.mode} reason={prompt.reason} changes={consent.minorChanges} />
    }
    if (prompt.kind === 'age') return <AgeGate />
    return <LoginSheet reason={prompt.reason} retried={prompt.retried} />
  }
}
