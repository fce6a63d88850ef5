// What the engine says about a step — the reasons behind it and what comes next — in the interface's language.
// Each reason arrives as a fact: a stable code and its values (tact-core's engine/facts.rs). French shows the
// engine's own sentence (`text`, the one the drafts and the command line show); English words the same fact from
// its values here, so no sentence is parsed or translated after the fact. Amounts and short dates keep the French
// form in both languages (format.ts); the names of actions and history entries come from the label tables.
import type { Action, Fact, Instalment, JournalKind, MatchWhy, PayerProfile, PlanSummary, Proposal } from "../generated/bindings";
import { formatAmount as amount, formatDate as day } from "../format";
import { i18n, messages } from "./index.svelte";

/** One sentence per fact code, from the fact's values. */
export type FactWords = { [K in Fact["code"]]: (f: Extract<Fact, { code: K }>) => string };

const NBSP = "\u00a0";
const en = messages("en");
const count = en.count;
const list = (xs: string[]) => xs.join(", ");
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const action = (a: Action) => en.labels.Action[a];
const entry = (k: JournalKind) => lower(en.labels.JournalKind[k]);
const plan = (p: PlanSummary) => `Payment plan ${p.reference} (${amount(p.total)} in ${count(p.instalments, "instalment", "instalments")})`;
const instalment = (i: Instalment) => (i.down_payment ? "down payment" : `instalment no.${NBSP}${i.number}`);
const invoices = (ns: string[], one: string, many: string) =>
  ns.length === 1 ? `Invoice ${ns[0]} ${one}` : `Invoices ${list(ns)} ${many}`;

