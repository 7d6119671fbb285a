import { useSyncExternalStore } from 'react'
import { storedValue } from '@/services/device-storage'

/**
 * Keywords the user searched for, newest first, kept on this device only (never sent anywhere but as the
 * search itself). Capped, so it stays a short list of recent searches rather than a profile.
 */
export const SEARCH_HISTORY_KEY = 'zn.search-history.v1'
export const SEARCH_HISTORY_LIMIT = 10
const MAX_KEYWORD_LENGTH = 30

const store = storedValue<string[]>(SEARCH_HISTORY_KEY, parseKeywords)

export function searchHistory(): string[] {
  return store.get()
}

/** Moves the keyword to the front (a repeat is not listed twice). */
export function rememberSearch(keyword: string): void {
  const word = keyword.trim().slice(0, MAX_KEYWORD_LENGTH)
  if (!word) return
  store.set([word, ...store.get().filter((w) => w !== word)].slice(0, SEARCH_HISTORY_LIMIT))
}

export function forgetSearch(keyword: string): void {
  const left = store.get().filter((w) => w !== keyword)
  if (left.length === 0) store.clear()
  else store.set(left)
}

export function clearSearchHistory(): void {
  store.clear()
}

export function useSearchHistory(): string[] {
  return useSyncExternalStore(store.subscribe, store.get, store.get)
}

function parseKeywords(stored: unknown): string[] {
  if (!Array.isArray(stored)) return []
  return stored.filter((w): w is string => typeof w === 'string' && w.length > 0).slice(0, SEARCH_HISTORY_LIMIT)
}
