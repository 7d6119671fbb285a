import { configure } from '@testing-library/react'
import { settlePrompt } from '@/features/consent'

// testing-library's 1 s default for findBy/waitFor failed a story once on a loaded 2-core machine; an
// answer that comes at all comes well within this, and a story that waits for nothing is not slowed.
configure({ asyncUtilTimeout: 5000 })

/**
 * Every web test starts on a device that has never run the app: nothing in storage (no consent, no
 * session) and no question left open by the previous test. Module state lives for a whole test file, so
 * an unanswered prompt is answered 「取消」 here rather than leaking into the next story.
 */
beforeEach(() => {
  localStorage.clear()
  settlePrompt(false)
})
