export { useDataExport, useInventory, useMyData, withdrawPolicyConsent, type DataExport } from './privacy-centre'
export { PERMISSION_STATE_LABELS, usePermissions, type PermissionState } from './permissions'
