/** Browsers keep no per-app permission list a page can read: each permission is asked when used. */
export async function readAuthSetting(): Promise<Record<string, boolean> | null> {
  return null
}
