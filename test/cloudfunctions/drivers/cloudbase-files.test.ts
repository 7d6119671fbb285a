import type { IncomingMessage, ServerResponse } from 'node:http'
import tcb from '@cloudbase/node-sdk'
import { createCloudbaseFiles } from '@shared/drivers/cloudbase/cloudbase-files'
import type { FileStorage } from '@shared/ports/file-storage'
import { startLoopback } from '../../support/loopback-double'

process.env.TENCENTCLOUD_RUNENV = 'SCF'
process.env.TENCENTCLOUD_REGION = 'ap-shanghai'
process.env.SCF_NAMESPACE = 'test-env'
process.env.SILENCE = 'true'

const BUCKET = '7465-test-env-1250000000'

/**
 * A wire-level stand-in for CloudBase storage, enough for the three calls the driver makes. The request
 * shapes are what @cloudbase/node-sdk 3.18.3 sends (read from dist/storage/index.js): JSON POSTs to the
 * service URL with `action` `storage.getUploadMetadata` {path, method:'put'}, `storage.batchGetDownloadUrl`
 * {file_list:[{fileid, max_age}]}, `storage.batchDeleteFile` {fileid_list}; then a PUT of the bytes to
 * the COS URL from the metadata, with its `authorization` and `x-cos-meta-fileid` headers. The reply
 * item names (`fileID`, `tempFileURL`, `code`) are those the SDK's types promise its callers, because the
 * SDK hands `download_list` / `delete_list` through unchanged. The error code for a missing file is a
 * guess (STORAGE_FILE_NONEXIST): CloudBase's list of storage codes was not verified.
 */
async function startStorageDouble() {
  const files = new Map<string, Buffer>()
  const actions: string[] = []
  const fileIdOf = (path: string) => `cloud://test-env.${BUCKET}/${path}`
  const pathOf = (fileId: unknown) =>
    typeof fileId === 'string' && fileId.startsWith(`cloud://test-env.${BUCKET}/`)
      ? fileId.slice(`cloud://test-env.${BUCKET}/`.length)
      : null
  let base = ''

  const api = (body: Record<string, unknown>): Record<string, unknown> => {
    actions.push(String(body.action))
    switch (body.action) {
      case 'storage.getUploadMetadata': {
        const path = String(body.path)
        return {
          data: {
            url: `${base}/cos/${encodeURIComponent(path)}`,
            token: 'cos-session-token',
            authorization: 'q-sign-algorithm=sha1&q-ak=AKID&q-signature=0',
            fileId: fileIdOf(path),
            cosFileId: `cos-${path}`,
            download_url: `${base}/dl/${path}`,
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = body.file_list as Array<{ fileid: string; max_age?: number }>
        return {
          data: {
            download_list: list.map(({ fileid }) => {
              const path = pathOf(fileid)
              return path && files.has(path)
                ? { code: 'SUCCESS', fileID: fileid, tempFileURL: `${base}/dl/${path}` }
                : { code: 'STORAGE_FILE_NONEXIST', fileID: fileid, tempFileURL: '' }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = body.fileid_list as string[]
        return {
          data: {
            delete_list: list.map((fileid) => {
              const path = pathOf(fileid)
              const existed = path !== null && files.delete(path)
              return { code: existed ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST', fileID: fileid }
            }),
          },
        }
      }
      default:
        return { code: 'INVALID_ACTION', message: `action ${String(body.action)} is not served` }
    }
  }

  const serve = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://double')
    if (req.method === 'PUT' && url.pathname.startsWith('/cos/')) {
      const path = decodeURIComponent(url.pathname.slice('/cos/'.length))
      if (!req.headers.authorization || req.headers['x-cos-meta-fileid'] !== `cos-${path}`) {
        res.writeHead(403, { 'content-type': 'application/xml' })
        res.end(
          '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>denied</Message><RequestId>r</RequestId><TraceId>t</TraceId></Error>',
        )
        return
      }
      files.set(path, raw)
      res.writeHead(200).end()
      return
    }
    if (req.method === 'GET' && url.pathname.startsWith('/dl/')) {
      const bytes = files.get(url.pathname.slice('/dl/'.length))
      res.writeHead(bytes ? 200 : 404).end(bytes)
      return
    }
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ requestId: 'req-1', ...api(body) }))
  }

  const server = await startLoopback(serve)
  base = server.origin
  return {
    serviceUrl: `${base}/admin`,
    files,
    actions,
    close: server.close,
  }
}

describe('CloudBase file storage through the real SDK to a storage double', () => {
  let double: Awaited<ReturnType<typeof startStorageDouble>>
  let files: FileStorage

  beforeEach(async () => {
    double = await startStorageDouble()
    const app = tcb.init({ env: 'test-env', secretId: 'id', secretKey: 'key', serviceUrl: double.serviceUrl })
    files = createCloudbaseFiles(app)
  })

  afterEach(() => double.close())

  it('put uploads the bytes under the key and returns an https-style link every client can load', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])

    const { url } = await files.put('avatars/u1.jpg', bytes, 'image/jpeg')

    expect(url).not.toMatch(/^cloud:\/\//)
    expect(double.files.get('avatars/u1.jpg')).toEqual(bytes)
    const fetched = Buffer.from(await (await fetch(url)).arrayBuffer())
    expect(fetched).toEqual(bytes)
    expect(double.actions).toEqual(['storage.getUploadMetadata', 'storage.batchGetDownloadUrl'])
  })

  it('delete removes the file by its fileID, and deleting it again is not an error', async () => {
    await files.put('avatars/u2.png', Buffer.from('png'), 'image/png')

    await files.delete('avatars/u2.png')
    await files.delete('avatars/u2.png')

    expect(double.files.has('avatars/u2.png')).toBe(false)
    expect(double.actions.slice(2)).toEqual([
      'storage.getUploadMetadata',
      'storage.batchDeleteFile',
      'storage.getUploadMetadata',
      'storage.batchDeleteFile',
    ])
  })

  it('keys that could climb out of their folder are a programming error', async () => {
    await expect(files.put('../etc/passwd', Buffer.from('x'), 'text/plain')).rejects.toThrow(/Unsupported storage key/)
    await expect(files.delete('/abs.jpg')).rejects.toThrow(/Unsupported storage key/)
  })
})
