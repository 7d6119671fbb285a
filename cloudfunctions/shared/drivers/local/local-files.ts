import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import type { FileStorage } from '../../ports/file-storage'

/**
 * The FileStorage port on the local disk, for the self-hosted server: files under `<DATA_DIR>/files/`,
 * served back by the server at `GET /files/<key>`.
 */
export interface LocalFileStorage extends FileStorage {
  /** Absolute path of a stored key, or null for a key that is not one this storage would write. */
  pathOf(key: string): string | null
}

/** Path segments of letters, digits, `.`, `_`, `-`, none starting with a dot: no `..`, no hidden files. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/

export function createLocalFileStorage(root: string, publicBaseUrl = ''): LocalFileStorage {
  const base = resolve(root)
  const pathOf = (key: string): string | null => {
    if (key.length > 512 || !KEY.test(key)) return null
    const file = resolve(base, key)
    return file.startsWith(base + sep) ? file : null
  }
  const required = (key: string): string => {
    const file = pathOf(key)
    if (!file) throw new Error(`Invalid file key "${key}"`)
    return file
  }
  return {
    pathOf,
    async put(key, bytes) {
      const file = required(key)
      await mkdir(dirname(file), { recursive: true })
      // Written aside and renamed: a reader never sees half a file.
      const temp = join(dirname(file), `.tmp-${randomBytes(6).toString('hex')}`)
      await writeFile(temp, bytes, { mode: 0o600 })
      await rename(temp, file)
      return { url: `${publicBaseUrl}/files/${key}` }
    },
    async delete(key) {
      const file = required(key)
      await rm(file, { force: true })
      // Folders are named after their member (avatars/<user id>/…): an emptied one goes too, so a deleted
      // account leaves not even its id in the folder tree. rmdir refuses a folder that is not empty.
      for (let dir = dirname(file); dir.startsWith(base + sep); dir = dirname(dir)) {
        try {
          await rmdir(dir)
        } catch {
          break
        }
      }
    },
  }
}
