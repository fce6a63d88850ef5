import { afterEach, describe, expect, it } from "vitest";
import type { Fact, MatchWhy, PayerProfile, Reason, Step } from "../generated/bindings";
import { factEn, FACTS_EN, MATCH_EN, matchSaid, payerWhy, payerWhyEn, said, thenSaid } from "./facts";
import { setLanguage } from "./index.svelte";

afterEach(() => setLanguage("fr"));

const plan = { reference: "ECH-2026-001", total: "1600.00", instalments: 4 };
/** One fact of every code, with the values the engine sends. */
const SAMPLES: Fact[] = [
  { code: "nothing_owed" },
  { code: "dispute", invoices: ["F-2026-031"] },
  { code: "dispute", invoices: ["F-2026-031", "F-2026-034"] },
  { code: "dispute_reason", text: "Livraison incomplète" },
  { code: "exchange_noted", date: "2026-11-27" },
  { code: "preventive", why: "new_client", due: "2026-12-10" },
  { code: "not_due", due: "2026-12-10" },
  { code: "overdue", amount: "1234.56", since: "2026-11-02", days: 1 },
  { code: "overdue", amount: "1600.00", since: "2026-10-31", days: 31 },
  { code: "contacts", done: [{ kind: "friendly_reminder", date: "2026-11-09" }, { kind: "call", date: "2026-11-23" }] },
  { code: "difficulty", date: "2026-11-20", text: null },
  { code: "difficulty", date: "2026-11-20", text: "trésorerie tendue" },
  { code: "promise", date: "2026-12-05" },
  { code: "promise_broken", date: "2026-11-30" },
  { code: "good_payer", claim: false },
  { code: "always_call_first" },
  { code: "small_amount", amount: "180.00", formal_notice_dropped: false },
  { code: "consumer_limit" },
  { code: "consumer_no_fees" },
  { code: "paused", until: "2026-12-07" },
  { code: "credit_to_review", amount: "780.00", date: "2026-11-28", label: "VIR ATELIER ROCHE", invoices: ["F-2026-040"] },
  { code: "held_for_credit", action: "friendly_reminder", credits: 1 },
  { code: "statement_old", date: "2026-11-02" },
  { code: "prescription_soon", invoice: "F-2021-004", on: "2026-12-20" },
  { code: "time_barred", invoices: ["F-2020-001"] },
  { code: "plan_proposed", plan, on: "2026-11-25" },
  {
    code: "plan_late",
    plan,
    signed: "2026-10-15",
    missed: [{ instalment: { number: 2, due_on: "2026-11-15", amount: "400.00", down_payment: false }, left: "400.00" }],
  },
  { code: "plan_reminders", count: 1 },
  { code: "plan_honoured", plan, signed: "2026-10-15", next_due: "2026-12-15", next_left: "400.00" },
  { code: "paid_late", invoice: "F-2026-021", settled: "2026-11-12", days: 12, due: "2026-10-31", amount: "52.60" },
  { code: "claim_optional" },
  { code: "then_dispute" },
  { code: "then_preventive", due: "2026-12-10" },
  { code: "then_calendar" },
  { code: "then_promise", until: "2026-12-08" },
  { code: "then_friendly" },
  { code: "then_firm" },
  { code: "then_call", small: true },
  { code: "then_last_reminder", small: false },
  { code: "then_formal_notice" },
  { code: "then_check_credit", action: "firm_reminder" },
  { code: "then_plan_signature" },
  { code: "then_plan_reminder" },
  { code: "then_plan_firm_reminder", notice_days: 8 },
  { code: "then_plan_default", notice_days: 8, left: "1200.00" },
  { code: "then_plan_courtesy", late_from: "2026-12-17" },
  { code: "then_claim" },
];

