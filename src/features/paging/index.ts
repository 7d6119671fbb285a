export { useCursorPages, type CursorPages } from './use-cursor-pages'
