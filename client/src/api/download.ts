/**
 * Downloads a file from the API with progress (Content-Length is set by the server for every
 * export) and hands it to the browser as a download. Used for reports and open-data packages,
 * which can take a moment for a board with thousands of ideas.
 */
import { ApiError } from './http.ts'

export async function download(
  path: string,
  onProgress: (fraction: number | null) => void,
): Promise<void> {
  const res = await fetch(path, { credentials: 'same-origin' })
  if (!res.ok || !res.body) {
    let code = 'http_error'
    let message = res.statusText
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } }
      code = body.error?.code ?? code
      message = body.error?.message ?? message
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, code, message)
  }
  const total = Number(res.headers.get('content-length')) || null
  const reader = res.body.getReader()
  const parts: Uint8Array<ArrayBuffer>[] = []
  let received = 0
  onProgress(total ? 0 : null)
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parts.push(value)
    received += value.length
    if (total) onProgress(Math.min(1, received / total))
  }
  const disposition = res.headers.get('content-disposition') ?? ''
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'ideenwand-export'
  const url = URL.createObjectURL(
    new Blob(parts, { type: res.headers.get('content-type') ?? 'application/octet-stream' }),
  )
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  onProgress(1)
}
