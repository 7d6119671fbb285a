/**
 * Something that stopped on the device for a reason the user should read (they refused an
 * authorization, picked a file that is too big): a message, not a failure.
 */
export class UserNotice extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserNotice'
  }
}

/** By name too: `instanceof` on Error subclasses can fail once transpiled for older runtimes. */
export function isUserNotice(value: unknown): value is UserNotice {
  return value instanceof UserNotice || (value instanceof Error && value.name === 'UserNotice')
}
