/**
 * What other domains may use of notices: `notify`, the one way to tell a member something, and publishing
 * to everyone. Everything else in this folder is the domain's own.
 */
export { markReadAbout, notify, type Notice, type NoticeDoc, type NoticeKind } from './notify'
export { publishBroadcast } from './broadcasts'
export { noticesPersonalData } from './collections'
