import { describe, expect, it } from "vitest";
import type { OutgoingMessage, SentMessage } from "./generated/bindings";
import { sendLabel, sendState } from "./send";

const sent = (state: SentMessage["state"]): SentMessage => ({
  id: 1, step_key: "step/4/x/1/2", client_id: 4, message_id: "<m@x.fr>", recipients: "a@b.fr", subject: "S",
  state, started_at: "2026-11-23T10:00:00", sent_at: state === "sent" ? "2026-11-23T10:00:02" : null, error: null,
});
const out = (timing: OutgoingMessage["timing"], previous: SentMessage | null = null) =>
  ({ key: "k", client_id: 4, to_name: "Inès Morel", attachments: [], timing, previous }) as unknown as OutgoingMessage;

describe("sendState", () => {
  it("asks before resending a send the server did not confirm, and never resends a sent one", () => {
    expect(sendLabel(sendState(out({ kind: "now" })), false)).toBe("Envoyer");
    expect(sendLabel(sendState(out({ kind: "now" })), true)).toBe("Envoi en cours…");
    const uncertain = sendState(out({ kind: "now" }, sent("uncertain")));
    expect(uncertain.unconfirmed && !uncertain.alreadySent).toBe(true);
    expect(sendLabel(uncertain, false)).toBe("Renvoyer");
    expect(sendState(out({ kind: "now" }, sent("sending"))).unconfirmed).toBe(true);
    expect(sendState(out({ kind: "now" }, sent("sent"))).alreadySent).toBe(true);
    expect(sendState(out({ kind: "now" }, sent("failed"))).unconfirmed).toBe(false);
  });
  it("says a day off and a step not yet due", () => {
    const sat = sendState(out({ kind: "not_a_working_day", label: "samedi", next: "2026-11-30" }));
    expect(sat.dayOff).toEqual({ label: "samedi", next: "2026-11-30" });
    expect(sendLabel(sat, false)).toBe("Envoyer quand même");
    expect(sendState(out({ kind: "too_early", date: "2026-12-09" })).tooEarly).toEqual({ date: "2026-12-09" });
    expect(sendState(null).previous).toBeNull();
  });
});
