export { useDataExport, useInventory, useMyData, withdrawPolicyConsent, type DataExport } from './privacy-centre'
export { PERMISSION_STATE_LABELS, usePermissions, type PermissionState } from './permissions'
export {
  requestAccountDeletion,
  sendDeletionCode,
  useAccountDeletion,
  useDeletionRequest,
  type AccountDeletionView,
  type DeletionProof,
  type DeletionRequest,
  type ProofMethod,
} from './account-deletion'
export { chinaDate, checkPendingDeletion, undoDeletion } from './pending-deletion'
export { DeletionBanner } from './components/DeletionBanner'
