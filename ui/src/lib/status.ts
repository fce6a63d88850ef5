// The French words for the backend's codes (docs/words.md), in one place. Invoice statuses also get a colour
// family, always shown with the word (never colour alone).
import type { CallOutcome, Channel, ClientKind, ContactChannel, InvoiceStatus, PaymentMethod, Tone as StepTone } from "./generated/bindings";

export const KIND_LABEL: Record<ClientKind, string> = { professional: "Professionnel", consumer: "Particulier" };

export const CHANNEL_LABEL: Record<Channel, string> = { email: "E-mail", phone: "Téléphone", letter: "Courrier" };

export const METHOD_LABEL: Record<PaymentMethod, string> = {
  virement: "Virement",
  cheque: "Chèque",
  carte: "Carte",
  especes: "Espèces",
  prelevement: "Prélèvement",
  autre: "Autre",
};

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  reached: "Joint",
  no_answer: "Pas de réponse",
  promise: "Promesse",
  dispute: "Litige",
  difficulty: "Difficulté",
};

/** Options for a select, in the order of the record. */
export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

export const STATUS_LABEL: Record<InvoiceStatus, string> = {
  open: "À échoir",
  partially_paid: "Partiellement réglée",
  paid: "Réglée",
  overdue: "En retard",
  disputed: "En litige",
  written_off: "Passée en perte",
  cancelled: "Annulée par avoir",
};

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
export const CONTACT_CHANNEL_LABEL: Record<ContactChannel, string> = {
  email: "E-mail",
  phone: "Téléphone",
  letter: "Courrier",
  registered_letter: "Lettre recommandée avec AR",
  in_person: "En personne",
  sms: "SMS",
  other: "Autre",
};

/** The tone of a step (practice.md). */
export const STEP_TONE_LABEL: Record<StepTone, string> = {
  courteous: "Courtois",
  cordial: "Cordial, suppose un oubli",
  firm: "Professionnel et ferme",
  listening: "À l'écoute",
  formal: "Formel et factuel",
};
