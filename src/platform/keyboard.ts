/** Mini-programs have no keyboard navigation to wire: nothing to do outside H5. */
export function reachableByKeyboard(): void {}
