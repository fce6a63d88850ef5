// Where a message to send stands, derived from what the backend prepared (prepare_send): shared by the step
// dialog and the send panel.
import type { OutgoingMessage, SentMessage } from "./generated/bindings";
import { t } from "./i18n/index.svelte";

export interface SendState {
  previous: SentMessage | null;
  alreadySent: boolean;
  /** A send the server did not confirm (a timeout, Tact stopped): « Renvoyer » after checking. */
  unconfirmed: boolean;
  dayOff: { label: string; next: string } | null;
  tooEarly: { date: string } | null;
}

export function sendState(o: OutgoingMessage | null): SendState {
  const previous = o?.previous ?? null;
  return {
    previous,
    alreadySent: previous?.state === "sent",
    unconfirmed: previous?.state === "uncertain" || previous?.state === "sending",
    dayOff: o?.timing.kind === "not_a_working_day" ? { label: o.timing.label, next: o.timing.next } : null,
    tooEarly: o?.timing.kind === "too_early" ? { date: o.timing.date } : null,
  };
}

/** The send button's words. */
export function sendLabel(s: SendState, sending: boolean): string {
  const T = t().send;
  if (sending) return T.sending;
  if (s.unconfirmed) return T.resend;
  return s.dayOff ? T.sendAnyway : T.send;
}
