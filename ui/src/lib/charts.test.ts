import { describe, expect, it } from "vitest";
import { barHeight, euroTick, formatDays } from "./charts";

describe("the dashboard's charts", () => {
  it("draws bars from the canonical amounts, never reads them back", () => {
    expect(barHeight("2400.00")).toBe(2400);
    expect(barHeight("0.00")).toBe(0);
    expect(barHeight(null)).toBe(0);
    expect(barHeight("n/a")).toBe(0);
  });
  it("writes axis ticks and days the French way", () => {
    expect(euroTick(1200)).toBe("1\u202f200\u00a0€");
    expect(euroTick(0)).toBe("0\u00a0€");
    expect(formatDays("106.1")).toBe("106,1");
    expect(formatDays(null)).toBe("–");
  });
});