export const FACTS_EN: FactWords = {
  nothing_owed: () => "Nothing is owed.",
  dispute: (f) =>
    invoices(
      f.invoices,
      "is disputed: it is left out of the reminders until the disagreement is settled.",
      "are disputed: they are left out of the reminders until the disagreement is settled.",
    ),
  dispute_reason: (f) => `Reason noted: ${f.text}`,
  exchange_noted: (f) => `Last exchange noted on ${day(f.date)}: the client is given time to reply.`,
  preventive: (f) =>
    `${f.why === "new_client" ? "New client" : "Large amount"}: a word before the due date of ${day(f.due)} makes sure everything is in order.`,
  not_due: (f) => `Next due date: ${day(f.due)}.`,
  overdue: (f) => `${amount(f.amount)} overdue since ${day(f.since)} (${count(f.days, "day", "days")}).`,
  contacts: (f) => `Already done: ${list(f.done.map((c) => `${entry(c.kind)} on ${day(c.date)}`))}.`,
  difficulty: (f) => `On ${day(f.date)}, the client mentioned difficulties${f.text ? `: ${f.text}` : "."}`,
  promise: (f) => `Payment promised for ${day(f.date)}.`,
  promise_broken: (f) => `The promise to pay by ${day(f.date)} was not kept.`,
  good_payer: (f) =>
    f.claim
      ? "A client who usually pays on time: an isolated delay does not necessarily call for a claim."
      : "A client who usually pays on time: a call first, to understand.",
  always_call_first: () => "For this client, a call before any written reminder.",
  small_amount: (f) =>
    f.formal_notice_dropped
      ? `For ${amount(f.amount)}, legal action would cost more than it would bring in.`
      : `For ${amount(f.amount)}, no formal notice: legal action would cost more than it would bring in.`,
  consumer_limit: () => "Consumer: four attempts at most over thirty days.",
  consumer_no_fees: () => "Consumer: no collection fees and no €40 compensation (CPCE L111-8).",
  paused: (f) => `Postponed to ${day(f.until)}.`,
  credit_to_review: (f) =>
    `A credit of ${amount(f.amount)} received on ${day(f.date)} (“${f.label}”) has not been matched yet: it could settle ${list(f.invoices)}.`,
  held_for_credit: (f) =>
    `“${action(f.action)}” waits until you have reviewed ${f.credits > 1 ? "these credits" : "this credit"}: a client who may already have paid is not reminded.`,
  statement_old: (f) => `Last statement imported on ${day(f.date)}: check that the client has not paid.`,
  prescription_soon: (f) =>
    `Invoice ${f.invoice} becomes time-barred on ${day(f.on)}: after that, its payment can no longer be claimed in court.`,
  time_barred: (f) => invoices(f.invoices, "is time-barred: it is no longer chased.", "are time-barred: they are no longer chased."),
  plan_proposed: (f) => `${plan(f.plan)} proposed on ${day(f.on)}: waiting for the client's signature.`,
  plan_late: (f) =>
    `${plan(f.plan)} signed on ${day(f.signed)}: ${list(
      f.missed.map((m) => `${instalment(m.instalment)} due on ${day(m.instalment.due_on)} (${amount(m.left)} left)`),
    )} unpaid.`,
  plan_reminders: (f) => `Already reminded ${count(f.count, "time", "times")} since the signature.`,
  plan_honoured: (f) =>
    `${plan(f.plan)} signed on ${day(f.signed)} and kept: next instalment on ${day(f.next_due)} (${amount(f.next_left)}).`,
  paid_late: (f) =>
    `Invoice ${f.invoice} was paid on ${day(f.settled)}, ${count(f.days, "day", "days")} after its due date of ${day(f.due)}: ${amount(f.amount)} of penalties and fixed compensation are still owed (C. com. L441-10 II, D441-5).`,
  claim_optional: () =>
    `An optional step: claiming is your right, and so is waiving it to keep the client (“${en.clientPage.waive}” on the client's page notes it in the history).`,
  then_dispute: () => "Gather the facts and offer to talk it over; a credit note if the dispute is justified.",
  then_preventive: (f) => `A friendly reminder if nothing arrives after ${day(f.due)}.`,
  then_calendar: () => "A signed payment plan stops the reminders as long as it is kept.",
  then_promise: (f) => `Without payment, the reminders resume after ${day(f.until)}.`,
  then_friendly: () => "A firm reminder a week later if nothing happens.",
  then_firm: () => "A call to understand, a week later.",
  then_call: (f) =>
    f.small ? "One last written reminder; for this amount, no formal notice." : "One last written reminder, then the formal notice.",
  then_last_reminder: (f) =>
    f.small
      ? "Without an answer, decide whether to write the amount off or keep following it: no formal notice for this amount."
      : "The formal notice by registered letter.",
  then_formal_notice: () => "Without payment within the time given: an order for payment (injonction de payer), or a court conciliator.",
  then_check_credit: (f) => `If it is not their payment: ${lower(action(f.action))}.`,
  then_plan_signature: () => "Once the payment plan is signed, the reminders stop as long as it is kept.",
  then_plan_reminder: () => "Without payment, a firm reminder, then the formal notice invoking the acceleration of the debt.",
  then_plan_firm_reminder: (f) =>
    `Then the formal notice invoking the acceleration of the debt (${count(f.notice_days, "day's", "days'")} notice).`,
  then_plan_default: (f) =>
    `Without payment within ${count(f.notice_days, "day", "days")} of its receipt, the whole balance (${amount(f.left)}) becomes due.`,
  then_plan_courtesy: (f) => `A reminder about the instalment only if it is not paid by ${day(f.late_from)}.`,
  then_claim: () => "A single request, without reminders: the penalties remain owed and appear on the client's page.",
};

/** A fact in English. */
export function factEn(f: Fact): string {
  return (FACTS_EN[f.code] as (f: Fact) => string)(f);
}

/** A reason in the interface's language. */
export function said(r: { text: string; fact: Fact }): string {
  return i18n.language === "fr" ? r.text : factEn(r.fact);
}

/** What comes next if nothing happens, in the interface's language. */
export function thenSaid(step: { then: string | null; then_fact: Fact | null }): string | null {
  if (i18n.language === "fr" || !step.then_fact) return step.then;
  return factEn(step.then_fact);
}

