// How an invoice status looks: a word and a colour family, always both (never colour alone).
import type { InvoiceStatus } from "./generated/bindings";

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