describe("the engine's facts in English", () => {
  it("every code the engine sends has a sample here, and a sentence", () => {
    const sampled = new Set(SAMPLES.map((f) => f.code));
    expect(Object.keys(FACTS_EN).filter((c) => !sampled.has(c as Fact["code"]))).toEqual([]);
    for (const f of SAMPLES) {
      const text = factEn(f);
      expect(text, f.code).toMatch(/^[A-Z0-9“].*[.)a-zé]$/);
      // English typography, and no French word left over from the engine's sentence.
      expect(/[\u00a0\u202f][:;!?]/.test(text), `${f.code}: ${text}`).toBe(false);
      expect(/[«»]|\b(le|la|les|des|depuis|facture|échéance)\b/.test(text), `${f.code}: ${text}`).toBe(false);
    }
  });

  it("word the values as the English interface shows them", () => {
    expect(factEn(SAMPLES[7]!)).toBe("1\u202f234,56\u00a0€ overdue since 02/11/2026 (1 day).");
    expect(factEn(SAMPLES[8]!)).toBe("1\u202f600,00\u00a0€ overdue since 31/10/2026 (31 days).");
    expect(factEn(SAMPLES[9]!)).toBe("Already done: friendly reminder on 09/11/2026, call on 23/11/2026.");
    expect(factEn(SAMPLES[2]!)).toMatch(/^Invoices F-2026-031, F-2026-034 are disputed: they /);
    expect(factEn({ code: "plan_honoured", plan, signed: "2026-10-15", next_due: "2026-12-15", next_left: "400.00" })).toBe(
      "Payment plan ECH-2026-001 (1\u202f600,00\u00a0€ in 4 instalments) signed on 15/10/2026 and kept: next instalment on 15/12/2026 (400,00\u00a0€).",
    );
    expect(factEn({ code: "held_for_credit", action: "firm_reminder", credits: 2 })).toBe(
      "“Firm reminder” waits until you have reviewed these credits: a client who may already have paid is not reminded.",
    );
  });

  it("French shows the engine's own sentence, English the fact's", () => {
    const reason: Reason = {
      code: "overdue",
      text: "1\u202f600,00\u00a0€ en retard depuis le 31/10/2026 (31\u00a0jours).",
      fact: SAMPLES[8]!,
    };
    const step = { then: "Un appel pour comprendre, une semaine plus tard.", then_fact: { code: "then_firm" } } as Pick<Step, "then" | "then_fact">;
    expect(said(reason)).toBe(reason.text);
    expect(thenSaid(step)).toBe(step.then);
    expect(thenSaid({ then: null, then_fact: null })).toBeNull();
    setLanguage("en");
    expect(said(reason)).toBe("1\u202f600,00\u00a0€ overdue since 31/10/2026 (31 days).");
    expect(thenSaid(step)).toBe("A call to understand, a week later.");
    expect(thenSaid({ then: null, then_fact: null })).toBeNull();
  });
});

/** A profile as payers.rs makes it: only the figures the sentence reads matter here. */
function profile(p: Partial<PayerProfile>): PayerProfile {
  return {
    client_id: 1,
    client_name: "Boulangerie Petitjean",
    score: null,
    grade: null,
    grade_label: "",
    why: "",
    good_payer: false,
    paid_invoices: 0,
    paid_on_time: 0,
    max_days_late_now: null,
    promises_kept: 0,
    promises_broken: 0,
    disputes: 0,
    plans_honoured: 0,
    plans_missed: 0,
    late_delay_days: null,
    worst_late_invoice: null,
    last_broken_promise: null,
    ...p,
  };
}

