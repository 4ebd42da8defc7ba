// Elapsed time as the board shows it, from timestamps and an injectable clock: "0:45", "12:03", "1:02:03".

/** Milliseconds since `since` by `now`, never negative (a clock slightly behind the relay's shows 0:00). */
export function elapsedMs(since: number, now: number): number {
  return Math.max(0, now - since);
}

/** Whole elapsed time as m:ss under an hour, h:mm:ss from an hour on. */
export function formatElapsed(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** A message's time of day in the reader's locale, for thread entries. */
export function formatTimeOfDay(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
