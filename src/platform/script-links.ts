/** Mini-programs have no links to quiet (see script-links.h5.ts). */
export function quietScriptLinks(): void {}
