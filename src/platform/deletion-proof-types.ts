import type { DeletionRequest } from '@/features/privacy/account-deletion'

/** What the cancellation page gives the platform's own way of proving the account's number again. */
export interface DeletionProofProps {
  busy: boolean
  /** The refusal of the platform's proof, shown under its button. */
  error: string | null
  submitProof: DeletionRequest['submitProof']
}
