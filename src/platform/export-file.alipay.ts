import Taro from '@tarojs/taro'
import type { SavedExport } from './export-file-types'

export type { SavedExport }

/**
 * Alipay mini-programs cannot hand a file to another app: the file is written into the mini-program's
 * own user folder, and the page offers the readable summary to copy instead.
 */
export async function saveExportFile(fileName: string, json: string): Promise<SavedExport> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8')
  return { where: '已保存在小程序的文件夹中；支付宝不支持把文件发送到其他应用，可复制下方的可读版本' }
}
