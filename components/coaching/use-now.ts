// Preact hook: the current time from an injectable clock, re-read every `everyMs` so durations tick.
import { useEffect, useState } from 'preact/hooks';

export type Clock = () => number;

export function useNow(clock: Clock = Date.now, everyMs = 1_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return clock();
}
