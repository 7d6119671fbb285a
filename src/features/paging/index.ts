export { useCursorPages, type CursorPages } from './use-cursor-pages'
export { useReloadWhenChanged, type ReloadWhenChanged } from './use-reload-when-changed'
