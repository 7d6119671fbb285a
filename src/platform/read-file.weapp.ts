import Taro from '@tarojs/taro'

/** WeChat: a chosen image is a temp file path; the file system manager reads it as base64. */
export function readFileAsBase64(path: string): Promise<{ data: string; mimeType: string | null }> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (res) => resolve({ data: String(res.data), mimeType: null }),
      fail: reject,
    })
  })
}
