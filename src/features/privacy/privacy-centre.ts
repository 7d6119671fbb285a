import { useCallback, useState } from 'react'
import type { ExportAnswer, Inventory, MyData } from '@shared/contracts'
import { describeLoginError, logout, useSession } from '@/features/auth'
import { recordPolicyChoice, markSynced, policyDecisions } from '@/features/consent'
import { clearBrowseHistory } from '@/features/history/browse-history'
import { clearSearchHistory } from '@/features/history/search-history'
import { discardDraft } from '@/features/publish/draft-store'
import { api } from '@/services/api'
import { saveExportFile, type SavedExport } from '@/platform/export-file'
import { useLoaded, type Loaded } from './use-loaded'

/** 我的数据: what the server holds about the member, by category. */
export function useMyData(): Loaded<MyData> {
  const session = useSession()
  // Counts by category: a favourite, comment, listing or reveal made elsewhere changes them.
  return useLoaded(() => api.privacy.getMyData(), session !== null, ['account'])
}

/** 个人信息收集清单 and 第三方信息共享清单, as the inventory states them (readable by anyone). */
export function useInventory(): Loaded<Inventory> {
  return useLoaded(() => api.privacy.getInventory(), true)
}

export interface DataExport {
  exporting: boolean
  error: string | null
  result: { answer: ExportAnswer; saved: SavedExport } | null
  start(): Promise<void>
}

/** 导出我的数据: fetched once (a daily allowance), saved as a file the platform's way, summary kept to show. */
export function useDataExport(): DataExport {
  const [exporting, setExporting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<DataExport['result']>(null)
  const start = useCallback(async () => {
    setExporting(true)
    setError(null)
    try {
      const answer = await api.privacy.exportMyData()
      const saved = await saveExportFile(answer.fileName, JSON.stringify(answer.export, null, 2))
      setResult({ answer, saved })
    } catch (thrown) {
      setError(describeLoginError(thrown).message)
    } finally {
      setExporting(false)
    }
  }, [])
  return { exporting, error, result, start }
}

/**
 * 撤回同意: the withdrawal reaches the account's ledger first (refused offline: nothing changes then), then
 * the device logs out and forgets what it kept — history, searches, the draft — and stays a guest who has
 * not agreed. Browsing goes on; anything that needs personal data asks again.
 */
export async function withdrawPolicyConsent(): Promise<void> {
  const at = Date.now()
  const decisions = policyDecisions('disagree', at)
  await api.auth.recordConsents({ decisions })
  recordPolicyChoice('disagree', at)
  markSynced(decisions)
  await logout()
  clearBrowseHistory()
  clearSearchHistory()
  discardDraft()
}
