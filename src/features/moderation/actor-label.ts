/** Who acted, as the audit log and the dashboard name them: 我, 运维命令行, 自动审核 or 审核员 m1a2b3c4. */
export function actorLabel(actor: string, mine: boolean): string {
  if (mine) return '我'
  if (actor === 'operator') return '运维命令行'
  if (actor === 'system') return '自动审核'
  return `审核员 ${actor.slice(0, 8)}`
}
