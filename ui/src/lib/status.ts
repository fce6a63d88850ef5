// The French words for the backend's codes (docs/words.md). They come from the Rust enums (LABELS in the generated
// bindings), so the app and the CLI, the letters and the screens say the same thing. Invoice statuses also get a
// colour family, always shown with the word (never colour alone).
import { LABELS } from "./generated/bindings";
import type { Frequency, Grade, InvoiceStatus, PenaltyTreatment } from "./generated/bindings";

export const KIND_LABEL = LABELS.ClientKind;

export const CHANNEL_LABEL = LABELS.Channel;

export const METHOD_LABEL = LABELS.PaymentMethod;

export const OUTCOME_LABEL = LABELS.CallOutcome;

export const LETTER_LABEL = LABELS.LetterKind;

/** Options for a select, in the order of the record. */
export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

export const STATUS_LABEL = LABELS.InvoiceStatus;

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
export const CONTACT_CHANNEL_LABEL = LABELS.ContactChannel;

/** The tone of a step (practice.md). */
export const STEP_TONE_LABEL = LABELS.Tone;

/** A payment calendar's frequency, most usual first. */
export const FREQUENCY_LABEL = LABELS.Frequency;
export const FREQUENCIES: Frequency[] = ["month", "fortnight", "week"];

/** What a calendar does with the penalties and the 40 €, the most conciliatory first. */
export const TREATMENT_LABEL = LABELS.PenaltyTreatment;
export const TREATMENTS: PenaltyTreatment[] = ["waive", "defer", "keep"];

/** A payer grade's colour family, always shown with its letter and words. */
export const GRADE_TONE: Record<Grade, Tone> = { A: "ok", B: "info", C: "neutral", D: "warn", E: "late" };
