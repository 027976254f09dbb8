import { describe, expect, test } from "vitest";
import { LoopGuard } from "./guard.js";

/** How many positions the guard accepts before it reports one as a repeat (Infinity: never). */
function acceptedBeforeRepeat(first: unknown, positions: Array<string | number>): number {
  const guard = new LoopGuard(first);
  const index = positions.findIndex((position) => guard.repeats(position));
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}

const cycle = (length: number, laps: number) =>
  Array.from({ length: length * laps }, (_, i) => `c${i % length}`);

describe("LoopGuard", () => {
  test("never reports a walk whose positions do not repeat", () => {
    expect(
      acceptedBeforeRepeat(
        undefined,
        Array.from({ length: 10_000 }, (_, i) => i),
      ),
    ).toBe(Number.POSITIVE_INFINITY);
  });

  test("counts the first request's position: its coming back is caught, at once or on the next lap", () => {
    expect(acceptedBeforeRepeat("a", ["a"])).toBe(0);
    // a, b, a, b, ...: the checkpoint has moved on to b when a comes back, and b is caught next.
    expect(acceptedBeforeRepeat("a", ["b", "a", "b", "a"])).toBe(2);
  });

  test("reports a repeat of the previous position at once", () => {
    expect(acceptedBeforeRepeat(undefined, ["a", "a"])).toBe(1);
    expect(acceptedBeforeRepeat(undefined, ["x", "y", "z", "z"])).toBe(3);
  });

  test.each([1, 2, 3, 7, 50, 1000])(
    "catches a cycle of %i positions within about twice its length",
    (length) => {
      const accepted = acceptedBeforeRepeat(undefined, ["start", ...cycle(length, 10)]);
      expect(accepted).toBeGreaterThanOrEqual(length + 1);
      expect(accepted).toBeLessThanOrEqual(1 + 3 * length);
    },
  );

  test("compares by value: the number 1 and the string '1' are the same position", () => {
    expect(acceptedBeforeRepeat(undefined, [1, "1"])).toBe(1);
    expect(acceptedBeforeRepeat(1, ["1"])).toBe(0);
    expect(acceptedBeforeRepeat(undefined, ["1", "01"])).toBe(Number.POSITIVE_INFINITY);
  });
});
