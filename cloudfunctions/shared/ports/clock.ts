/** Time as the domain sees it; tests and the retention job move it explicitly. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
