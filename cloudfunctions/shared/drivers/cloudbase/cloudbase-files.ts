import type { FileStorage } from '../../ports/file-storage'
import type { CloudbaseApp } from './cloudbase-store'
import { isRecord } from '../http-errors'

/**
 * The FileStorage port over CloudBase cloud storage through `@cloudbase/node-sdk` (3.18.3):
 * `uploadFile({cloudPath, fileContent})` → `{fileID}` (`storage.getUploadMetadata`, then a PUT to COS);
 * `getTempFileURL({fileList:[{fileID, maxAge}]})` → `{fileList:[{code, fileID, tempFileURL}]}`
 * (`storage.batchGetDownloadUrl`); `deleteFile({fileList:[fileID]})` → `{fileList:[{code, fileID}]}`
 * (`storage.batchDeleteFile`).
 *
 * Why an https URL and not the `cloud://` fileID: only WeChat's `<Image>` (with `wx.cloud` initialised)
 * can show a fileID; Alipay has no `wx.cloud` and `Taro.cloud` is a stub on H5, so a fileID would be a
 * broken avatar on two of the three clients. CloudBase documents that the https link of a public-read
 * file never expires (the storage default), so the URL can be stored in the profile. Avatars therefore
 * need the storage permission to stay 「所有用户可读」; under a private rule the link lasts `maxAge`.
 *
 * The SDK's `uploadFile` takes no content type (COS infers it from the key's extension), so callers
 * choose keys with the extension that matches the bytes.
 */
export interface CloudbaseFilesOptions {
  /** Asked for each link; only matters if the bucket is not public-read. */
  maxAgeSeconds?: number
}

const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/

export function createCloudbaseFiles(app: CloudbaseApp, options: CloudbaseFilesOptions = {}): FileStorage {
  const maxAge = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS

  /** The fileID CloudBase gives this key, without uploading anything. */
  const fileIdOf = async (key: string): Promise<string> => {
    const reply = await call('getUploadMetadata', key, () => app.getUploadMetadata({ cloudPath: key }))
    const fileId = isRecord(reply) && isRecord(reply.data) ? reply.data.fileId : undefined
    if (typeof fileId !== 'string' || fileId === '') throw unexpectedReply('getUploadMetadata', key)
    return fileId
  }

  return {
    async put(key, bytes, _contentType) {
      assertKey(key)
      const uploaded = await call('uploadFile', key, () => app.uploadFile({ cloudPath: key, fileContent: bytes }))
      const fileID = isRecord(uploaded) ? uploaded.fileID : undefined
      if (typeof fileID !== 'string' || fileID === '') throw unexpectedReply('uploadFile', key)

      const links = await call('getTempFileURL', key, () => app.getTempFileURL({ fileList: [{ fileID, maxAge }] }))
      const [link] = listIn(links, 'getTempFileURL', key)
      if (!link || link.code !== 'SUCCESS' || typeof link.tempFileURL !== 'string' || link.tempFileURL === '') {
        throw new Error(`CloudBase getTempFileURL for "${key}" failed${link?.code ? ` [${String(link.code)}]` : ''}`)
      }
      return { url: link.tempFileURL }
    },

    async delete(key) {
      assertKey(key)
      // The port names files by key; CloudBase deletes by fileID, which embeds the env's bucket name.
      const fileID = await fileIdOf(key)
      const reply = await call('deleteFile', key, () => app.deleteFile({ fileList: [fileID] }))
      const [result] = listIn(reply, 'deleteFile', key)
      const code = result ? String(result.code ?? '') : ''
      // Deleting what is already gone is success: a retried delete must not fail.
      if (code !== 'SUCCESS' && !/NOT_?EXIST|NONEXIST/i.test(code)) {
        throw new Error(`CloudBase deleteFile for "${key}" failed${code ? ` [${code}]` : ''}`)
      }
    },
  }
}

function assertKey(key: string): void {
  // Keys come from our own code (e.g. avatars/<userId>.jpg), never from users; a bad one is a bug.
  if (!KEY.test(key) || key.includes('..')) throw new Error(`Unsupported storage key "${key}"`)
}

/** Like the store driver: SDK failures (thrown, or returned with `code` when throwOnCode is off) become plain errors. */
async function call(operation: string, key: string, run: () => Promise<unknown>): Promise<unknown> {
  let reply: unknown
  try {
    reply = await run()
  } catch (error) {
    throw translateFailure(error, operation, key)
  }
  if (isRecord(reply) && typeof reply.code === 'string' && reply.code !== '') {
    throw translateFailure(reply, operation, key)
  }
  return reply
}

function translateFailure(error: unknown, operation: string, key: string): Error {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : ''
  const message = error instanceof Error ? error.message : isRecord(error) ? String(error.message ?? '') : ''
  const requestId = isRecord(error) && typeof error.requestId === 'string' && error.requestId ? error.requestId : ''
  // Plain facts only: the SDK's own errors carry request options, signed headers included.
  return new Error(
    `CloudBase ${operation} for "${key}" failed` +
      (code ? ` [${code}]` : '') +
      (message ? `: ${message}` : '') +
      (requestId ? ` (requestId ${requestId})` : ''),
  )
}

function listIn(reply: unknown, operation: string, key: string): Array<Record<string, unknown>> {
  if (!isRecord(reply) || !Array.isArray(reply.fileList)) throw unexpectedReply(operation, key)
  return reply.fileList.filter(isRecord)
}

function unexpectedReply(operation: string, key: string): Error {
  return new Error(`CloudBase ${operation} for "${key}" returned a reply in an unexpected shape`)
}
