/** Stores user files (avatars). Self-hosted: files under the data dir; CloudBase: cloud storage. */
export interface FileStorage {
  /** Stores the bytes at a key the caller chose; returns a URL clients can load. */
  put(key: string, bytes: Buffer, contentType: string): Promise<{ url: string }>
  delete(key: string): Promise<void>
}
