/** Mini-programs: no page from the server, so no first screen of its to take down. */
export function dropFirstScreenCards(): void {}

export function dropConsentPrepaint(): void {}
