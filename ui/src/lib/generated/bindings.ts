// Generated from the Rust types by `cargo test -p tact-app bindings`; do not edit.
// Regenerate with: TACT_UPDATE_BINDINGS=1 cargo test -p tact-app bindings
// Amounts are strings ("1234.56"), dates are "YYYY-MM-DD": format them, never compute with them.

export type Action = "nothing" | "preventive_note" | "friendly_reminder" | "firm_reminder" | "phone_call" | "last_reminder" | "formal_notice" | "after_deadline" | "settle_dispute" | "propose_calendar" | "consider_write_off" | "plan_signature" | "plan_courtesy" | "plan_reminder" | "plan_firm_reminder" | "plan_default" | "claim_penalties" | "check_credit";

export type AgeBucket = "not_due" | "1_30" | "31_60" | "61_90" | "over_90";

export type Agenda = { today: string, 
/**
 * Something to do today, most urgent first.
 */
due: Page<AgendaItem>, 
/**
 * Something to do within the next 7 days, soonest first (at most 50).
 */
coming: Array<AgendaItem>, coming_total: number, 
/**
 * Nothing to do, each with why (at most 50, largest balances first).
 */
resting: Array<AgendaItem>, resting_total: number, 
/**
 * When a bank statement was last imported (« Dernier relevé importé le … »).
 */
last_statement: string | null, 
/**
 * Bank credits waiting for the user's review.
 */
credits_to_review: number, };

export type AgendaItem = { client_id: number, client_name: string, client_kind: ClientKind, balance: Money, overdue_total: Money, max_days_late: number | null, suggestion: Suggestion, };

export type Aging = { rows: Array<AgingRow>, totals: Array<Figure>, total: Figure, };

export type AgingRow = { client_id: number, client_name: string, 
/**
 * In the order of [`AgeBucket::ALL`].
 */
buckets: Array<Figure>, total: Figure, };

export type Allocation = { invoice_id: number, amount: Money, };

export type AllocationInput = { invoice_id: number, amount: string, };

export type Annex = { title: string, body: Array<Block>, 
/**
 * Signature blocks at its end (an agreement: the creditor's at the right, the debtor's at the left); empty
 * for a breakdown.
 */
signature: Array<string>, countersignature: Array<string>, };

export type Announced = { "kind": "instalment", due: string, } | { "kind": "promise", amount: Money, date: string, };

export type AppInfo = { version: string, 
/**
 * The database file, shown in Réglages.
 */
db_path: string, 
/**
 * Today's date (the shell reads the clock once per request; `TACT_TODAY` fixes it for demonstrations and
 * tests). The interface asks again (`today`) to notice when the date changes.
 */
today: string, 
/**
 * True on first run: the ledger holds nothing yet.
 */
is_empty: boolean, };

export type ArchiveFilter = "active" | "archived" | "all";

export type AttachmentRef = { name: string, source: AttachmentSource, };

export type AttachmentSource = { "kind": "invoice", sha256: string, } | { "kind": "plan_agreement", plan_id: number, } | { "kind": "letter", letter_id: number, };

export type BackupInfo = { 
/**
 * Full path of the file.
 */
path: string, 
/**
 * File name (`tact-2026-12-02.zip`).
 */
name: string, date: string, 
/**
 * In the second folder rather than beside the database.
 */
second_copy: boolean, bytes: string, };

export type BackupStatus = { folder: string, second_folder: string | null, latest: BackupInfo | null, backups: Array<BackupInfo>, };

export type BankLine = { id: number, 
/**
 * What makes it the same credit in the next statement (the bank's id, else account, date, amount, label
 * and occurrence).
 */
identity: string, account: string, date: string, amount: Money, label: string, payer: string | null, payer_iban: string | null, reference: string | null, bank_id: string | null, 
/**
 * The payment method a payment from it gets (`virement`, `prelevement`…).
 */
method: string, imported_on: string, 
/**
 * `open`, `accepted` or `ignored`.
 */
state: string, payment_id: number | null, };

export type BankOverview = { lines: Array<BankReviewLine>, last_statement: string | null, };

export type BankReviewLine = { line: BankLine, proposals: Array<Proposal>, };

export type Block = { "type": "paragraph", text: string, } | { "type": "strong", text: string, } | { "type": "table", table: Table, };

export type Business = { legal_name: string, trade_name: string | null, legal_form: string | null, siren: string | null, siret: string | null, vat_number: string | null, iban: string | null, bic: string | null, signatory_name: string | null, signatory_title: string | null, 
/**
 * City written after "Fait à" in letters.
 */
signing_city: string | null, default_terms: PaymentTerms, 
/**
 * Contractual late-penalty rate in percent per year; `None` means the legal default (ECB rate + 10 points,
 * C. com. L441-10 II).
 */
penalty_rate: string | null, address_line1: string | null, address_line2: string | null, postcode: string | null, city: string | null, country: string, email: string | null, phone: string | null, };

export type BusinessInput = { legal_name: string, trade_name: string | null, legal_form: string | null, siren: string | null, siret: string | null, vat_number: string | null, iban: string | null, bic: string | null, signatory_name: string | null, signatory_title: string | null, signing_city: string | null, default_terms: string | null, 
/**
 * Empty means the legal default rate.
 */
penalty_rate: string | null, address_line1: string | null, address_line2: string | null, postcode: string | null, city: string | null, 
/**
 * Empty means France.
 */
country: string | null, email: string | null, phone: string | null, };

export type CallOutcome = "reached" | "no_answer" | "promise" | "dispute" | "difficulty";

export type CallSheet = { phone: string | null, who: string | null, when: string, opening: string, questions: Array<string>, offers: Array<string>, to_note: Array<string>, };

export type Channel = "email" | "phone" | "letter";

export type Civility = "madame" | "monsieur";

export type Client = { id: number, kind: ClientKind, name: string, siren: string | null, contact_name: string | null, 
/**
 * The civility of the person addressed: the consumer, or the contact person of a business.
 */
civility: Civility | null, preferred_channel: Channel, language: Language, notes: string | null, client_since: string | null, collective_procedure: CollectiveProcedure, archived: boolean, address_line1: string | null, address_line2: string | null, postcode: string | null, city: string | null, country: string, email: string | null, phone: string | null, };

export type ClientDetail = { client: Client, standing: ClientStanding, invoices: Array<InvoiceRow>, payments: Array<Payment>, credit_notes: Array<CreditNote>, journal: Array<JournalView>, 
/**
 * The payer profile: grade and why, the same computation as the dashboard's and the engine's good-payer rule.
 */
profile: PayerProfile, };

export type ClientInput = { 
/**
 * `professional` or `consumer`.
 */
kind: string, name: string, siren: string | null, contact_name: string | null, 
/**
 * `madame`, `monsieur`, or empty when not given.
 */
civility: string | null, preferred_channel: string | null, language: string | null, notes: string | null, client_since: string | null, collective_procedure: string | null, address_line1: string | null, address_line2: string | null, postcode: string | null, city: string | null, 
/**
 * Empty means France.
 */
country: string | null, email: string | null, phone: string | null, };

export type ClientKind = "professional" | "consumer";

