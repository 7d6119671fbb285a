import type { ReactElement } from 'react'
import { act, fireEvent, render, screen, type RenderResult } from '@testing-library/react'

/** The consent dialog, if one is on screen. */
export function consentDialog(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.consent-dialog')
}

/**
 * Taps 「同意」 in the consent dialog once it is shown. Inside an async act: the tap starts the page's
 * first requests, and an answer the device gives itself (a refused input) lands before act returns.
 */
export async function agree(): Promise<void> {
  const button = await screen.findByText('同意')
  await act(async () => {
    fireEvent.click(button)
  })
}

/** Taps 「不同意」 in the consent dialog once it is shown. */
export async function decline(): Promise<void> {
  const button = await screen.findByText('不同意')
  await act(async () => {
    fireEvent.click(button)
  })
}

/** A first launch as most stories need it: the page opens, the dialog asks, the user agrees. */
export async function renderAfterConsent(ui: ReactElement): Promise<RenderResult> {
  const result = render(ui)
  await agree()
  return result
}