/** "2026-10-31" → "31 October 2026" (the French sentence's « 31 octobre 2026 »). */
function dayMonthYear(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${en.dates.months[(m ?? 1) - 1]} ${y}`;
}

/** « a, b and c ». */
function and(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

/** A payer profile's sentence in English, from the same figures as the French one (tact-core's payers.rs). */
export function payerWhyEn(p: PayerProfile): string {
  const [n, k, x] = [p.paid_invoices, p.paid_on_time, p.late_delay_days];
  const days = (d: number) => count(d, "day", "days");
  const late = n - k;
  let record: string;
  if (n === 0) record = "No invoice paid yet";
  else if (k === 0 && n === 1) record = x ? `The only invoice paid was paid ${days(x)} late` : "The only invoice paid was paid late";
  else if (k === 0) record = `None of the ${n} invoices paid was paid on time${x ? `: ${days(x)} late on average` : ""}`;
  else {
    record = `${k} of ${count(n, "invoice", "invoices")} paid on time`;
    if (x && late === 1) record += `, the other ${days(x)} late`;
    else if (x) record += `, the others ${days(x)} late on average`;
  }
  const pro: string[] = [];
  if (p.promises_kept > 0) pro.push(count(p.promises_kept, "promise kept", "promises kept"));
  if (p.plans_honoured > 0) pro.push(count(p.plans_honoured, "payment plan kept to the end", "payment plans kept to the end"));
  const against: string[] = [];
  if (p.max_days_late_now && p.worst_late_invoice) against.push(`invoice ${p.worst_late_invoice} is ${days(p.max_days_late_now)} late`);
  if (p.last_broken_promise) {
    const on = dayMonthYear(p.last_broken_promise);
    against.push(
      p.promises_broken > 1 ? `${p.promises_broken} promises to pay were not kept (the last one for ${on})` : `the promise to pay on ${on} was not kept`,
    );
  }
  if (p.plans_missed > 0) against.push(p.plans_missed > 1 ? `${p.plans_missed} payment plans were not kept` : "an instalment of the payment plan was missed");
  if (p.disputes > 0) against.push(p.disputes > 1 ? `${p.disputes} disputes were opened this year` : "a dispute was opened this year");
  let why = record;
  if (pro.length > 0) why += `, ${and(pro)}`;
  if (against.length > 0) why += `${(n > 0 && k === n) || pro.length > 0 ? "; but " : "; "}${and(against)}`;
  why += ".";
  if (p.good_payer) why += " Good payer: a call before any firm reminder.";
  return why;
}

/** A payer profile's sentence in the interface's language. */
export function payerWhy(p: PayerProfile): string {
  return i18n.language === "fr" ? p.why : payerWhyEn(p);
}

/** Why a bank credit may pay these invoices, one sentence per code (tact-core's reconcile.rs). */
export const MATCH_EN: { [K in MatchWhy["code"]]: (w: Extract<MatchWhy, { code: K }>) => string } = {
  cited_exact: (w) => `The label cites ${list(w.invoices)} and the amount is exactly what is left to pay.`,
  cited_partial: (w) => `The label cites ${list(w.invoices)}: a part payment of ${amount(w.amount)} out of ${amount(w.owed)} owed.`,
  cited_over: (w) =>
    `The label cites ${list(w.invoices)}, but the amount is more than what is left to pay (${amount(w.owed)}): the surplus would stay as a credit.`,
  same_amount_many_clients: (w) => `Same amount as ${w.invoice} — but several clients owe this amount.`,
  same_amount_many_invoices: (w) => `Same amount as ${w.invoice} (this client has several invoices of this amount).`,
  same_amount_only: (w) => `Same amount as invoice ${w.invoice}, the only open invoice of this amount.`,
  sum_of: (w) => `The amount is exactly the sum of ${w.invoices.join(" + ")}.`,
  announced: (w) =>
    w.what.kind === "instalment"
      ? `Amount of the instalment due on ${day(w.what.due)} of their signed payment plan.`
      : `Amount of the promise to pay ${amount(w.what.amount)} on ${day(w.what.date)}.`,
  payer_name: (w) => `The payer's name matches ${w.client}.`,
  payer_iban: (w) => `The payer's IBAN was already seen on the payments of ${w.client}.`,
  rule: (w) => `Confirmed rule: “${w.pattern}” = ${w.client}.`,
  no_open_invoice: () => "This client has no open invoice: the amount would stay as a credit.",
  less_than_owed: () => "Less than what they owe: applied to the oldest invoices first.",
};

/** A proposal's reasons in the interface's language. */
export function matchSaid(p: Pick<Proposal, "reasons" | "why">): string[] {
  if (i18n.language === "fr") return p.reasons;
  return p.why.map((w) => (MATCH_EN[w.code] as (w: MatchWhy) => string)(w));
}
