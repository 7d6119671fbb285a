import { FIRST_SCREEN_IDS } from '@shared/contracts/first-screen'

/**
 * The server's first screen (server/first-screen.ts): plain HTML the page shows before the app's code has
 * run. The app takes each part down in the same commit that puts up its own (layout effects run before the
 * browser paints), so the two are never on screen together.
 */
export function dropFirstScreenCards(): void {
  document.getElementById(FIRST_SCREEN_IDS.cards)?.remove()
}

export function dropConsentPrepaint(): void {
  document.getElementById(FIRST_SCREEN_IDS.consent)?.remove()
}
