import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { ApiError, call, errorField, errorMessage } from "./api";

afterEach(() => clearMocks());

describe("the API module", () => {
  it("sends the command and its camelCase arguments as given, and hands back what the backend answered", async () => {
    const seen: { cmd: string; args: unknown }[] = [];
    const answer = { today: "2026-11-23", due: { rows: [], total: 0, offset: 0 }, coming: [], coming_total: 0, resting: [], resting_total: 0 };
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      return answer;
    });
    const agenda = await call("agenda", { offset: 25, limit: 25 });
    expect(agenda).toStrictEqual(answer);
    expect(seen).toEqual([{ cmd: "agenda", args: { offset: 25, limit: 25 } }]);
  });

  it("turns a backend error into an ApiError with its code, French message and field", async () => {
    mockIPC(() => {
      throw { code: "too_many_decimals", message: "Montant\u00a0: deux décimales au maximum (ex.\u00a0: 1\u202f250,50).", field: "amount" };
    });
    const promise = call("record_payment", {
      input: { client_id: 1, date: "05/11/2026", amount: "12,345", method: "virement", reference: null, allocations: null },
    });
    await expect(promise).rejects.toBeInstanceOf(ApiError);
    const e = await promise.catch((x: unknown) => x);
    expect(errorField(e)).toBe("amount");
    expect(errorMessage(e)).toContain("deux décimales");
    expect((e as ApiError).code).toBe("too_many_decimals");
  });

  it("reports an unexpected failure without a field", async () => {
    mockIPC(() => {
      throw "connexion perdue";
    });
    const e = await call("app_info", {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(errorField(e)).toBeNull();
    expect(errorMessage(e)).toContain("connexion perdue");
  });

  it("sends amounts as the user typed them, as strings, never as numbers", async () => {
    const seen: unknown[] = [];
    mockIPC((_cmd, args) => {
      seen.push(args);
      return { record: {}, warnings: [] };
    });
    await call("add_invoice", {
      input: {
        number: "F-1",
        client_id: 1,
        issue_date: "01/10/2026",
        delivery_date: null,
        terms: null,
        due_date: null,
        amount: "2 400,00",
        amount_ht: null,
        vat: null,
        description: null,
        penalty_rate: null,
      },
    });
    const sent = seen[0] as { input: { amount: unknown; issue_date: unknown } };
    expect(sent.input.amount).toBe("2 400,00");
    expect(typeof sent.input.amount).toBe("string");
    expect(sent.input.issue_date).toBe("01/10/2026");
  });
});
