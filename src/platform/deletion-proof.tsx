import type { DeletionProofProps } from './deletion-proof-types'

/**
 * H5 / self-hosted: no platform vouches for the number, so the SMS code to it is the only proof. The build
 * picks deletion-proof.{weapp,alipay}.tsx on the mini-programs.
 */
export function DeletionProof(_props: DeletionProofProps) {
  return null
}