describe("a payer profile's sentence in English", () => {
  it("says the same figures as payers.rs's French tests", () => {
    // payers.rs: « 1 facture sur 1 réglée à l'heure ; mais la facture F-2026-028 a 69 jours de retard et la promesse
    // de payer le 31 octobre 2026 n'a pas été tenue. »
    const petitjean = profile({
      paid_invoices: 1,
      paid_on_time: 1,
      max_days_late_now: 69,
      worst_late_invoice: "F-2026-028",
      promises_broken: 1,
      last_broken_promise: "2026-10-31",
    });
    expect(payerWhyEn(petitjean)).toBe(
      "1 of 1 invoice paid on time; but invoice F-2026-028 is 69 days late and the promise to pay on 31 October 2026 was not kept.",
    );
    expect(payerWhyEn(profile({ paid_invoices: 8, paid_on_time: 7, late_delay_days: 8 }))).toBe("7 of 8 invoices paid on time, the other 8 days late.");
    expect(payerWhyEn(profile({ paid_invoices: 4, paid_on_time: 2, late_delay_days: 20, promises_kept: 1, disputes: 1 }))).toBe(
      "2 of 4 invoices paid on time, the others 20 days late on average, 1 promise kept; but a dispute was opened this year.",
    );
    expect(payerWhyEn(profile({ paid_invoices: 8, paid_on_time: 8, good_payer: true }))).toBe(
      "8 of 8 invoices paid on time. Good payer: a call before any firm reminder.",
    );
    expect(payerWhyEn(profile({}))).toBe("No invoice paid yet.");
    expect(payerWhyEn(profile({ paid_invoices: 3, paid_on_time: 0, late_delay_days: 12 }))).toBe(
      "None of the 3 invoices paid was paid on time: 12 days late on average.",
    );
  });

  it("is the engine's own in French", () => {
    const p = profile({ why: "Aucune facture encore réglée." });
    expect(payerWhy(p)).toBe("Aucune facture encore réglée.");
    setLanguage("en");
    expect(payerWhy(p)).toBe("No invoice paid yet.");
  });
});

const MATCHES: MatchWhy[] = [
  { code: "cited_exact", invoices: ["F-2026-041"] },
  { code: "cited_partial", invoices: ["F-2026-041"], amount: "300.00", owed: "780.00" },
  { code: "cited_over", invoices: ["F-2026-041"], owed: "780.00" },
  { code: "same_amount_many_clients", invoice: "F-2026-041" },
  { code: "same_amount_many_invoices", invoice: "F-2026-041" },
  { code: "same_amount_only", invoice: "F-2026-041" },
  { code: "sum_of", invoices: ["F-2026-033", "F-2026-039"] },
  { code: "announced", what: { kind: "instalment", due: "2026-12-15" } },
  { code: "announced", what: { kind: "promise", amount: "300.00", date: "2026-11-30" } },
  { code: "payer_name", client: "Agence Lumière SARL" },
  { code: "payer_iban", client: "Agence Lumière SARL" },
  { code: "rule", pattern: "LUMINA PROD", client: "Agence Lumière SARL" },
  { code: "no_open_invoice" },
  { code: "less_than_owed" },
];

describe("a bank match's reasons in English", () => {
  it("every code has a sentence, in English typography", () => {
    const sampled = new Set(MATCHES.map((w) => w.code));
    expect(Object.keys(MATCH_EN).filter((c) => !sampled.has(c as MatchWhy["code"]))).toEqual([]);
    setLanguage("en");
    const said = matchSaid({ reasons: [], why: MATCHES });
    expect(said).toHaveLength(MATCHES.length);
    for (const text of said) {
      expect(text).toMatch(/^[A-Z].*\.$/);
      expect(/[\u00a0\u202f][:;!?]|[«»]/.test(text), text).toBe(false);
    }
    expect(said[1]).toBe("The label cites F-2026-041: a part payment of 300,00\u00a0€ out of 780,00\u00a0€ owed.");
    expect(said[6]).toBe("The amount is exactly the sum of F-2026-033 + F-2026-039.");
    expect(said[8]).toBe("Amount of the promise to pay 300,00\u00a0€ on 30/11/2026.");
    expect(said[11]).toBe("Confirmed rule: “LUMINA PROD” = Agence Lumière SARL.");
  });

  it("are the matcher's own in French", () => {
    const p = { reasons: ["Le montant est exactement la somme de F-2026-033 + F-2026-039."], why: [MATCHES[6]!] };
    expect(matchSaid(p)).toEqual(p.reasons);
  });
});
