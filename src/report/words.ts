/** Small words every renderer writes the same way. */

/** `1 flow`, `2 flows`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
