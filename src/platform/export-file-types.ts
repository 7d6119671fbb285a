/** Where a saved export went, and what the member can do with it next. */
export interface SavedExport {
  /** One line for the page, e.g. 「已下载到浏览器的下载文件夹」. */
  where: string
  /** WeChat: send the file to a chat (文件传输助手, or oneself). */
  share?: () => Promise<void>
}
