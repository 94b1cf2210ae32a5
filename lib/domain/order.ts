/** Sort comparator: the most recently created first (ISO-8601 `createdAt` strings compare as text). */
export function newestFirst(a: { createdAt: string }, b: { createdAt: string }): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}
