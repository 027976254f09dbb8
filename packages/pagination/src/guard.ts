/**
 * Says when a walk asks for a position (cursor or page number) it has asked for before, in constant
 * memory whatever the length of the walk or of the cursors. It is Brent's cycle detection over the
 * positions requested: one position is kept as a checkpoint, and the checkpoint moves to the current
 * position after 1, 2, 4, 8, ... requests. A server that sends the walk round a cycle of n positions
 * is caught within about 2n requests of entering it; a repeat of the previous position at once.
 *
 * Positions are compared as text, so the number `1` and the string `"1"` are the same position: both
 * are sent as `1` in the query string. (A cursor that is an object is text too, `[object Object]`,
 * and is caught when it comes back.)
 */
export class LoopGuard {
  private checkpoint: string | undefined;
  private sinceCheckpoint = 0;
  private stretch = 1;

  /** `first` is what the walk's first request asks for, if anything: its coming back is a loop too. */
  constructor(first: unknown) {
    this.checkpoint = first === undefined || first === null ? undefined : String(first);
  }

  /** Records `position` as requested next; true when that would repeat an earlier request. */
  repeats(position: string | number): boolean {
    const key = String(position);
    if (key === this.checkpoint) return true;
    this.sinceCheckpoint++;
    if (this.sinceCheckpoint === this.stretch) {
      this.checkpoint = key;
      this.sinceCheckpoint = 0;
      this.stretch *= 2;
    }
    return false;
  }
}
