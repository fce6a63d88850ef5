// The words for the backend's codes (docs/words.md). In French they come from the Rust enums (LABELS in the
// generated bindings), so the app and the CLI, the letters and the screens say the same thing; in English from
// i18n/en.ts. Each table reads the interface's language when it is read, so a screen follows a change of language.
// Invoice statuses also get a colour family, always shown with the word (never colour alone).
import type { Frequency, Grade, InvoiceStatus, PenaltyTreatment } from "./generated/bindings";
import type { Labels } from "./i18n/fr";
import { t } from "./i18n/index.svelte";

/** One table of `Labels`, in the language of the moment. */
function labels<K extends keyof Labels>(kind: K): Labels[K] {
  const table = () => t().labels[kind] as Record<string | symbol, string>;
  return new Proxy({} as Labels[K], {
    get: (_target, key) => table()[key],
    has: (_target, key) => key in table(),
    ownKeys: () => Reflect.ownKeys(table()),
    getOwnPropertyDescriptor: (_target, key) => (key in table() ? { value: table()[key], enumerable: true, configurable: true } : undefined),
  });
}

export const KIND_LABEL = labels("ClientKind");

/** A step's action (the engine's ladder). */
export const ACTION_LABEL = labels("Action");

export const CHANNEL_LABEL = labels("Channel");

export const METHOD_LABEL = labels("PaymentMethod");

export const OUTCOME_LABEL = labels("CallOutcome");

export const LETTER_LABEL = labels("LetterKind");

export const LANGUAGE_LABEL = labels("Language");

export const PROCEDURE_LABEL = labels("CollectiveProcedure");

export const AGE_LABEL = labels("AgeBucket");

export const REPORT_LABEL = labels("ReportKind");

export const PLAN_STATUS_LABEL = labels("PlanStatus");

export const JOURNAL_KIND_LABEL = labels("JournalKind");

export const INSTALMENT_STATUS_LABEL = labels("InstalmentStatus");

export const GRADE_LABEL = labels("Grade");

/** Options for a select, in the order of the record. */
export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

export const STATUS_LABEL = labels("InvoiceStatus");

export type Tone = "neutral" | "info" | "ok" | "late" | "warn" | "muted";

export const STATUS_TONE: Record<InvoiceStatus, Tone> = {
  open: "neutral",
  partially_paid: "info",
  paid: "ok",
  overdue: "late",
  disputed: "warn",
  written_off: "muted",
  cancelled: "muted",
};

export const STATUS_ORDER: InvoiceStatus[] = ["overdue", "open", "partially_paid", "disputed", "paid", "written_off", "cancelled"];

/** How a step is done (the engine's channel). */
export const CONTACT_CHANNEL_LABEL = labels("ContactChannel");

/** The tone of a step (practice.md). */
export const STEP_TONE_LABEL = labels("Tone");

/** A payment calendar's frequency, most usual first. */
export const FREQUENCY_LABEL = labels("Frequency");
export const FREQUENCIES: Frequency[] = ["month", "fortnight", "week"];

/** What a calendar does with the penalties and the 40 €, the most conciliatory first. */
export const TREATMENT_LABEL = labels("PenaltyTreatment");
export const TREATMENTS: PenaltyTreatment[] = ["waive", "defer", "keep"];

/** A payer grade's colour family, always shown with its letter and words. */
export const GRADE_TONE: Record<Grade, Tone> = { A: "ok", B: "info", C: "neutral", D: "warn", E: "late" };
