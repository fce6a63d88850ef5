// French display of what the backend sends. Amounts arrive as canonical strings ("1234.56") and are only
// re-written here, never turned into numbers: no float ever touches money. Amounts and short dates keep the French
// form in both languages (the books are French, and forms read amounts typed that way); long dates and the words
// around numbers follow the interface's language.
import type { PaymentTerms } from "./generated/bindings";
import { t } from "./i18n/index.svelte";

const NNBSP = "\u202f"; // narrow no-break space: thousands separator
const NBSP = "\u00a0"; // no-break space: before €, ":" and inside « »

/** "1234.56" → "1 234,56 €" (as Intl.NumberFormat('fr-FR', {style: 'currency'}) writes it). */
export function formatAmount(canonical: string | null | undefined, withCurrency = true): string {
  if (canonical === null || canonical === undefined || canonical === "") return "–";
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(canonical.trim());
  if (!m) return canonical;
  const [, sign, units = "0", frac = ""] = m;
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  const cents = frac.padEnd(2, "0");
  const number = `${sign === "-" ? "-" : ""}${grouped},${cents}`;
  return withCurrency ? `${number}${NBSP}€` : number;
}

/** True for "0", "0.00", "-0.00". */
export function isZero(canonical: string | null | undefined): boolean {
  return !canonical || /^-?0+(\.0+)?$/.test(canonical.trim());
}

/** "2026-11-23" → "23/11/2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "2026-12-02T10:14:05" (or with a space) → "02/12/2026 à 10 h 14" (English: "02/12/2026 at 10:14"). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(iso);
  return m ? t().dates.at(formatDate(m[1]), Number(m[2]), m[3] ?? "00") : formatDate(iso);
}

/** "2026-11-23" → "lundi 23 novembre 2026" (English: "Monday 23 November 2026"). Computed from the digits, not
 * from the local time zone. */
export function formatLongDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const words = t().dates;
  return words.long(words.days[weekday] ?? "", d, words.months[mo - 1] ?? "", y);
}

/** "En retard de 12 jours" (English: "12 days late"). */
export function lateness(days: number | null | undefined): string {
  if (!days || days <= 0) return "";
  return t().late(days);
}

/** A count in the interface's language: "1 234" (French, narrow no-break space) or "1,234". */
export function formatCount(n: number): string {
  return n.toLocaleString(t().locale);
}

/** Group an IBAN by four for display. */
export function formatIban(iban: string | null | undefined): string {
  return iban ? iban.replace(/(.{4})(?=.)/g, "$1 ") : "–";
}

/** "832541908" → "832 541 908", "83254190800014" → "832 541 908 00014". */
export function formatSiren(s: string | null | undefined): string {
  if (!s) return "–";
  if (!/^\d{9}(\d{5})?$/.test(s)) return s;
  return s.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})?$/, (_all, a, b, c, nic) => [a, b, c, nic].filter(Boolean).join(" "));
}


/** Payment terms as the user types them back in a form: "à réception", "30", "45fdm", or "" for an explicit
 * date (entered in its own field). The backend parses this text (tact-core input::parse_terms). */
export function termsInput(t: PaymentTerms | null | undefined): string {
  if (!t) return "";
  switch (t.kind) {
    case "on_receipt":
      return "à réception";
    case "days":
      return String(t.days);
    case "days_end_of_month":
      return `${t.days}fdm`;
    case "date":
      return "";
  }
}

/** A file size from its byte count (a decimal string across the IPC): « 850 octets », « 12 ko », « 1,4 Mo ». */
export function formatSize(bytes: string): string {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return "—";
  if (n < 1000) return `${n}\u00a0octets`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}\u00a0ko`;
  return `${(n / 1_000_000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })}\u00a0Mo`;
}

/** What the user typed ("1 234,50", "450.00", "") as exact cents (BigInt, never a float); blank is 0n, anything
 * else unreadable is null (the backend then names the field). For live sums on a form, not for storage. */
export function parseCents(typed: string): bigint | null {
  const t = typed.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (t === "") return 0n;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const [, sign, units = "0", frac = ""] = m;
  const c = BigInt(units) * 100n + BigInt(frac.padEnd(2, "0"));
  return sign === "-" ? -c : c;
}

/** Exact cents → the canonical string ("1234.50") that formatAmount writes. */
export function centsToCanonical(c: bigint): string {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}
