import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime, formatLongDate, lateness } from "../format";
import { METHOD_LABEL, options, STATUS_LABEL } from "../status";
import { i18n, LANGUAGES, messages, setLanguage, t } from "./index.svelte";

afterEach(() => setLanguage("fr"));

/** Every leaf of a table: [path, text], the functions called with sample values. */
function leaves(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "function") {
    // "2" reads as a count and as a text: every sentence of the tables can be written with it.
    const args = Array.from({ length: value.length }, () => "2");
    const out = (value as (...a: unknown[]) => unknown)(...args);
    return typeof out === "string" ? [[path, out]] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [];
}

describe("the interface's words", () => {
  it("group a count's digits as each language writes them (« 2 854 clients », 2,854 clients)", () => {
    expect(t().today.waiting(2854)).toBe("2\u202f854\u00a0clients attendent une action, les plus urgents d'abord.");
    expect(t().today.waiting(1)).toBe("1\u00a0client attend une action, les plus urgents d'abord.");
    expect(t().today.others(12500)).toBe("Et 12\u202f500\u00a0autres clients.");
    setLanguage("en");
    expect(t().today.waiting(2854)).toBe("2,854 clients are waiting for an action, the most urgent first.");
  });

  it("are French by default, English on request, and the choice is kept", () => {
    expect(i18n.language).toBe("fr");
    expect(t().shell.nav.today).toBe("Aujourd'hui");
    setLanguage("en");
    expect(t().shell.nav.today).toBe("Today");
    expect(localStorage.getItem("tact.language")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });

  it("have every key in both languages, none empty", () => {
    const fr = leaves(messages("fr")).map(([p]) => p);
    for (const language of LANGUAGES) {
      const table = leaves(messages(language));
      expect(table.map(([p]) => p)).toEqual(fr);
      for (const [path, text] of table) expect(text.trim(), `${language}: ${path}`).not.toBe("");
    }
  });

  it("follow each language's typography", () => {
    for (const [path, text] of leaves(messages("fr"))) {
      // French: a no-break space before « : » and a narrow one (or a no-break one) before « ; ! ? ».
      expect(/[^\s\u00a0\u202f][:;!?](\s|$)/.test(text) && !/https?:/.test(text), `fr: ${path}: ${text}`).toBe(false);
      expect(/ [:;!?]/.test(text), `fr: ${path}: an ordinary space before a sign`).toBe(false);
    }
    for (const [path, text] of leaves(messages("en"))) {
      expect(/[\u00a0\u202f][:;!?]/.test(text), `en: ${path}: no space before a sign in English`).toBe(false);
      expect(/[«»]/.test(text), `en: ${path}: English quotes`).toBe(false);
    }
  });

  it("date and lateness follow the language", () => {
    expect(formatLongDate("2026-12-01")).toBe("mardi 1er\u00a0décembre 2026");
    expect(lateness(2)).toBe("En retard de 2\u00a0jours");
    expect(formatDateTime("2026-12-02T10:14:05")).toBe("02/12/2026 à 10\u00a0h\u00a014");
    setLanguage("en");
    expect(formatLongDate("2026-12-01")).toBe("Tuesday 1 December 2026");
    expect(lateness(1)).toBe("1 day late");
    expect(lateness(23)).toBe("23 days late");
    expect(formatDateTime("2026-12-02T09:04:05")).toBe("02/12/2026 at 09:04");
  });

  it("the backend's codes are said in the language of the moment", () => {
    expect(STATUS_LABEL.paid).toBe("Réglée");
    expect(options(METHOD_LABEL)[0]).toEqual({ value: "virement", label: "Virement" });
    setLanguage("en");
    expect(STATUS_LABEL.paid).toBe("Paid");
    expect(options(METHOD_LABEL).map((o) => o.value)).toEqual(["virement", "cheque", "carte", "especes", "prelevement", "autre"]);
    expect(options(METHOD_LABEL)[0]).toEqual({ value: "virement", label: "Bank transfer" });
  });
});