export type ClientMatch = { 
/**
 * The client in the books, `None` for a client the import creates.
 */
client_id: number | null, name: string, 
/**
 * « SIREN », « numéro de TVA », « nom », or « nouveau client ».
 */
matched_by: string, kind: ClientKind | null, };

export type ClientOverrides = { 
/**
 * Nothing is suggested before this date (« Reporter », or a pause agreed with the client).
 */
pause_until: string | null, 
/**
 * A phone call before any written reminder.
 */
always_call_first: boolean, };

export type ClientPenalties = { client_id: number, as_of: string, 
/**
 * The mise en demeure B2C interest runs from, if one was sent.
 */
formal_notice: string | null, invoices: Array<InvoicePenalty>, 
/**
 * The overdue principal.
 */
principal: Money, interest: Money, indemnities: Money, total: Money, warnings: Array<Warning>, };

export type ClientQuery = { search: string | null, archived: ArchiveFilter, sort: ClientSort, descending: boolean, offset: number, 
/**
 * 0 means the default page size (50); at most 500.
 */
limit: number, };

export type ClientRow = { standing: ClientStanding, 
/**
 * The payer profile (« Profil »): given on a page of the list ([`Ledger::client_page`]), not on the whole
 * list.
 */
profile: PayerProfile | null, id: number, kind: ClientKind, name: string, siren: string | null, contact_name: string | null, 
/**
 * The civility of the person addressed: the consumer, or the contact person of a business.
 */
civility: Civility | null, preferred_channel: Channel, language: Language, notes: string | null, client_since: string | null, collective_procedure: CollectiveProcedure, archived: boolean, address_line1: string | null, address_line2: string | null, postcode: string | null, city: string | null, country: string, email: string | null, phone: string | null, };

export type ClientSort = "name" | "balance" | "overdue" | "days_late";

export type ClientStanding = { client_id: number, 
/**
 * Owed on invoices issued up to D, except written-off ones.
 */
balance: Money, 
/**
 * Owed on overdue invoices (not disputed, not written off).
 */
overdue_total: Money, disputed_total: Money, written_off_total: Money, 
/**
 * Payments received and not allocated to any invoice, held as credit.
 */
credit: Money, open_invoices: number, overdue_invoices: number, oldest_overdue_due_date: string | null, max_days_late: number | null, history: PaymentHistory, };

export type CollectiveProcedure = "none" | "sauvegarde" | "redressement" | "liquidation";

export type Column = { title: string, 
/**
 * Share of the text width.
 */
width: number, right: boolean, };

export type Contact = { kind: JournalKind, date: string, };

export type ContactChannel = "email" | "phone" | "letter" | "registered_letter" | "in_person" | "sms" | "other";

export type CreditNote = { id: number, number: string, invoice_id: number, date: string, amount: Money, reason: string | null, };

export type CreditNoteInput = { number: string, invoice_id: number, date: string, amount: string, reason: string | null, };

export type CsvField = "number" | "issue_date" | "due_date" | "terms" | "client" | "amount_ttc" | "amount_ht" | "vat" | "amount_due" | "siren" | "vat_number" | "email" | "address" | "postcode" | "city" | "country" | "kind" | "cited_invoice" | "description" | "currency";

export type Dashboard = { today: string, owed: Owed, aging: Aging, dso: Dso, 
/**
 * The three riskiest balances.
 */
risks: Array<Risk>, forecast: Forecast, 
/**
 * Every active client that has been invoiced, weakest first.
 */
payers: Array<PayerProfile>, };

export type DocumentKind = "invoice" | "credit_note";

export type Draft = { client_id: number, action: Action, language: Language, 
/**
 * The recipient's email address, when the draft is an email and the client has one.
 */
to: string | null, subject: string, body: string, 
/**
 * False for a memo to the user (the options after the deadline, writing off).
 */
sendable: boolean, lines: Array<DraftLine>, total: Money, call_sheet: CallSheet | null, };

export type DraftLine = { number: string, issue_date: string, due_date: string, amount: Money, 
/**
 * Paid and credited.
 */
paid: Money, balance: Money, days_late: number | null, 
/**
 * The client contests it: it is « en litige », not late (issue 19).
 */
disputed: boolean, };

export type Dso = { current: DsoPoint, 
/**
 * Oldest first.
 */
months: Array<DsoPoint>, 
/**
 * The last 12 months, the current one included, oldest first.
 */
late: Array<LateMonth>, 
/**
 * The method, in one sentence, for the screen and the reports.
 */
method: string, };

export type DsoPoint = { on: string, 
/**
 * Days, one decimal; `None` when nothing was ever invoiced by then.
 */
days: string | null, 
/**
 * What was owed on that date.
 */
receivables: Money, };

export type DueFrom = "due_date" | "terms" | "default";

export type EcbRate = { from: string, rate: string, };

export type EcbRateInput = { from: string, rate: string, };

export type EmailText = { to: string | null, subject: string, body: string, };

export type Error = { code: ErrorCode, message: string, field: string | null, 
/**
 * A form's other fields in error, checked at the same time (see [`Checks`]): a form shows them all at once.
 */
also: Array<FieldError>, };

export type ErrorCode = "required" | "too_long" | "control_characters" | "invalid_amount" | "amount_not_positive" | "amount_negative" | "too_many_decimals" | "amount_too_large" | "invalid_date" | "due_before_issue" | "invalid_terms" | "invalid_rate" | "invalid_siren" | "invalid_siret" | "invalid_vat_number" | "invalid_iban" | "invalid_bic" | "invalid_email" | "invalid_phone" | "invalid_postcode" | "invalid_choice" | "duplicate_invoice_number" | "duplicate_credit_note_number" | "client_not_found" | "invoice_not_found" | "payment_not_found" | "credit_note_not_found" | "journal_entry_not_found" | "letter_not_found" | "plan_not_found" | "business_not_set" | "client_mismatch" | "client_archived" | "client_has_invoices" | "allocation_exceeds_payment" | "allocation_exceeds_balance" | "duplicate_allocation" | "credit_exceeds_balance" | "amount_below_settled" | "invoice_has_activity" | "invalid_correction" | "payment_reversed" | "invalid_setting" | "nothing_to_draft" | "invalid_plan" | "plan_state" | "database_newer" | "not_a_tact_database" | "database_damaged" | "database" | "io" | "import_not_empty" | "import_format" | "file_too_large" | "unreadable_file" | "not_an_invoice" | "unsupported_currency" | "supplier_invoice" | "overflow" | "usage" | "cancelled" | "mail_not_set" | "no_recipient" | "already_sent" | "send_uncertain" | "not_a_working_day" | "too_early_to_send" | "smtp_unknown_host" | "smtp_refused" | "smtp_tls" | "smtp_auth" | "smtp_timeout" | "smtp_rejected" | "smtp" | "password_missing" | "keyring" | "no_mail_program";

export type ExistingRecord = { number: string, client_name: string, issue_date: string, due_date: string | null, amount: Money, };

export type Expected = "invoice" | "instalment" | "promise";

export type ExportReport = { path: string, bytes: string, letter_files: number, 
/**
 * Letters whose archived copy is missing or was modified: not in the archive, named here.
 */
letter_files_missing: Array<string>, };

