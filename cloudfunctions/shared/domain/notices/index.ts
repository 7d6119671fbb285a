/**
 * What other domains may use of notices: `notify`, the one way to tell a member something, and the
 * member's notices. Everything else in this folder is the domain's own.
 */
export { notify, noticesOf, type Notice, type NoticeDoc, type NoticeKind } from './notify'
export { noticesPersonalData } from './collections'
