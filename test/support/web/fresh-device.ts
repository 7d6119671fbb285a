import { settlePrompt } from '@/features/consent'

/**
 * Every web test starts on a device that has never run the app: nothing in storage (no consent, no
 * session) and no question left open by the previous test. Module state lives for a whole test file, so
 * an unanswered prompt is answered 「取消」 here rather than leaking into the next story.
 */
beforeEach(() => {
  localStorage.clear()
  settlePrompt(false)
})
