import Taro from '@tarojs/taro'
import type { SavedExport } from './export-file-types'

export type { SavedExport }

/**
 * Written into the mini-program's own user folder with the file system manager, then offered to a chat
 * with `shareFileMessage` (WeChat's only way to hand a file out of a mini-program).
 */
export async function saveExportFile(fileName: string, json: string): Promise<SavedExport> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8')
  return {
    where: '已保存在小程序的文件夹中，可发送到聊天（如「文件传输助手」）后在电脑或手机上打开',
    share: async () => {
      await Taro.shareFileMessage({ filePath, fileName })
    },
  }
}
