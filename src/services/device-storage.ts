import Taro from '@tarojs/taro'

/**
 * A value kept in the platform's device storage (WeChat/Alipay local cache, the browser's localStorage),
 * readable as an external store by React (`useSyncExternalStore`).
 *
 * Storage itself is the source of truth: every read compares the raw stored text with the last one seen
 * and parses again only when it differs. So a value cleared behind the app's back (the user clearing the
 * cache, a test starting from empty storage) is noticed at the next read, never masked by memory.
 */
export interface StoredValue<T> {
  get(): T
  set(value: T): void
  clear(): void
  subscribe(listener: () => void): () => void
}

export function storedValue<T>(key: string, parse: (stored: unknown) => T): StoredValue<T> {
  const listeners = new Set<() => void>()
  let lastRaw: string | undefined
  let lastValue: T

  const emit = () => listeners.forEach((listener) => listener())

  return {
    get() {
      const raw = readRaw(key)
      if (raw !== lastRaw || lastRaw === undefined) {
        lastRaw = raw
        lastValue = parse(decode(raw))
      }
      return lastValue
    },
    set(value) {
      Taro.setStorageSync(key, JSON.stringify(value))
      emit()
    },
    clear() {
      Taro.removeStorageSync(key)
      emit()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

function readRaw(key: string): string {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    return typeof raw === 'string' ? raw : ''
  } catch {
    // Storage can be unavailable (a browser's private mode, a full quota): behave as if nothing was stored.
    return ''
  }
}

function decode(raw: string): unknown {
  if (!raw) return null
  try {
    return JSON.parse(raw)
  } catch {
    return null
  }
}
