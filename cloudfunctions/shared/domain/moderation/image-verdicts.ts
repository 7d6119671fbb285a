import type { Deps } from '../../core/deps'
import type { ImageFinding, ImageVerdict } from '../../ports/image-checker'
import { findImageByTrace, setImageCheck } from '../listings'
import { appendAudit, SYSTEM_ACTOR } from './audit-log'
import { notifyOwner, recordDecision } from './decisions'
import { citedRule } from './rules'
import { fromImage } from './targets'

/**
 * An image checker's verdict, arriving after the upload (WeChat pushes it within 30 minutes). It settles
 * only an image still waiting for it: a repeat of the same push, or a verdict for an image a moderator has
 * decided meanwhile or the poster has deleted, changes nothing. `pass` shows the image; `review`, or a
 * checker that could not check, puts it in the moderators' queue; `risky` takes it down as a machine
 * decision citing the matching rule, audited as the system's, and tells the owner why and how to appeal.
 */
export type VerdictOutcome = 'unknown' | 'settled' | 'passed' | 'held' | 'removed'

/** The platform rule each kind of finding breaks. */
const RULES: Record<ImageFinding, string> = {
  ad: '4.1',
  politics: '3.1',
  porn: '3.3',
  abuse: '2.1',
  illegal: '3.1',
  fraud: '3.2',
  vulgar: '3.3',
  copyright: '2.2',
  other: '3.1',
}

const FINDINGS: Record<ImageFinding, string> = {
  ad: '广告',
  politics: '时政',
  porn: '色情',
  abuse: '辱骂',
  illegal: '违法犯罪',
  fraud: '欺诈',
  vulgar: '低俗',
  copyright: '版权',
  other: '其他违规',
}

export async function receiveImageVerdict(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  verdict: ImageVerdict,
): Promise<VerdictOutcome> {
  const image = await findImageByTrace(deps, verdict.traceId)
  if (!image) {
    deps.logger.warn('image verdict for no waiting image', { traceId: verdict.traceId, verdict: verdict.verdict })
    return 'unknown'
  }
  if (image.check !== 'pending') return 'settled'
  const fields = { imageId: image._id, verdict: verdict.verdict, label: verdict.label }
  switch (verdict.verdict) {
    case 'pass':
      if (!(await setImageCheck(deps, image, 'passed'))) return 'settled'
      deps.logger.info('image check passed', fields)
      return 'passed'
    case 'review':
    case 'failed': {
      const reason =
        verdict.verdict === 'review'
          ? `图片检测建议人工复核（可能涉及${FINDINGS[verdict.finding ?? 'other']}）`
          : '图片检测未能完成，需人工审核'
      if (!(await setImageCheck(deps, image, 'held', reason))) return 'settled'
      if (verdict.verdict === 'failed')
        deps.logger.warn('image check failed, held for review', { ...fields, detail: verdict.detail })
      else deps.logger.info('image check asks for review', fields)
      return 'held'
    }
    case 'risky':
      return takeDown(deps, image, verdict)
  }
}

async function takeDown(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  image: NonNullable<Awaited<ReturnType<typeof findImageByTrace>>>,
  verdict: ImageVerdict,
): Promise<VerdictOutcome> {
  const finding = verdict.finding ?? 'other'
  const rule = await citedRule(deps, RULES[finding])
  if (!(await setImageCheck(deps, image, 'removed'))) return 'settled'
  const note = `图片内容安全检测（微信）判定图片涉及${FINDINGS[finding]}内容${verdict.label ? `（标签 ${verdict.label}）` : ''}，已下架该图片，信息的其余内容不受影响。`
  const doc = await recordDecision(deps, {
    subjectUserId: image.ownerId,
    targetKind: 'image',
    targetId: image._id,
    decision: 'takeDown',
    penaltyKind: null,
    penaltyEndsAt: null,
    ruleId: rule.id,
    note,
    decidedBy: 'machine',
    moderatorRef: null,
  })
  await appendAudit(deps, {
    actor: SYSTEM_ACTOR,
    action: 'decide',
    target: { kind: 'image', id: image._id },
    before: 'pending',
    after: 'removed',
    ruleId: rule.id,
    note: `takeDown：${note}`,
  })
  const loaded = await fromImage(deps, { ...image, check: 'removed' })
  await notifyOwner(deps, doc, loaded.summary, rule)
  deps.logger.info('image taken down by its check', { imageId: image._id, decisionId: doc._id, label: verdict.label })
  return 'removed'
}
