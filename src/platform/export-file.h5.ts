import type { SavedExport } from './export-file-types'

export type { SavedExport }

/** The browser downloads the file; nothing of it stays in the page. */
export async function saveExportFile(fileName: string, json: string): Promise<SavedExport> {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has its own copy once started; the object URL is freed after the click's task.
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return { where: `已下载 ${fileName}（在浏览器的下载文件夹中）` }
}