export type Fact = { "code": "nothing_owed" } | { "code": "dispute", invoices: Array<string>, } | { "code": "dispute_reason", text: string, } | { "code": "exchange_noted", date: string, } | { "code": "preventive", why: PreventiveWhy, due: string, } | { "code": "not_due", due: string, } | { "code": "overdue", amount: Money, since: string, days: number, } | { "code": "contacts", done: Array<Contact>, } | { "code": "difficulty", date: string, text: string | null, } | { "code": "promise", date: string, } | { "code": "promise_broken", date: string, } | { "code": "good_payer", claim: boolean, } | { "code": "always_call_first" } | { "code": "small_amount", amount: Money, formal_notice_dropped: boolean, } | { "code": "consumer_limit" } | { "code": "consumer_no_fees" } | { "code": "paused", until: string, } | { "code": "credit_to_review", amount: Money, date: string, label: string, invoices: Array<string>, } | { "code": "held_for_credit", action: Action, credits: number, } | { "code": "statement_old", date: string, } | { "code": "prescription_soon", invoice: string, on: string, } | { "code": "time_barred", invoices: Array<string>, } | { "code": "plan_proposed", plan: PlanSummary, on: string, } | { "code": "plan_late", plan: PlanSummary, signed: string, missed: Array<Missed>, } | { "code": "plan_reminders", count: number, } | { "code": "plan_honoured", plan: PlanSummary, signed: string, next_due: string, next_left: Money, } | { "code": "paid_late", invoice: string, settled: string, days: number, due: string, amount: Money, } | { "code": "claim_optional" } | { "code": "then_dispute" } | { "code": "then_preventive", due: string, } | { "code": "then_calendar" } | { "code": "then_promise", until: string, } | { "code": "then_friendly" } | { "code": "then_firm" } | { "code": "then_call", small: boolean, } | { "code": "then_last_reminder", small: boolean, } | { "code": "then_formal_notice" } | { "code": "then_check_credit", action: Action, } | { "code": "then_plan_signature" } | { "code": "then_plan_reminder" } | { "code": "then_plan_firm_reminder", notice_days: number, } | { "code": "then_plan_default", notice_days: number, left: Money, } | { "code": "then_plan_courtesy", late_from: string, } | { "code": "then_claim" };

export type FieldError = { field: string, message: string, };

export type Figure = { amount: Money, count: number, selection: Selection, };

export type Forecast = { 
/**
 * « D'ici le 15 décembre, vous pouvez raisonnablement compter sur … € (… € au mieux). »
 */
sentence: string, 
/**
 * The next 15th (the URSSAF's and the rent's day), the sentence's horizon.
 */
horizon: string, likely_by_horizon: Money, best_by_horizon: Money, weeks: Array<Period>, months: Array<Period>, 
/**
 * Every amount expected, by likely date.
 */
items: Array<ForecastItem>, 
/**
 * Overdue with no date to count on: no promise, no calendar (and the instalments missed).
 */
overdue: Figure, 
/**
 * Payments received since the 1st of the month.
 */
received_this_month: Money, };

export type ForecastItem = { client_id: number, client_name: string, kind: Expected, 
/**
 * « F-2026-049 », « ECH-3, échéance n° 2 », « Promesse de paiement ».
 */
what: string, amount: Money, 
/**
 * The due date, the instalment's date or the promised date.
 */
due: string, 
/**
 * The early end of the range.
 */
earliest: string, likely: string, latest: string, };

export type Frequency = "week" | "fortnight" | "month";

export type Grade = "A" | "B" | "C" | "D" | "E";

export type ImportChoices = { 
/**
 * For the buyers without SIREN or VAT number: business or consumer (`None`: ask, import nothing for them).
 */
buyers_without_id: ClientKind | null, 
/**
 * Which CSV column holds which field, when the headers are not recognised (the mapping screen); saved as a
 * preset once the import is written, and used for the next files with the same columns.
 */
csv_mapping: Mapping | null, };

export type ImportPreview = { rows: Array<PreviewRow>, files: number, to_create: number, to_skip: number, conflicts: number, to_ask: number, errors: number, };

export type ImportReport = { clients: number, invoices: number, payments: number, credit_notes: number, journal: number, plans: number, letters: number, 
/**
 * Source files (imported e-invoices) restored with their bytes.
 */
sources: number, };

export type Instalment = { 
/**
 * 1, 2, 3… in date order (the down payment, when there is one, is number 1).
 */
number: number, due_on: string, amount: Money, down_payment: boolean, };

export type InstalmentState = { instalment: Instalment, label: string, paid: Money, left: Money, status: InstalmentStatus, status_label: string, 
/**
 * The day it counts as missed (its date + 2 working days).
 */
late_from: string, };

export type InstalmentStatus = "upcoming" | "partly_paid" | "paid" | "late";

export type Invoice = { id: number, number: string, client_id: number, issue_date: string, 
/**
 * Date of delivery or performance of the service, when it differs from the issue date.
 */
delivery_date: string | null, terms: PaymentTerms, due_date: string, 
/**
 * Total including VAT: what the client owes.
 */
amount: Money, amount_ht: Money | null, vat: Money | null, currency: string, description: string | null, 
/**
 * Late-penalty rate stipulated for this invoice, in percent per year; overrides the business default.
 */
penalty_rate: string | null, };

export type InvoiceAccrual = { segments: Array<Segment>, 
/**
 * Sum of the rounded segments.
 */
interest: Money, 
/**
 * The 40 € indemnity (B2B, late, no collective procedure), else zero.
 */
indemnity: Money, warnings: Array<Warning>, };

export type InvoiceImportReport = { preview: ImportPreview, invoices: number, credit_notes: number, clients: number, };

export type InvoiceInput = { number: string, client_id: number, issue_date: string, delivery_date: string | null, 
/**
 * Payment terms (see [`parse_terms`]); empty means the business's default terms.
 */
terms: string | null, 
/**
 * An explicit due date; when given it takes precedence over `terms`.
 */
due_date: string | null, 
/**
 * Total including VAT.
 */
amount: string, amount_ht: string | null, vat: string | null, description: string | null, penalty_rate: string | null, };

export type InvoicePage = { rows: Array<InvoiceRow>, total: number, offset: number, 
/**
 * The amounts including VAT of every invoice matching the query.
 */
amount: Money, 
/**
 * What is left to pay on them, as of the list's date.
 */
balance: Money, };

export type InvoicePenalty = { invoice_id: number, number: string, due_date: string, balance: Money, 
/**
 * After this date, payment can no longer be claimed in court (C. com. L110-4, C. conso. L218-2).
 */
prescription: string, accrual: InvoiceAccrual, 
/**
 * Paid in full on this date, after its due date: only its penalties (and 40 €) are left to claim.
 */
settled_on: string | null, 
/**
 * The user waived them on this date (« J'y renonce »): listed, not counted.
 */
waived_on: string | null, };

export type InvoiceQuery = { client_id: number | null, status: InvoiceStatus | null, search: string | null, min_days_late: number | null, sort: InvoiceSort, descending: boolean, offset: number, 
/**
 * 0 means the default page size (50); at most 500.
 */
limit: number, };

