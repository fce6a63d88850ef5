import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { app, checkToday } from "./app.svelte";

afterEach(() => clearMocks());

const info = (today: string) => ({ version: "0.1.0", db_path: "/tmp/t.sqlite3", today, is_empty: false });

describe("the date the screens show", () => {
  it("follows the shell's date: a window left open past midnight reloads its screens", async () => {
    app.info = info("2026-11-30");
    app.notice = null;
    const before = app.version;
    mockIPC((cmd) => (cmd === "today" ? "2026-12-01" : null));
    await checkToday();
    expect(app.info?.today).toBe("2026-12-01");
    expect(app.version).toBe(before + 1);
    expect(app.notice).toContain("mardi 1er\u00a0décembre 2026");
  });

  it("changes nothing while the date is the same", async () => {
    app.info = info("2026-12-01");
    app.notice = null;
    const before = app.version;
    mockIPC((cmd) => (cmd === "today" ? "2026-12-01" : null));
    await checkToday();
    expect(app.version).toBe(before);
    expect(app.notice).toBeNull();
  });
});
