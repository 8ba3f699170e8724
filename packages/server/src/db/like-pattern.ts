/** A LIKE pattern that finds `text` anywhere, taking the caller's %, _ and \ literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
