/** Small helpers the HTTP drivers share for reading replies and describing failures without secrets. */

/** AbortSignal.timeout rejects with a DOMException, which is not an Error in every realm. */
export function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError'
}

/** The message of an error and of its cause (fetch puts the network reason there). */
export function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const { message, cause } = error as { message?: unknown; cause?: unknown }
  const causeMessage =
    typeof cause === 'object' && cause !== null ? (cause as { message?: unknown }).message : undefined
  return `${String(message ?? error)}${typeof causeMessage === 'string' ? ` (${causeMessage})` : ''}`
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