export type InvoiceRow = { client_name: string, status: InvoiceStatus, status_label: string, paid: Money, credited: Money, balance: Money, days_late: number | null, settled_on: string | null, last_paid_on: string | null, 
/**
 * The file it was imported from (« Importer »), openable from the invoice's row.
 */
source_file: string | null, id: number, number: string, client_id: number, issue_date: string, 
/**
 * Date of delivery or performance of the service, when it differs from the issue date.
 */
delivery_date: string | null, terms: PaymentTerms, due_date: string, 
/**
 * Total including VAT: what the client owes.
 */
amount: Money, amount_ht: Money | null, vat: Money | null, currency: string, description: string | null, 
/**
 * Late-penalty rate stipulated for this invoice, in percent per year; overrides the business default.
 */
penalty_rate: string | null, };

export type InvoiceSort = "due_date" | "attention" | "issue_date" | "number" | "client" | "amount" | "balance" | "days_late";

export type InvoiceStatus = "open" | "partially_paid" | "paid" | "overdue" | "disputed" | "written_off" | "cancelled";

export type JobProgress = { done: number, total: number, };

export type JournalEntry = { id: number, client_id: number, invoice_id: number | null, date: string, kind: JournalKind, channel: ContactChannel | null, call_outcome: CallOutcome | null, promise_date: string | null, promise_amount: Money | null, 
/**
 * What was said or sent, the reason of a dispute, the note itself.
 */
text: string | null, payment_id: number | null, corrects: number | null, };

export type JournalInput = { client_id: number, invoice_id: number | null, date: string, kind: string, channel: string | null, call_outcome: string | null, promise_date: string | null, promise_amount: string | null, text: string | null, corrects: number | null, };

export type JournalKind = "preventive_note" | "friendly_reminder" | "firm_reminder" | "last_reminder" | "call" | "letter" | "formal_notice" | "promise" | "dispute_opened" | "dispute_settled" | "note" | "payment_recorded" | "write_off" | "plan_proposed" | "plan_signed" | "penalties_waived" | "penalties_claimed";

export type JournalView = { kind_label: string, invoice_number: string | null, corrected_by: number | null, 
/**
 * The message Tact sent for this entry through the user's mailbox (« Envoyé le … à … »).
 */
sent: SentMessage | null, id: number, client_id: number, invoice_id: number | null, date: string, kind: JournalKind, channel: ContactChannel | null, call_outcome: CallOutcome | null, promise_date: string | null, promise_amount: Money | null, 
/**
 * What was said or sent, the reason of a dispute, the note itself.
 */
text: string | null, payment_id: number | null, corrects: number | null, };

export type Language = "fr" | "en";

export type LateMonth = { 
/**
 * The month's first day.
 */
month: string, 
/**
 * Invoices paid off that month.
 */
paid: number, 
/**
 * Days after the due date, 0 for those on time, one decimal; `None` when none was paid.
 */
average_days_late: string | null, };

export type LegalRate = { year: number, 
/**
 * 1 (January–June) or 2 (July–December).
 */
half: number, 
/**
 * Column A: the creditor is a private person.
 */
private_creditor: string, 
/**
 * Column B: « tous les autres cas » (a business creditor, as Tact's users are).
 */
other: string, };

export type LegalRateInput = { year: string, 
/**
 * "1" or "2".
 */
half: string, private_creditor: string, other: string, };

export type Letter = { kind: LetterKind, 
/**
 * The language it is written in: the client's for the reminders and the relevé, French for the letters that
 * carry French law.
 */
language: Language, client_id: number, date: string, 
/**
 * The PDF's title, and the archive's file name stem.
 */
title: string, 
/**
 * Top left: who writes.
 */
sender: Array<string>, 
/**
 * In the envelope window: who receives (checked against the window).
 */
recipient: Array<string>, 
/**
 * « Lyon, le 23 novembre 2026 »
 */
place_date: string, 
/**
 * « Lettre recommandée avec accusé de réception n° … », for a mise en demeure.
 */
mention: string | null, 
/**
 * The LRAR number the letter prints, kept in its archive record.
 */
registered_number: string | null, subject: string, salutation: string, body: Array<Block>, 
/**
 * The formula of politeness.
 */
farewell: string, 
/**
 * Name, then capacity.
 */
signature: Array<string>, 
/**
 * « Pièces jointes : … »
 */
enclosures: string | null, annex: Annex | null, fold_marks: boolean, 
/**
 * The editable paragraphs as they stand, for the form that edits them.
 */
opening: string, closing: string, deadline_days: number | null, 
/**
 * What the letter claims: principal, penalties or interest, indemnities.
 */
principal: Money, interest: Money, indemnities: Money, total: Money, 
/**
 * The payment calendar the letter belongs to (its agreement, its déchéance notice).
 */
plan_id: number | null, 
/**
 * A second signature block, at the left (the debtor's, on a calendar agreement); empty for a letter.
 */
countersignature: Array<string>, 
/**
 * The invoices the letter claims or lists. For a mise en demeure, the invoices it covers: a consumer's legal
 * interest on an invoice runs only from a formal notice that covered it (C. civ. 1231-6, 1344-1).
 */
invoice_ids: Array<number>, };

export type LetterKind = "mise-en-demeure" | "relance" | "relance-ferme" | "releve" | "echeancier" | "decheance" | "reclamation" | "dossier" | "rapport";

export type LetterOptions = { 
/**
 * Days from receipt to pay (mise en demeure; relances give a date). Default 8.
 */
deadline_days: number | null, 
/**
 * The opening paragraph, as edited by the user; `None` keeps Tact's text.
 */
opening: string | null, 
/**
 * The closing paragraph (before the formula of politeness), as edited; `None` keeps Tact's text.
 */
closing: string | null, 
/**
 * The LRAR number, once known (printed after « Lettre recommandée avec accusé de réception n° »).
 */
registered_number: string | null, 
/**
 * Fold marks at 99 and 198 mm for a DL window envelope; `false` gives a clean PDF for online LRAR services.
 */
no_fold_marks: boolean, 
/**
 * The payment calendar (agreement, déchéance notice); `None`: the client's current one.
 */
plan_id: number | null, };

export type LetterPreview = { letter: Letter, 
/**
 * One SVG document per page, drawn from the same layout as the PDF.
 */
pages: Array<string>, penalties: ClientPenalties, };

export type LetterRecord = { id: number, client_id: number, kind: LetterKind, date: string, 
/**
 * File name of the archived copy, in the letters folder beside the database.
 */
file: string, 
/**
 * SHA-256 of the archived PDF, in hexadecimal.
 */
sha256: string, size: number, total: Money, journal_id: number, 
/**
 * The LRAR number (« 1A 123 456 7890 1 »).
 */
registered_number: string | null, posted_on: string | null, 
/**
 * The date on the avis de réception.
 */
received_on: string | null, 
/**
 * The payment calendar, for its agreement and its déchéance notice.
 */
plan_id: number | null, 
/**
 * The invoices the letter claimed (a mise en demeure: those it covers).
 */
invoice_ids: Array<number>, };

