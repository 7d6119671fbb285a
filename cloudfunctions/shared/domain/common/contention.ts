import { AppError, ErrorCode } from '../../core/app-error'

/**
 * How many compare-and-set rounds a write on one hot document tries. Honest contention on one member's
 * or one phone's document is two or three requests at most; a write that loses this many rounds is being
 * hammered, by a client retrying in a loop or by a flood.
 */
export const MAX_RACES = 5

/**
 * The one answer for "lost every round to concurrent writers": RATE_LIMITED, with the words a user can
 * act on (wait, then try again). Not CONFLICT, which tells the app that data changed under an edit and
 * asks for a refresh; nothing here needs refreshing, only fewer requests at once.
 */
export function tooManyConcurrentAttempts(): AppError {
  return new AppError(ErrorCode.RateLimited, TOO_MANY_CONCURRENT_ATTEMPTS)
}

export const TOO_MANY_CONCURRENT_ATTEMPTS = '操作过于频繁，请稍后再试'
