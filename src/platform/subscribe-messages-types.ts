/** Which subscription-message templates the member accepted in the platform's dialog. */
export type RequestSubscriptions = (templateIds: string[]) => Promise<string[]>