export type MailSettings = { host: string, port: number, security: Security, 
/**
 * The login, when the server asks for one (usually the address itself).
 */
login: string | null, from_address: string, from_name: string | null, reply_to: string | null, 
/**
 * Added under every message sent.
 */
signature: string | null, 
/**
 * A copy of every message to the sender herself (Bcc), so that her mail program has it.
 */
copy_to_self: boolean, 
/**
 * A certificate to trust besides the system's (PEM): a local bridge such as Proton Mail Bridge, or a
 * company server with its own authority.
 */
trusted_certificate: string | null, };

export type MailSetup = { settings: MailSettings | null, has_password: boolean, keyring_problem: string | null, providers: Array<Provider>, };

export type MailingInput = { registered_number: string | null, posted_on: string | null, received_on: string | null, };

export type Mapping = { 
/**
 * (field, header as written in the file).
 */
columns: Array<[CsvField, string]>, };

export type MatchWhy = { "code": "cited_exact", invoices: Array<string>, } | { "code": "cited_partial", invoices: Array<string>, amount: Money, owed: Money, } | { "code": "cited_over", invoices: Array<string>, owed: Money, } | { "code": "same_amount_many_clients", invoice: string, } | { "code": "same_amount_many_invoices", invoice: string, } | { "code": "same_amount_only", invoice: string, } | { "code": "sum_of", invoices: Array<string>, } | { "code": "announced", what: Announced, } | { "code": "payer_name", client: string, } | { "code": "payer_iban", client: string, } | { "code": "rule", pattern: string, client: string, } | { "code": "no_open_invoice" } | { "code": "less_than_owed" };

export type Missed = { instalment: Instalment, left: Money, };

export type Money = string;

export type Outgoing = { "kind": "step", client_id: number, } | { "kind": "call_confirmation", journal_id: number, } | { "kind": "plan", plan_id: number, } | { "kind": "letter_copy", letter_id: number, };

export type OutgoingMessage = { key: string, client_id: number, 
/**
 * The name beside the recipient's address: the contact person, else the client.
 */
to_name: string, draft: Draft, attachments: Array<AttachmentRef>, timing: SendTiming, 
/**
 * The same step's message, when a send was already tried (sent, failed, or not confirmed).
 */
previous: SentMessage | null, };

export type Owed = { total: Figure, not_due: Figure, overdue: Figure, under_plan: Figure, disputed: Figure, 
/**
 * Written off (« passées en perte ») since 1 January.
 */
written_off_this_year: Figure, 
/**
 * Invoices whose late-payment penalties were waived (« J'y renonce ») since 1 January.
 */
penalties_waived_this_year: number, 
/**
 * Payments received and held as credit (not allocated to an invoice).
 */
credit: Money, };

export type Owing = "not_due" | "overdue" | "under_plan" | "disputed";

export type Page<T> = { rows: Array<T>, total: number, offset: number, };

export type PayerProfile = { client_id: number, client_name: string, 
/**
 * 0 to 100; `None` while nothing is known.
 */
score: number | null, grade: Grade | null, grade_label: string, 
/**
 * Why, in one French sentence.
 */
why: string, 
/**
 * The engine's rule: a call before anything firm.
 */
good_payer: boolean, paid_invoices: number, paid_on_time: number, max_days_late_now: number | null, promises_kept: number, promises_broken: number, disputes: number, plans_honoured: number, plans_missed: number, 
/**
 * The average delay of the invoices paid late (not of every paid one), in days, as the sentence says it.
 */
late_delay_days: number | null, 
/**
 * The invoice most overdue now, which the sentence names.
 */
worst_late_invoice: string | null, 
/**
 * The date of the last promise not kept in the year.
 */
last_broken_promise: string | null, };

export type Payment = { id: number, client_id: number, 
/**
 * Date the funds became available (date de valeur): what counts for lateness (legal-fr B §1.2).
 */
date: string, amount: Money, method: PaymentMethod, reference: string | null, 
/**
 * What the payment settles; for a reversed payment, what it had settled before its reversal.
 */
allocations: Array<Allocation>, 
/**
 * Set when the payment was recorded by mistake and reversed: it then counts for nothing (schema 0012).
 */
reversed?: PaymentReversal, };

export type PaymentHistory = { 
/**
 * Invoices fully settled by payments on or before D.
 */
paid_invoices: number, 
/**
 * Of those, settled on or before their due date.
 */
paid_on_time: number, 
/**
 * Average days late over settled invoices (0 for those paid on time), one decimal.
 */
average_days_late: string | null, 
/**
 * Share paid on time, in percent, no decimals.
 */
on_time_percent: string | null, };

export type PaymentInput = { client_id: number, 
/**
 * Date the funds became available.
 */
date: string, amount: string, 
/**
 * virement, cheque, carte, especes, prelevement, autre.
 */
method: string, reference: string | null, 
/**
 * `None`: Tact allocates to the client's open invoices, overdue first then oldest due date
 * (C. civ. 1342-10). `Some(vec![])`: nothing allocated, all of it stays as client credit.
 */
allocations: Array<AllocationInput> | null, };

export type PaymentMethod = "virement" | "cheque" | "carte" | "especes" | "prelevement" | "autre";

export type PaymentReversal = { date: string, reason: string | null, };

export type PaymentTerms = { "kind": "on_receipt" } | { "kind": "days", days: number, } | { "kind": "days_end_of_month", days: number, } | { "kind": "date", date: string, };

export type PenaltyTreatment = "keep" | "defer" | "waive";

export type Period = { start: string, end: string, 
/**
 * « Sem. du 30/11 », « Décembre 2026 ».
 */
label: string, 
/**
 * The amounts whose likely date falls in it.
 */
likely: Money, 
/**
 * The amounts whose early date falls in it.
 */
best: Money, count: number, };

export type Plan = { id: number, client_id: number, 
/**
 * 1 for the first calendar, 2 for its revision…
 */
version: number, replaces: number | null, created_on: string, invoices: Array<PlanInvoice>, principal: Money, penalties: Money, indemnities: Money, treatment: PenaltyTreatment, 
/**
 * `None` for explicit dates.
 */
frequency: Frequency | null, shift_days_off: boolean, notice_days: number, 
/**
 * What the schedule adds up to.
 */
total: Money, instalments: Array<Instalment>, 
/**
 * Payments recorded after this one count towards the calendar.
 */
last_payment_id: number, proposed_journal_id: number, signed_on: string | null, signed_journal_id: number | null, 
/**
 * Replaced by a revision on this date.
 */
replaced_on: string | null, 
/**
 * The déchéance du terme was invoked (mise en demeure) on this date.
 */
broken_on: string | null, };

export type PlanInput = { client_id: number, 
/**
 * The invoices it covers; empty: all of the client's overdue, undisputed invoices.
 */
invoices: Array<number>, 
/**
 * Optional down payment (« acompte »), due on the first date.
 */
down_payment: string, 
/**
 * Number of instalments (after the down payment)…
 */
instalments: string, 
/**
 * …or the amount of each instalment (the last one takes what is left).
 */
instalment_amount: string, 
/**
 * « week », « fortnight » or « month » (default).
 */
frequency: string, 
/**
 * The first date (the down payment's, when there is one).
 */
first_date: string, 
/**
 * Explicit dates instead of a frequency, one per line of the schedule (the down payment's first).
 */
dates: Array<string>, 
/**
 * Move a date that falls on a weekend or a public holiday to the next working day.
 */
shift_days_off: boolean, 
/**
 * « keep », « defer » or « waive » (default).
 */
penalties: string, 
/**
 * Days of notice before the déchéance du terme; empty: 8 (business) or 30 (consumer).
 */
notice_days: string, 
/**
 * The calendar this one revises.
 */
replaces: number | null, };

