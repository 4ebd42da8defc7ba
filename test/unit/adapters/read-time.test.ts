// The message time forms docs/adapters.md promises: ISO with and without an offset, clock times with seconds and
// a.m./p.m., read in the browser's time zone as today (or yesterday when later than now).
import { describe, expect, it } from 'vitest';
import { parseTime } from '../../../lib/adapters/engine/read-time.ts';

const NOW = new Date(2026, 10, 21, 12, 0, 0).getTime();
const at = (hours: number, minutes: number, seconds = 0, dayOffset = 0) => new Date(2026, 10, 21 + dayOffset, hours, minutes, seconds).getTime();

describe('parseTime', () => {
  it('reads ISO times at the instant they name, and without an offset in the local time zone', () => {
    expect(parseTime('2026-11-21T10:15:30Z', 'iso', NOW)).toBe(Date.UTC(2026, 10, 21, 10, 15, 30));
    expect(parseTime('2026-11-21T10:15:30+01:00', 'iso', NOW)).toBe(Date.UTC(2026, 10, 21, 9, 15, 30));
    expect(parseTime('2026-11-21T10:15:30', 'iso', NOW)).toBe(at(10, 15, 30));
  });

  it('reads clock times with seconds, a.m./p.m. and dots', () => {
    expect(parseTime('10:15:30', 'clock', NOW)).toBe(at(10, 15, 30));
    expect(parseTime('9:58 AM', 'clock', NOW)).toBe(at(9, 58));
    expect(parseTime('11:05:30 a.m.', 'clock', NOW)).toBe(at(11, 5, 30));
    expect(parseTime('10.15', 'clock', NOW)).toBe(at(10, 15));
  });

  it('takes a clock time later than now for yesterday', () => {
    expect(parseTime('2:05 PM', 'clock', NOW)).toBe(at(14, 5, 0, -1));
    expect(parseTime('12:03', 'clock', NOW)).toBe(at(12, 3));
  });

  it('says null for what is not a time', () => {
    expect(parseTime('yesterday', 'clock', NOW)).toBeNull();
    expect(parseTime('25:00', 'clock', NOW)).toBeNull();
    expect(parseTime('soon', 'iso', NOW)).toBeNull();
  });
});
