import type { PersonalDataExport } from '../../contracts/privacy'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** 2026-12-01 20:05（北京时间）. */
function chinaTime(ms: number): string {
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`
}

/** Times are stored as epoch milliseconds in fields named …At / at. */
const isTimeField = (field: string) => field === 'at' || field.endsWith('At')

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  if (typeof value === 'number' && isTimeField(field)) return chinaTime(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') return value.replace(/\s+/g, ' ')
  return JSON.stringify(value)
}

/** The export in readable Chinese: one heading per category, one list per record, every field labelled. */
export function exportSummary(data: PersonalDataExport): string {
  const lines = [
    '# 质能视界个人信息副本',
    '',
    `导出时间：${chinaTime(Date.parse(data.generatedAt))}`,
    '',
    '本文件列出我们保存的与你有关的全部个人信息；同名的 JSON 文件是完整的机器可读版本。其他用户只以应用中本来就展示的方式出现（昵称和公司）。',
  ]
  for (const section of data.sections) {
    lines.push('', `## ${section.name}`)
    for (const collection of section.collections) {
      lines.push('', `### ${collection.about}（${collection.records.length} 条）`, '')
      lines.push(
        `- 用途：${collection.purpose}`,
        `- 依据：${collection.legalBasis}`,
        `- 保存期限：${collection.retention}`,
      )
      collection.records.forEach((record, i) => {
        lines.push('', `${i + 1}.`)
        for (const [field, value] of Object.entries(record)) {
          if (field === '_id') continue
          lines.push(`   - ${collection.fields[field] ?? field}：${show(field, value)}`)
        }
      })
    }
  }
  lines.push('', '## 只保存在你设备上的数据（不在本副本中）', '')
  for (const item of data.onDevice) lines.push(`- ${item.label}：${item.purpose}；${item.retention}`)
  return `${lines.join('\n')}\n`
}