export type PlanInvoice = { invoice_id: number, number: string, issue_date: string, due_date: string, amount: Money, 
/**
 * What was left to pay on it.
 */
balance: Money, 
/**
 * Penalties (B2B) or legal interest (B2C) accrued to the calendar's date.
 */
penalties: Money, 
/**
 * The 40 € indemnity (B2B).
 */
indemnity: Money, };

export type PlanState = { plan: Plan, as_of: string, status: PlanStatus, status_label: string, 
/**
 * What happens to the penalties, in words (« Abandonnées si l'échéancier est respecté »).
 */
treatment_label: string, 
/**
 * Paid towards the calendar since it was made.
 */
paid: Money, left: Money, instalments: Array<InstalmentState>, 
/**
 * The instalments missed (past their grace and not fully paid).
 */
late_count: number, 
/**
 * What is late: the unpaid part of the missed instalments.
 */
late_amount: Money, 
/**
 * The next instalment not fully paid.
 */
next: InstalmentState | null, };

export type PlanStatus = "proposed" | "honoured" | "late" | "broken" | "completed" | "replaced";

export type PlanSummary = { reference: string, total: Money, instalments: number, };

export type Policy = { 
/**
 * Friendly reminder this many working days after the due date.
 */
friendly_after_working_days: number, 
/**
 * Minimum days between two contacts with the same client.
 */
min_gap_days: number, 
/**
 * Grace after a promised date, in working days, before the promise counts as broken.
 */
promise_grace_working_days: number, 
/**
 * The mise en demeure only once the oldest invoice is this many days late.
 */
formal_min_days_late: number, 
/**
 * Days after the mise en demeure's sending for the "after the deadline" options (8-day deadline + ~10).
 */
after_formal_days: number, 
/**
 * Below this overdue total the formal route costs more than it brings.
 */
small_amount: Money, 
/**
 * Preventive note this many working days before the due date…
 */
preventive_working_days: number, 
/**
 * …for clients newer than this many days, or invoices from this amount.
 */
preventive_new_client_days: number, preventive_min_amount: Money, 
/**
 * Consumers: at most this many attempts per 30 days.
 */
consumer_max_attempts_per_30_days: number, 
/**
 * A good payer: at least this many invoices settled, this share on time.
 */
good_payer_min_invoices: number, good_payer_min_on_time_percent: number, 
/**
 * A courtesy note a few working days before each instalment of a signed payment calendar (optional step).
 */
plan_courtesy_note: boolean, 
/**
 * A reminder says the client may have paid when the last bank statement imported is older than this many
 * working days.
 */
statement_fresh_working_days: number, 
/**
 * Bank credits matched with high confidence are accepted on import, without the review (off by default:
 * nothing is accepted without the user unless she turns this on).
 */
auto_accept_bank: boolean, };

export type PreventiveWhy = "new_client" | "large_amount";

export type PreviewRow = { file: string, number: string | null, kind: DocumentKind | null, status: RowStatus, 
/**
 * Why, in French.
 */
reason: string, client: ClientMatch | null, issue_date: string | null, due_date: string | null, due_from: DueFrom | null, 
/**
 * What the client owes on it (BT-115).
 */
amount: Money | null, existing: ExistingRecord | null, warnings: Array<string>, 
/**
 * A CSV file whose columns were not recognised: its headers, for the mapping screen.
 */
csv_headers: Array<string> | null, };

export type Proposal = { client_id: number, client_name: string, 
/**
 * What it pays on each invoice, oldest due first.
 */
allocations: Array<ProposedAllocation>, 
/**
 * What is left as client credit.
 */
credit: Money, confidence: number, 
/**
 * Less than what these invoices owe.
 */
partial: boolean, 
/**
 * Why, in French (from `why`).
 */
reasons: Array<string>, 
/**
 * Why, as values (for the interface's other languages).
 */
why: Array<MatchWhy>, };

export type ProposedAllocation = { invoice_id: number, number: string, amount: Money, };

export type Provider = { name: string, 
/**
 * The address domains that belong to it.
 */
domains: Array<string>, host: string, port: number, security: Security, 
/**
 * What to know before it works (an app password, a bridge).
 */
note: string | null, };

export type RateBasis = "ecb_plus_ten" | "stipulated" | "floor" | "legal_interest";

export type RateTables = { 
/**
 * The last day the ECB table is known to be complete: a reference day after it is unconfirmed.
 */
ecb_known_until: string, ecb: Array<EcbRate>, legal: Array<LegalRate>, };

export type Reason = { code: string, text: string, fact: Fact, };

export type ReportFormat = "csv" | "pdf";

export type ReportKind = "aging" | "dso" | "forecast" | "payers";

export type RestoreOutcome = { restored: BackupInfo, 
/**
 * The backup of the state before the restore.
 */
before: BackupInfo, letter_files: number, };

export type Risk = { client_id: number, client_name: string, 
/**
 * Overdue, disputed, or due on a calendar instalment missed.
 */
at_risk: Figure, profile: PayerProfile, };

export type RowStatus = "create" | "skip" | "conflict" | "ask" | "error";

export type Saved<T> = { record: T, warnings: Array<Warning>, };

export type SavedReport = { kind: ReportKind, format: ReportFormat, path: string, bytes: string, 
/**
 * The PDF's pages (one); `None` for a CSV.
 */
pages: number | null, };

export type Security = "tls" | "starttls" | "none";

export type Segment = { 
/**
 * First day counted.
 */
from: string, 
/**
 * Last day counted.
 */
to: string, days: number, 
/**
 * Percent per year.
 */
rate: string, basis: RateBasis, base: Money, amount: Money, };

export type Selection = { 
/**
 * Only invoices with something owed in this state (`None` with `written_off`: every invoice owed).
 */
owing: Owing | null, bucket: AgeBucket | null, client_id: number | null, 
/**
 * The invoices written off this year, instead of those owed.
 */
written_off: boolean, };

export type SendOutcome = { message: SentMessage, entries: Array<JournalEntry>, };

export type SendRequest = { email: EmailText, 
/**
 * Copy to (comma-separated addresses).
 */
cc: string | null, 
/**
 * « Envoyer quand même » on a weekend or a public holiday.
 */
confirm_day_off: boolean, 
/**
 * « Renvoyer » after a send the server did not confirm.
 */
resend: boolean, 
/**
 * The key of the message the user was shown ([`OutgoingMessage::key`]): a second « Envoyer » after the
 * first went finds it sent, rather than sending the step that came next.
 */
key: string | null, };

export type SendTiming = { "kind": "now" } | { "kind": "not_a_working_day", label: string, next: string, } | { "kind": "too_early", date: string, };

