/**
 * What the self-hosted server puts into the H5 page before the app's code runs (server/first-screen.ts) and
 * the app removes once it shows its own (src/platform/first-screen.h5.ts): the ids of the two containers.
 */
export const FIRST_SCREEN_IDS = {
  /** The feed's first cards, plain HTML, until the feed page shows its own list (or any dialog). */
  cards: 'first-screen',
  /** The consent dialog's first screen, inert, until the app's own consent dialog (or its page) mounts. */
  consent: 'first-screen-consent',
} as const

/** Where the device keeps its consent ledger (the app's consent store); the page's script only asks whether it is there. */
export const CONSENT_STORAGE_KEY = 'zn.consent.v1'
