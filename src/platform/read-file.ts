/** H5: a chosen image is a blob: URL; read it back as base64 with its real type. */
export async function readFileAsBase64(path: string): Promise<{ data: string; mimeType: string | null }> {
  const blob = await (await fetch(path)).blob()
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
  return { data: dataUrl.slice(dataUrl.indexOf(',') + 1), mimeType: blob.type || null }
}