export type SentMessage = { id: number, step_key: string, client_id: number, message_id: string, 
/**
 * To, Cc (and the Bcc to herself), comma-separated.
 */
recipients: string, subject: string, state: SentState, started_at: string, sent_at: string | null, error: string | null, };

export type SentState = "sending" | "sent" | "failed" | "uncertain";

export type StatementField = "date" | "label" | "detail" | "amount" | "credit" | "debit" | "reference" | "id" | "currency";

export type StatementFormat = "ofx" | "camt053" | "csv" | "cfonb120";

export type StatementImport = { file: string, format: StatementFormat, 
/**
 * The named bank whose CSV layout was recognised.
 */
bank: string | null, account: string, credits: number, 
/**
 * Debits on the statement: counted, otherwise ignored.
 */
debits: number, dry_run: boolean, 
/**
 * Credits accepted on import because the user turned on automatic acceptance (Réglages) and their match was
 * sure.
 */
auto_accepted: number, 
/**
 * The open credits after the import, with their proposals.
 */
review: Array<BankReviewLine>, 
/**
 * Credits new to the books.
 */
new: number, 
/**
 * Credits already imported from an earlier statement (nothing created).
 */
already: number, };

export type StatementMapping = { 
/**
 * (field, header as written in the file; « Colonne 3 » for a file without headers).
 */
columns: Array<[StatementField, string]>, };

export type Step = { action: Action, action_label: string, channel: ContactChannel | null, tone: Tone | null, 
/**
 * What « Marquer comme fait » writes in the history.
 */
done_as: JournalKind | null, 
/**
 * The day to act: today or later, always a working day.
 */
date: string, 
/**
 * Suggested, not required (the preventive note).
 */
optional: boolean, invoices: Array<number>, amount: Money, reasons: Array<Reason>, 
/**
 * What comes next if nothing happens, in French.
 */
then: string | null, 
/**
 * The same, as a fact (for the interface's other languages).
 */
then_fact: Fact | null, };

export type Suggestion = { client_id: number, step: Step, alongside: Step | null, };

export type Table = { columns: Array<Column>, rows: Array<Array<string>>, 
/**
 * Rows in bold after a rule: totals.
 */
totals: Array<Array<string>>, };

export type Tone = "courteous" | "cordial" | "firm" | "listening" | "formal";

export type Warning = { code: string, message: string, };

/** Every command: its arguments (camelCase, as Tauri expects them) and its result. */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  today: { args: Record<string, never>; result: string };
  get_business: { args: Record<string, never>; result: Business | null };
  set_business: { args: { input: BusinessInput }; result: Business };
  load_demo: { args: Record<string, never>; result: ImportReport };
  client_page: { args: { query: ClientQuery }; result: Page<ClientRow> };
  client_detail: { args: { id: number }; result: ClientDetail };
  add_client: { args: { input: ClientInput }; result: Client };
  update_client: { args: { id: number; input: ClientInput }; result: Client };
  set_client_archived: { args: { id: number; archived: boolean }; result: Client };
  invoice_page: { args: { query: InvoiceQuery }; result: InvoicePage };
  get_invoice: { args: { id: number }; result: Invoice };
  next_invoice_number: { args: Record<string, never>; result: string | null };
  add_invoice: { args: { input: InvoiceInput }; result: Saved<Invoice> };
  update_invoice: { args: { id: number; input: InvoiceInput }; result: Saved<Invoice> };
  record_payment: { args: { input: PaymentInput }; result: Payment };
  reverse_payment: { args: { paymentId: number; reason: string | null }; result: Payment };
  add_credit_note: { args: { input: CreditNoteInput }; result: CreditNote };
  add_journal_entry: { args: { input: JournalInput }; result: JournalEntry };
  agenda: { args: { offset: number; limit: number }; result: Agenda };
  suggestion: { args: { clientId: number }; result: Suggestion };
  draft: { args: { clientId: number }; result: Draft };
  call_confirmation: { args: { journalId: number }; result: Draft };
  mark_done: { args: { clientId: number; text: string | null }; result: Array<JournalEntry> };
  undo_done: { args: { clientId: number; entryIds: Array<number> }; result: Array<JournalEntry> };
  postpone: { args: { clientId: number; until: string }; result: ClientOverrides };
  client_overrides: { args: { clientId: number }; result: ClientOverrides };
  set_client_overrides: { args: { clientId: number; overrides: ClientOverrides }; result: ClientOverrides };
  get_policy: { args: Record<string, never>; result: Policy };
  set_policy: { args: { policy: Policy }; result: Policy };
  reset_policy: { args: Record<string, never>; result: Policy };
  save_eml: { args: { email: EmailText }; result: string | null };
  open_in_mail: { args: { email: EmailText }; result: null };
  mail_setup: { args: Record<string, never>; result: MailSetup };
  save_mail_setup: { args: { settings: MailSettings; password: string | null }; result: MailSetup };
  test_mail: { args: { settings: MailSettings; password: string | null }; result: null };
  prepare_send: { args: { target: Outgoing }; result: OutgoingMessage };
  send_message: { args: { target: Outgoing; request: SendRequest }; result: SendOutcome };
  letter_preview: { args: { clientId: number; kind: LetterKind; options: LetterOptions }; result: LetterPreview };
  finalize_letter: { args: { clientId: number; kind: LetterKind; options: LetterOptions }; result: LetterRecord };
  save_letter_pdf: { args: { letterId: number }; result: string | null };
  save_dossier_pdf: { args: { clientId: number }; result: string | null };
  dashboard: { args: Record<string, never>; result: Dashboard };
  dashboard_invoices: { args: { selection: Selection }; result: Array<InvoiceRow> };
  save_report: { args: { kind: ReportKind; format: ReportFormat }; result: SavedReport | null };
  open_letter: { args: { letterId: number }; result: null };
  client_letters: { args: { clientId: number }; result: Array<LetterRecord> };
  set_letter_mailing: { args: { letterId: number; input: MailingInput }; result: LetterRecord };
  client_penalties: { args: { clientId: number }; result: ClientPenalties };
  waive_penalties: { args: { invoiceId: number }; result: ClientPenalties };
  penalty_claim_email: { args: { clientId: number }; result: EmailText };
  rate_tables: { args: Record<string, never>; result: RateTables };
  add_ecb_rate: { args: { input: EcbRateInput }; result: RateTables };
  add_legal_rate: { args: { input: LegalRateInput }; result: RateTables };
  reset_rates: { args: Record<string, never>; result: RateTables };
  suggested_plan: { args: { clientId: number }; result: PlanInput };
  preview_plan: { args: { input: PlanInput }; result: PlanState };
  propose_plan: { args: { input: PlanInput }; result: PlanState };
  sign_plan: { args: { planId: number; signedOn: string }; result: PlanState };
  client_plans: { args: { clientId: number }; result: Array<PlanState> };
  plan_draft: { args: { planId: number }; result: Draft };
  backup_status: { args: Record<string, never>; result: BackupStatus };
  backup_now: { args: Record<string, never>; result: BackupInfo };
  restore_backup: { args: { path: string | null }; result: RestoreOutcome | null };
  set_backup_folder: { args: { choose: boolean }; result: BackupStatus };
  export_all: { args: Record<string, never>; result: ExportReport | null };
  pick_invoice_files: { args: { folder: boolean }; result: Array<string> };
  preview_invoice_import: { args: { paths: Array<string>; choices: ImportChoices }; result: ImportPreview };
  import_invoices: { args: { paths: Array<string>; choices: ImportChoices }; result: InvoiceImportReport };
  import_progress: { args: Record<string, never>; result: JobProgress };
  cancel_import: { args: Record<string, never>; result: null };
  open_invoice_source: { args: { invoiceId: number }; result: null };
  pick_statement_file: { args: Record<string, never>; result: string | null };
  import_statement: { args: { path: string; dryRun: boolean; mapping: StatementMapping | null }; result: StatementImport };
  statement_columns: { args: { path: string }; result: Array<string> };
  bank_review: { args: Record<string, never>; result: BankOverview };
  accept_bank_line: { args: { lineId: number; clientId: number; allocations: Array<AllocationInput>; remember: string | null }; result: Payment };
  accept_sure_bank_lines: { args: Record<string, never>; result: Array<Payment> };
  ignore_bank_line: { args: { lineId: number }; result: BankLine };
}

