/**
 * The one question the app is asking the user right now, if any: an overlay on whatever page is shown.
 * Flows await it (`await showPrompt(...)`) the way they would await a system modal, so the order of the
 * questions (consent → age → login) reads as a plain sequence in code.
 *
 * The first-launch and re-consent dialogs are not prompts: they follow from the consent state itself.
 */
export type ConsentPromptMode =
  /** A guest tried something that needs personal data: say why, and ask again. */
  | 'ask'
  /** The texts changed (minor changes) since the user agreed: a login confirms the current versions. */
  | 'update'
  /** WeChat/Alipay asked for privacy authorization before a privacy API runs (onNeedPrivacyAuthorization). */
  | 'platform'

export type Prompt =
  | { kind: 'consent'; mode: ConsentPromptMode; reason: string | null }
  | { kind: 'age' }
  /** `retried`: the server refused a first attempt for want of consent, and the user was asked again. */
  | { kind: 'login'; reason: string | null; retried: boolean }

interface OpenPrompt {
  prompt: Prompt
  settle(result: boolean): void
}

let open: OpenPrompt | null = null
const listeners = new Set<() => void>()
const emit = () => listeners.forEach((listener) => listener())

/** Shows a prompt; resolves true when the user went ahead, false when they declined or cancelled. */
export function showPrompt(prompt: Prompt): Promise<boolean> {
  // A new question replaces an unanswered one, which counts as cancelled: its flow must not hang.
  open?.settle(false)
  return new Promise<boolean>((resolve) => {
    const entry: OpenPrompt = {
      prompt,
      settle(result) {
        if (open === entry) open = null
        resolve(result)
        emit()
      },
    }
    open = entry
    emit()
  })
}

/** Answers the prompt being shown (the overlay's buttons call this). */
export function settlePrompt(result: boolean): void {
  open?.settle(result)
}

export function currentPrompt(): Prompt | null {
  return open?.prompt ?? null
}

export function subscribePrompt(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
