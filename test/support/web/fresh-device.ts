import { configure } from '@testing-library/react'
import { settlePrompt } from '@/features/consent'

// testing-library's 1 s default for findBy/waitFor failed a story once on a loaded 2-core machine; an
// answer that comes at all comes well within this, and a story that waits for nothing is not slowed.
configure({ asyncUtilTimeout: 5000 })
// A story renders pages over the real handlers and SQLite: a few seconds on a busy 2-core machine, where
// jest's 5 s default for a whole story failed ones that pass in 2 s when it is quiet.
jest.setTimeout(20_000)

/**
 * Every web test starts on a device that has never run the app: nothing in storage (no consent, no
 * session) and no question left open by the previous test. Module state lives for a whole test file, so
 * an unanswered prompt is answered 「取消」 here rather than leaking into the next story.
 */
beforeEach(() => {
  localStorage.clear()
  settlePrompt(false)
})