/** The French label of each code, from the Rust enums' `label_fr` (never written a second time here). */
export const LABELS = {
  Action: { "nothing": "Rien à faire", "preventive_note": "Rappel avant échéance", "friendly_reminder": "Relance amiable", "firm_reminder": "Relance ferme", "phone_call": "Appel", "last_reminder": "Dernière relance", "formal_notice": "Mise en demeure", "after_deadline": "Suites après la mise en demeure", "settle_dispute": "Régler le litige", "propose_calendar": "Proposer un échéancier", "consider_write_off": "Envisager de passer en perte", "plan_signature": "Obtenir l'échéancier signé", "plan_courtesy": "Rappel avant une échéance", "plan_reminder": "Relance sur une échéance", "plan_firm_reminder": "Relance ferme sur une échéance", "plan_default": "Mise en demeure (déchéance du terme)", "claim_penalties": "Réclamer les pénalités de retard", "check_credit": "Vérifier un virement reçu" } satisfies Record<Action, string>,
  AgeBucket: { "not_due": "Non échu", "1_30": "1 à 30 jours", "31_60": "31 à 60 jours", "61_90": "61 à 90 jours", "over_90": "Plus de 90 jours" } satisfies Record<AgeBucket, string>,
  CallOutcome: { "reached": "Joint", "no_answer": "Pas de réponse", "promise": "Promesse", "dispute": "Litige", "difficulty": "Difficulté" } satisfies Record<CallOutcome, string>,
  Channel: { "email": "E-mail", "phone": "Téléphone", "letter": "Courrier" } satisfies Record<Channel, string>,
  ClientKind: { "professional": "Professionnel", "consumer": "Particulier" } satisfies Record<ClientKind, string>,
  CollectiveProcedure: { "none": "Aucune", "sauvegarde": "Sauvegarde", "redressement": "Redressement judiciaire", "liquidation": "Liquidation judiciaire" } satisfies Record<CollectiveProcedure, string>,
  ContactChannel: { "email": "E-mail", "phone": "Téléphone", "letter": "Courrier", "registered_letter": "Lettre recommandée avec AR", "in_person": "En personne", "sms": "SMS", "other": "Autre" } satisfies Record<ContactChannel, string>,
  Frequency: { "week": "Chaque semaine", "fortnight": "Toutes les deux semaines", "month": "Chaque mois" } satisfies Record<Frequency, string>,
  Grade: { "A": "Paie à l'heure", "B": "Paie bien", "C": "Paie irrégulièrement", "D": "Paie difficilement", "E": "À surveiller de près" } satisfies Record<Grade, string>,
  InstalmentStatus: { "upcoming": "À venir", "partly_paid": "Partiellement réglée", "paid": "Réglée", "late": "En retard" } satisfies Record<InstalmentStatus, string>,
  InvoiceStatus: { "open": "À échoir", "partially_paid": "Partiellement réglée", "paid": "Réglée", "overdue": "En retard", "disputed": "En litige", "written_off": "Passée en perte", "cancelled": "Annulée par avoir" } satisfies Record<InvoiceStatus, string>,
  JournalKind: { "preventive_note": "Rappel avant échéance", "friendly_reminder": "Relance amiable", "firm_reminder": "Relance ferme", "last_reminder": "Dernière relance", "call": "Appel", "letter": "Courrier", "formal_notice": "Mise en demeure", "promise": "Promesse de paiement", "dispute_opened": "Litige ouvert", "dispute_settled": "Litige réglé", "note": "Note", "payment_recorded": "Règlement reçu", "write_off": "Passage en perte", "plan_proposed": "Échéancier proposé", "plan_signed": "Échéancier signé", "penalties_waived": "Pénalités abandonnées", "penalties_claimed": "Pénalités réclamées" } satisfies Record<JournalKind, string>,
  Language: { "fr": "Français", "en": "Anglais" } satisfies Record<Language, string>,
  LetterKind: { "mise-en-demeure": "Mise en demeure de payer", "relance": "Relance", "relance-ferme": "Relance ferme", "releve": "Relevé de compte", "echeancier": "Échéancier de paiement", "decheance": "Mise en demeure (déchéance du terme)", "reclamation": "Réclamation des pénalités de retard", "dossier": "Dossier de recouvrement", "rapport": "Rapport" } satisfies Record<LetterKind, string>,
  PaymentMethod: { "virement": "Virement", "cheque": "Chèque", "carte": "Carte", "especes": "Espèces", "prelevement": "Prélèvement", "autre": "Autre" } satisfies Record<PaymentMethod, string>,
  PenaltyTreatment: { "keep": "Réparties sur les échéances", "defer": "Ajoutées à la dernière échéance", "waive": "Abandonnées si l'échéancier est respecté" } satisfies Record<PenaltyTreatment, string>,
  PlanStatus: { "proposed": "Proposé", "honoured": "Respecté", "late": "En retard", "broken": "Rompu", "completed": "Soldé", "replaced": "Remplacé" } satisfies Record<PlanStatus, string>,
  ReportKind: { "aging": "Balance âgée", "dso": "DSO et délais de paiement", "forecast": "Prévision d'encaissements", "payers": "Profils de payeurs" } satisfies Record<ReportKind, string>,
  Tone: { "courteous": "Courtois", "cordial": "Cordial, suppose un oubli", "firm": "Professionnel et ferme", "listening": "À l'écoute", "formal": "Formel et factuel" } satisfies Record<Tone, string>,
} as const;

/** The engine's fixed French sentences, written once in Rust. */
export const TEXTS = {
  dso_method: "Méthode de l'épuisement du chiffre d'affaires («\u{a0}countback\u{a0}»)\u{a0}: l'encours du jour est comparé aux factures émises, mois par mois en remontant, jusqu'à l'épuiser\u{a0}; le DSO est le nombre de jours ainsi couverts.",
} as const;

/** The clients on « Aujourd'hui »'s first page, computed by the books while the window starts. */
export const FIRST_PAGE = 25;
