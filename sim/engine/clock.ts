// The virtual clock: only the scheduler moves it, and only forward.
import { formatTime } from '../../machines/time.js';

export class VirtualClock {
  constructor(private current: number) {}

  get now(): number {
    return this.current;
  }

  advanceTo(at: number): void {
    if (at < this.current) throw new Error(`clock cannot go back from ${formatTime(this.current)} to ${formatTime(at)}`);
    this.current = at;
  }

  toString(): string {
    return formatTime(this.current);
  }
}
