import { describe, expect, it } from "vitest";
import { centsToCanonical, formatAmount, formatDate, formatDateTime, formatIban, formatLongDate, formatSiren, formatSize, isZero, lateness, parseCents, termsInput } from "./format";
import { messages } from "./i18n/index.svelte";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

describe("formatAmount", () => {
  it("writes euros the French way from the canonical string", () => {
    expect(formatAmount("1234.56")).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatAmount("2400.00")).toBe(`2${NNBSP}400,00${NBSP}€`);
    expect(formatAmount("0.05")).toBe(`0,05${NBSP}€`);
    expect(formatAmount("999999999.99")).toBe(`999${NNBSP}999${NNBSP}999,99${NBSP}€`);
    expect(formatAmount("-450.00")).toBe(`-450,00${NBSP}€`);
    expect(formatAmount("12.5")).toBe(`12,50${NBSP}€`);
    expect(formatAmount("1234.56", false)).toBe(`1${NNBSP}234,56`);
  });

  it("agrees with Intl for every group size", () => {
    const intl = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
    for (const s of ["0.00", "7.10", "12.34", "123.45", "1234.56", "12345.67", "123456.78", "1234567.89"]) {
      // Only to compare the shape: the app itself never turns an amount into a number.
      expect(formatAmount(s)).toBe(intl.format(Number(s)));
    }
  });

  it("never invents a value", () => {
    expect(formatAmount(null)).toBe("–");
    expect(formatAmount("")).toBe("–");
    expect(formatAmount("abc")).toBe("abc");
    expect(formatAmount("90071992547409.93")).toBe(`90${NNBSP}071${NNBSP}992${NNBSP}547${NNBSP}409,93${NBSP}€`);
  });

  it("detects zero", () => {
    expect(isZero("0.00")).toBe(true);
    expect(isZero("-0.00")).toBe(true);
    expect(isZero("0.01")).toBe(false);
  });
});

describe("dates and words", () => {
  it("formats dates as dd/mm/yyyy and long French dates", () => {
    expect(formatDate("2026-11-23")).toBe("23/11/2026");
    expect(formatDate(null)).toBe("–");
    expect(formatLongDate("2026-11-23")).toBe(`lundi 23${NBSP}novembre 2026`);
    expect(formatLongDate("2026-12-01")).toBe(`mardi 1er${NBSP}décembre 2026`);
  });

  it("agrees in number from 2 on", () => {
    const count = (n: number) => messages("fr").count(n, "jour", "jours");
    expect(count(1)).toBe(`1${NBSP}jour`);
    expect(count(2)).toBe(`2${NBSP}jours`);
    expect(count(0)).toBe(`0${NBSP}jour`);
    expect(lateness(69)).toBe(`En retard de 69${NBSP}jours`);
    expect(lateness(null)).toBe("");
  });

  it("groups identifiers for reading", () => {
    expect(formatIban("FR7630004000312345678901235")).toBe("FR76 3000 4000 3123 4567 8901 235");
    expect(formatSiren("83254190800014")).toBe("832 541 908 00014");
    expect(formatSiren("832541908")).toBe("832 541 908");
  });
});

describe("termsInput", () => {
  it("writes terms back as the backend reads them", () => {
    expect(termsInput({ kind: "on_receipt" })).toBe("à réception");
    expect(termsInput({ kind: "days", days: 30 })).toBe("30");
    expect(termsInput({ kind: "days_end_of_month", days: 45 })).toBe("45fdm");
    expect(termsInput({ kind: "date", date: "2026-12-15" })).toBe("");
    expect(termsInput(null)).toBe("");
  });
});

describe("formatSize", () => {
  it("says a file's size in French units", () => {
    expect(formatSize("850")).toBe("850\u00a0octets");
    expect(formatSize("12400")).toBe("12\u00a0ko");
    expect(formatSize("1450000")).toBe("1,5\u00a0Mo");
    expect(formatSize("pas un nombre")).toBe("—");
  });
});

describe("parseCents", () => {
  it("reads what a French user types, exactly", () => {
    expect(parseCents("1 234,50")).toBe(123450n);
    expect(parseCents(`1${NNBSP}234,5${NBSP}€`)).toBe(123450n);
    expect(parseCents("450.00")).toBe(45000n);
    expect(parseCents("90071992547409,93")).toBe(9007199254740993n);
    expect(parseCents("")).toBe(0n);
    expect(parseCents("12,345")).toBeNull();
    expect(parseCents("douze")).toBeNull();
    expect(centsToCanonical(9007199254740993n)).toBe("90071992547409.93");
    expect(centsToCanonical(-5n)).toBe("-0.05");
  });
});

describe("formatDateTime", () => {
  it("gives the French date and time of a message sent", () => {
    expect(formatDateTime("2026-12-02T09:05:00")).toBe("02/12/2026 à 9\u00a0h\u00a005");
    expect(formatDateTime("2026-12-02 14:30:59")).toBe("02/12/2026 à 14\u00a0h\u00a030");
    expect(formatDateTime(null)).toBe("–");
  });
});
