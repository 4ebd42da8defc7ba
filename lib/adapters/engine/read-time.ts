// Parses a message time shown on the page (ISO date, epoch milliseconds or seconds, or a clock time like 2:05 PM).

const CLOCK = /(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap])?\.?\s*m?\.?/i;

/** Milliseconds since the epoch, or null when the text is not a time of that format. */
export function parseTime(value: string, format: 'iso' | 'epoch-ms' | 'epoch-s' | 'clock', now: number): number | null {
  let at: number;
  if (format === 'epoch-ms' || format === 'epoch-s') {
    const number = Number(value.trim());
    at = format === 'epoch-s' ? number * 1000 : number;
  } else if (format === 'iso') {
    at = Date.parse(value.trim());
  } else {
    const match = CLOCK.exec(value);
    if (!match) return null;
    let hours = Number(match[1]);
    const minutes = Number(match[2]);
    const seconds = Number(match[3] ?? 0);
    const meridiem = match[4]?.toLowerCase();
    if (meridiem === 'p' && hours < 12) hours += 12;
    if (meridiem === 'a' && hours === 12) hours = 0;
    if (hours > 23 || minutes > 59 || seconds > 59) return null;
    const day = new Date(now);
    day.setHours(hours, minutes, seconds, 0);
    at = day.getTime();
    // A clock time later than now (beyond small skew) was shown for yesterday.
    if (at > now + 5 * 60_000) at -= 24 * 60 * 60_000;
  }
  return Number.isFinite(at) && at >= 0 ? Math.round(at) : null;
}
