/**
 * Copies of the server's data kept as backups, and the deletion log that keeps a restore from bringing a
 * purged account back (ports/deletion-log.ts; the self-hosted server's archives, server/backup.ts). Declared
 * beside the collections so the 隐私政策 states it: a change here changes the policy facts (inventory.ts).
 * The server's BACKUP_KEEP_DAYS cannot exceed BACKUP_RETENTION_DAYS.
 */
export const BACKUP_RETENTION_DAYS = 30

export interface BackupData {
  about: string
  purpose: string
  retention: string
}

export const BACKUP_DATA: BackupData[] = [
  {
    about: '服务器数据的备份（数据库、上传的图片和加密密钥的副本）',
    purpose: '在设备故障或误操作后恢复服务',
    retention: `每天备份一次，每份最多保存 ${BACKUP_RETENTION_DAYS} 天，期满删除`,
  },
  {
    about: '已注销账号的删除记录：账号的随机编号和注销时间，不含其他信息',
    purpose: '从备份恢复数据时，再次删除备份之后注销的账号',
    retention: `保存至含有该账号的备份全部期满（每份备份最多 ${BACKUP_RETENTION_DAYS} 天）`,
  },
]
