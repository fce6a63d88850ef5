//! Every SQL statement of the app. Functions take a `&Connection` (a `Transaction` derefs to one), so the
//! ledger composes them inside a single transaction. They store and load records; the rules live in the domain.

use crate::engine::ClientOverrides;
use crate::error::{Error, Result};
use crate::letters::{LetterKind, LetterRecord};
use crate::model::{
    Allocation, Business, CallOutcome, Channel, Client, ClientId, ClientKind, CollectiveProcedure,
    ContactChannel, CreditNote, CreditNoteId, Invoice, InvoiceId, JournalEntry, JournalId,
    JournalKind, Language, Payment, PaymentId, PaymentMethod, PaymentTerms, PostalContact,
};
use crate::money::Money;
use crate::plans::{Frequency, Instalment, PenaltyTreatment, Plan, PlanId, PlanInvoice};
use crate::standing::{
    CreditFact, Facts, FlagEvent, FlagFact, InvoiceFact, Settlement, SettlementKind,
};
use chrono::NaiveDate;
use rusqlite::types::{Type, Value};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;

fn bad_value(idx: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        Type::Text,
        format!("valeur inattendue pour {what}\u{a0}: {value:?}").into(),
    )
}

fn code<T>(
    row: &Row<'_>,
    idx: usize,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    parse(&s).ok_or_else(|| bad_value(idx, what, &s))
}

fn opt_code<T>(
    row: &Row<'_>,
    idx: usize,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| parse(&s).ok_or_else(|| bad_value(idx, what, &s)))
        .transpose()
}

fn rate(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Decimal>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| {
        s.parse::<Decimal>()
            .map_err(|_| bad_value(idx, "un taux", &s))
    })
    .transpose()
}

/// The next (payment id, invoice id, cents) row of the allocations scan.
fn next_allocation(rows: &mut rusqlite::Rows<'_>) -> rusqlite::Result<Option<(i64, i64, i64)>> {
    rows.next()?
        .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .transpose()
}

/// A `YYYY-MM-DD` column, parsed directly: the facts scan reads hundreds of thousands of dates, and a generic
/// format parser would dominate its cost.
fn iso_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<chrono::NaiveDate> {
    let raw = row.get_ref(idx)?.as_str()?;
    let b = raw.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| {
                acc.saturating_mul(10)
                    .saturating_add(u32::from(c.saturating_sub(b'0')))
            })
        })
    };
    let parsed = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| Some((num(0..4)?, num(5..7)?, num(8..10)?)))
        .flatten()
        .and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d));
    parsed.ok_or_else(|| bad_value(idx, "une date", raw))
}

/// The seven postal-contact columns starting at `first`: address_line1, address_line2, postcode, city, country,
/// email, phone.
fn contact_at(r: &Row<'_>, first: usize) -> rusqlite::Result<PostalContact> {
    let at = |k: usize| first.saturating_add(k);
    Ok(PostalContact {
        address_line1: r.get(at(0))?,
        address_line2: r.get(at(1))?,
        postcode: r.get(at(2))?,
        city: r.get(at(3))?,
        country: r.get(at(4))?,
        email: r.get(at(5))?,
        phone: r.get(at(6))?,
    })
}

fn money(row: &Row<'_>, idx: usize) -> rusqlite::Result<Money> {
    row.get::<_, i64>(idx).map(Money::from_cents)
}

fn opt_money(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Money>> {
    row.get::<_, Option<i64>>(idx)
        .map(|c| c.map(Money::from_cents))
}

// ---------------------------------------------------------------- business

const BUSINESS_COLS: &str = "legal_name, trade_name, legal_form, siren, siret, vat_number, address_line1, \
    address_line2, postcode, city, country, email, phone, iban, bic, signatory_name, signatory_title, signing_city, \
    default_terms, penalty_rate";

pub fn business_get(conn: &Connection) -> Result<Option<Business>> {
    let sql = format!("SELECT {BUSINESS_COLS} FROM business WHERE id = 1");
    Ok(conn
        .query_row(&sql, [], |r| {
            Ok(Business {
                legal_name: r.get(0)?,
                trade_name: r.get(1)?,
                legal_form: r.get(2)?,
                siren: r.get(3)?,
                siret: r.get(4)?,
                vat_number: r.get(5)?,
                contact: contact_at(r, 6)?,
                iban: r.get(13)?,
                bic: r.get(14)?,
                signatory_name: r.get(15)?,
                signatory_title: r.get(16)?,
                signing_city: r.get(17)?,
                default_terms: code(r, 18, "un délai de paiement", PaymentTerms::from_code)?,
                penalty_rate: rate(r, 19)?,
            })
        })
        .optional()?)
}

pub fn business_put(conn: &Connection, b: &Business) -> Result<()> {
    let sql = format!(
        "INSERT INTO business (id, {BUSINESS_COLS}) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
         ?14, ?15, ?16, ?17, ?18, ?19, ?20) ON CONFLICT (id) DO UPDATE SET legal_name = ?1, trade_name = ?2, \
         legal_form = ?3, siren = ?4, siret = ?5, vat_number = ?6, address_line1 = ?7, address_line2 = ?8, \
         postcode = ?9, city = ?10, country = ?11, email = ?12, phone = ?13, iban = ?14, bic = ?15, \
         signatory_name = ?16, signatory_title = ?17, signing_city = ?18, default_terms = ?19, penalty_rate = ?20"
    );
    conn.execute(
        &sql,
        params![
            b.legal_name,
            b.trade_name,
            b.legal_form,
            b.siren,
            b.siret,
            b.vat_number,
            b.contact.address_line1,
            b.contact.address_line2,
            b.contact.postcode,
            b.contact.city,
            b.contact.country,
            b.contact.email,
            b.contact.phone,
            b.iban,
            b.bic,
            b.signatory_name,
            b.signatory_title,
            b.signing_city,
            b.default_terms.code(),
            b.penalty_rate.map(|r| r.to_string()),
        ],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- clients

const CLIENT_COLS: &str = "id, kind, name, siren, contact_name, address_line1, address_line2, postcode, city, \
    country, email, phone, preferred_channel, language, notes, client_since, collective_procedure, archived";

fn client_row(r: &Row<'_>) -> rusqlite::Result<Client> {
    Ok(Client {
        id: r.get(0)?,
        kind: code(r, 1, "un type de client", ClientKind::from_code)?,
        name: r.get(2)?,
        siren: r.get(3)?,
        contact_name: r.get(4)?,
        contact: contact_at(r, 5)?,
        preferred_channel: code(r, 12, "un canal", Channel::from_code)?,
        language: code(r, 13, "une langue", Language::from_code)?,
        notes: r.get(14)?,
        client_since: r.get(15)?,
        collective_procedure: code(
            r,
            16,
            "une procédure collective",
            CollectiveProcedure::from_code,
        )?,
        archived: r.get(17)?,
    })
}

/// The client's columns in `CLIENT_COLS` order, `id` first.
fn client_values(id: Option<ClientId>, c: &Client) -> [Value; 18] {
    let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
    let p = &c.contact;
    [
        id.map_or(Value::Null, Value::Integer),
        Value::Text(c.kind.code().into()),
        Value::Text(c.name.clone()),
        text(&c.siren),
        text(&c.contact_name),
        text(&p.address_line1),
        text(&p.address_line2),
        text(&p.postcode),
        text(&p.city),
        Value::Text(p.country.clone()),
        text(&p.email),
        text(&p.phone),
        Value::Text(c.preferred_channel.code().into()),
        Value::Text(c.language.code().into()),
        text(&c.notes),
        c.client_since
            .map_or(Value::Null, |d| Value::Text(d.to_string())),
        Value::Text(c.collective_procedure.code().into()),
        Value::Integer(c.archived.into()),
    ]
}

/// Insert a client; `id` is kept when given (import), assigned otherwise.
pub fn client_insert(conn: &Connection, c: &Client, id: Option<ClientId>) -> Result<ClientId> {
    let sql = format!(
        "INSERT INTO clients ({CLIENT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
         ?16, ?17, ?18)"
    );
    conn.execute(&sql, params_from_iter(client_values(id, c)))?;
    Ok(conn.last_insert_rowid())
}

/// Update every field of an existing client (archived flag included).
pub fn client_update(conn: &Connection, c: &Client) -> Result<()> {
    let columns = CLIENT_COLS.trim_start_matches("id, ");
    let sql = format!(
        "UPDATE clients SET ({columns}) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18) WHERE id = ?1"
    );
    conn.execute(&sql, params_from_iter(client_values(Some(c.id), c)))?;
    Ok(())
}

pub fn client_get(conn: &Connection, id: ClientId) -> Result<Option<Client>> {
    let sql = format!("SELECT {CLIENT_COLS} FROM clients WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], client_row).optional()?)
}

pub fn clients_all(conn: &Connection) -> Result<Vec<Client>> {
    let sql = format!("SELECT {CLIENT_COLS} FROM clients ORDER BY name COLLATE NOCASE, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], client_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whether anything (invoice, payment, journal entry) refers to the client: then it can only be archived.
pub fn client_has_records(conn: &Connection, id: ClientId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE client_id = ?1)
             OR EXISTS (SELECT 1 FROM payments WHERE client_id = ?1)
             OR EXISTS (SELECT 1 FROM journal WHERE client_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn client_delete(conn: &Connection, id: ClientId) -> Result<()> {
    conn.execute("DELETE FROM clients WHERE id = ?1", [id])?;
    Ok(())
}

// ---------------------------------------------------------------- invoices

const INVOICE_COLS: &str =
    "id, number, client_id, issue_date, delivery_date, terms, due_date, amount_cents, \
    amount_ht_cents, vat_cents, currency, description, penalty_rate";

fn invoice_row(r: &Row<'_>) -> rusqlite::Result<Invoice> {
    Ok(Invoice {
        id: r.get(0)?,
        number: r.get(1)?,
        client_id: r.get(2)?,
        issue_date: r.get(3)?,
        delivery_date: r.get(4)?,
        terms: code(r, 5, "un délai de paiement", PaymentTerms::from_code)?,
        due_date: r.get(6)?,
        amount: money(r, 7)?,
        amount_ht: opt_money(r, 8)?,
        vat: opt_money(r, 9)?,
        currency: r.get(10)?,
        description: r.get(11)?,
        penalty_rate: rate(r, 12)?,
    })
}

/// The invoice's columns in `INVOICE_COLS` order, `id` first.
fn invoice_values(id: Option<InvoiceId>, i: &Invoice) -> [Value; 13] {
    let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
    let cents = |m: Option<Money>| m.map_or(Value::Null, |m| Value::Integer(m.cents()));
    [
        id.map_or(Value::Null, Value::Integer),
        Value::Text(i.number.clone()),
        Value::Integer(i.client_id),
        Value::Text(i.issue_date.to_string()),
        i.delivery_date
            .map_or(Value::Null, |d| Value::Text(d.to_string())),
        Value::Text(i.terms.code()),
        Value::Text(i.due_date.to_string()),
        Value::Integer(i.amount.cents()),
        cents(i.amount_ht),
        cents(i.vat),
        Value::Text(i.currency.clone()),
        text(&i.description),
        i.penalty_rate
            .map_or(Value::Null, |r| Value::Text(r.to_string())),
    ]
}

pub fn invoice_insert(conn: &Connection, i: &Invoice, id: Option<InvoiceId>) -> Result<InvoiceId> {
    let sql = format!("INSERT INTO invoices ({INVOICE_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    conn.execute(&sql, params_from_iter(invoice_values(id, i)))?;
    Ok(conn.last_insert_rowid())
}

pub fn invoice_update(conn: &Connection, i: &Invoice) -> Result<()> {
    let columns = INVOICE_COLS.trim_start_matches("id, ");
    let sql = format!("UPDATE invoices SET ({columns}) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) WHERE id = ?1");
    conn.execute(&sql, params_from_iter(invoice_values(Some(i.id), i)))?;
    Ok(())
}

pub fn invoice_get(conn: &Connection, id: InvoiceId) -> Result<Option<Invoice>> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], invoice_row).optional()?)
}

/// Invoice numbers are unique regardless of case ("F-1" and "f-1" are the same number).
pub fn invoice_by_number(conn: &Connection, number: &str) -> Result<Option<Invoice>> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE number = ?1");
    Ok(conn.query_row(&sql, [number], invoice_row).optional()?)
}

pub fn invoices_all(conn: &Connection) -> Result<Vec<Invoice>> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], invoice_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn invoices_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<Invoice>> {
    let sql =
        format!("SELECT {INVOICE_COLS} FROM invoices WHERE client_id = ?1 ORDER BY due_date, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([client_id], invoice_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What has been settled on an invoice so far, over all time: (paid by allocations, credited by credit notes).
pub fn invoice_settled(conn: &Connection, id: InvoiceId) -> Result<(Money, Money)> {
    let (paid, credited): (i64, i64) = conn.query_row(
        "SELECT (SELECT coalesce(sum(amount_cents), 0) FROM allocations WHERE invoice_id = ?1),
                (SELECT coalesce(sum(amount_cents), 0) FROM credit_notes WHERE invoice_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((Money::from_cents(paid), Money::from_cents(credited)))
}

// ---------------------------------------------------------------- payments

pub fn payment_insert(conn: &Connection, p: &Payment, id: Option<PaymentId>) -> Result<PaymentId> {
    conn.execute(
        "INSERT INTO payments (id, client_id, date, amount_cents, method, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, p.client_id, p.date, p.amount.cents(), p.method.code(), p.reference],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn allocation_insert(conn: &Connection, payment: PaymentId, a: &Allocation) -> Result<()> {
    conn.execute(
        "INSERT INTO allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)
         ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents",
        params![payment, a.invoice_id, a.amount.cents()],
    )
    .map_err(|e| match &e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("allocation_exceeds") => {
            Error::database(format!("répartition refusée ({msg})"))
        }
        _ => Error::from(e),
    })?;
    Ok(())
}

/// Payments with their allocations; `filter` is a WHERE clause on `payments` using `?1` when `arg` is given.
fn payments_where(conn: &Connection, filter: &str, arg: Option<i64>) -> Result<Vec<Payment>> {
    let args: Vec<i64> = arg.into_iter().collect();
    let sql = format!("SELECT id, client_id, date, amount_cents, method, reference FROM payments {filter} ORDER BY date, id");
    let mut stmt = conn.prepare(&sql)?;
    let mut payments = stmt
        .query_map(params_from_iter(&args), |r| {
            Ok(Payment {
                id: r.get(0)?,
                client_id: r.get(1)?,
                date: r.get(2)?,
                amount: money(r, 3)?,
                method: code(r, 4, "un moyen de paiement", PaymentMethod::from_code)?,
                reference: r.get(5)?,
                allocations: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let scope = if filter.is_empty() {
        String::new()
    } else {
        format!("WHERE payment_id IN (SELECT id FROM payments {filter})")
    };
    let sql = format!("SELECT payment_id, invoice_id, amount_cents FROM allocations {scope} ORDER BY payment_id, invoice_id");
    let mut stmt = conn.prepare(&sql)?;
    let allocs = stmt
        .query_map(params_from_iter(&args), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Allocation {
                    invoice_id: r.get(1)?,
                    amount: money(r, 2)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let index: std::collections::HashMap<i64, usize> = payments
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    for (pid, a) in allocs {
        if let Some(p) = index.get(&pid).and_then(|&i| payments.get_mut(i)) {
            p.allocations.push(a);
        }
    }
    Ok(payments)
}

pub fn payment_get(conn: &Connection, id: PaymentId) -> Result<Option<Payment>> {
    Ok(payments_where(conn, "WHERE id = ?1", Some(id))?
        .into_iter()
        .next())
}

pub fn payments_all(conn: &Connection) -> Result<Vec<Payment>> {
    payments_where(conn, "", None)
}

pub fn payments_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<Payment>> {
    payments_where(conn, "WHERE client_id = ?1", Some(client_id))
}

// ---------------------------------------------------------------- credit notes

fn credit_note_row(r: &Row<'_>) -> rusqlite::Result<CreditNote> {
    Ok(CreditNote {
        id: r.get(0)?,
        number: r.get(1)?,
        invoice_id: r.get(2)?,
        date: r.get(3)?,
        amount: money(r, 4)?,
        reason: r.get(5)?,
    })
}

pub fn credit_note_insert(
    conn: &Connection,
    c: &CreditNote,
    id: Option<CreditNoteId>,
) -> Result<CreditNoteId> {
    conn.execute(
        "INSERT INTO credit_notes (id, number, invoice_id, date, amount_cents, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, c.number, c.invoice_id, c.date, c.amount.cents(), c.reason],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn credit_note_get(conn: &Connection, id: CreditNoteId) -> Result<Option<CreditNote>> {
    Ok(conn
        .query_row(
            "SELECT id, number, invoice_id, date, amount_cents, reason FROM credit_notes WHERE id = ?1",
            [id],
            credit_note_row,
        )
        .optional()?)
}

pub fn credit_note_number_taken(conn: &Connection, number: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM credit_notes WHERE number = ?1)",
        [number],
        |r| r.get(0),
    )?)
}

pub fn credit_notes_all(conn: &Connection) -> Result<Vec<CreditNote>> {
    let mut stmt =
        conn.prepare("SELECT id, number, invoice_id, date, amount_cents, reason FROM credit_notes ORDER BY date, id")?;
    let rows = stmt
        .query_map([], credit_note_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn credit_notes_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<CreditNote>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.number, c.invoice_id, c.date, c.amount_cents, c.reason FROM credit_notes c
         JOIN invoices i ON i.id = c.invoice_id WHERE i.client_id = ?1 ORDER BY c.date, c.id",
    )?;
    let rows = stmt
        .query_map([client_id], credit_note_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---------------------------------------------------------------- journal

const JOURNAL_COLS: &str =
    "id, client_id, invoice_id, date, kind, channel, call_outcome, promise_date, \
    promise_amount_cents, text, payment_id, corrects_id";

fn journal_row(r: &Row<'_>) -> rusqlite::Result<JournalEntry> {
    Ok(JournalEntry {
        id: r.get(0)?,
        client_id: r.get(1)?,
        invoice_id: r.get(2)?,
        date: r.get(3)?,
        kind: code(r, 4, "un type d'entrée", JournalKind::from_code)?,
        channel: opt_code(r, 5, "un canal", ContactChannel::from_code)?,
        call_outcome: opt_code(r, 6, "un résultat d'appel", CallOutcome::from_code)?,
        promise_date: r.get(7)?,
        promise_amount: opt_money(r, 8)?,
        text: r.get(9)?,
        payment_id: r.get(10)?,
        corrects: r.get(11)?,
    })
}

pub fn journal_insert(
    conn: &Connection,
    j: &JournalEntry,
    id: Option<JournalId>,
) -> Result<JournalId> {
    let sql = format!("INSERT INTO journal ({JOURNAL_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    conn.execute(
        &sql,
        params![
            id,
            j.client_id,
            j.invoice_id,
            j.date,
            j.kind.code(),
            j.channel.map(ContactChannel::code),
            j.call_outcome.map(CallOutcome::code),
            j.promise_date,
            j.promise_amount.map(Money::cents),
            j.text,
            j.payment_id,
            j.corrects,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn journal_get(conn: &Connection, id: JournalId) -> Result<Option<JournalEntry>> {
    let sql = format!("SELECT {JOURNAL_COLS} FROM journal WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], journal_row).optional()?)
}

/// The entry that corrects `id`, if any.
pub fn journal_corrected_by(conn: &Connection, id: JournalId) -> Result<Option<JournalId>> {
    Ok(conn
        .query_row("SELECT id FROM journal WHERE corrects_id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn journal_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<JournalEntry>> {
    let sql = format!("SELECT {JOURNAL_COLS} FROM journal WHERE client_id = ?1 ORDER BY date, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([client_id], journal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn journal_all(conn: &Connection) -> Result<Vec<JournalEntry>> {
    let sql = format!("SELECT {JOURNAL_COLS} FROM journal ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], journal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---------------------------------------------------------------- whole ledger

/// True when the ledger holds no record at all (business profile included).
pub fn ledger_is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT (EXISTS (SELECT 1 FROM business) OR EXISTS (SELECT 1 FROM clients)
                  OR EXISTS (SELECT 1 FROM invoices) OR EXISTS (SELECT 1 FROM payments)
                  OR EXISTS (SELECT 1 FROM journal))",
        [],
        |r| r.get(0),
    )?)
}

/// The facts the derived computations read ([`crate::standing`]), in a few sequential scans.
pub fn load_facts(conn: &Connection) -> Result<Facts> {
    load_facts_scoped(conn, None)
}

/// The facts of one client only (its invoices, payments, credit notes and journal), through the client indexes.
pub fn load_client_facts(conn: &Connection, client_id: ClientId) -> Result<Facts> {
    load_facts_scoped(conn, Some(client_id))
}

fn load_facts_scoped(conn: &Connection, client: Option<ClientId>) -> Result<Facts> {
    // Each query gets its WHERE clause only when scoped, so the full load stays a plain scan and the scoped one
    // uses the client indexes.
    let scope = |clause: &str| {
        if client.is_some() {
            clause.to_owned()
        } else {
            String::new()
        }
    };
    let args: Vec<ClientId> = client.into_iter().collect();
    let args = || params_from_iter(args.iter());
    let mut facts = Facts::default();

    let sql = format!(
        "SELECT id FROM clients {} ORDER BY id",
        scope("WHERE id = ?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    facts.client_ids = stmt
        .query_map(args(), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let sql = format!(
        "SELECT id, client_id, issue_date, due_date, amount_cents FROM invoices {} ORDER BY id",
        scope("WHERE client_id = ?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    facts.invoices = stmt
        .query_map(args(), |r| {
            Ok(InvoiceFact {
                id: r.get(0)?,
                client_id: r.get(1)?,
                issue_date: iso_date(r, 2)?,
                due_date: iso_date(r, 3)?,
                amount: money(r, 4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // Payments and allocations, both read sequentially in payment-id order (allocations is a WITHOUT ROWID table
    // keyed by payment_id) and merged here: two scans instead of one index seek per payment. The merge gives the
    // settlements and each payment's unallocated part (client credit).
    let sql = format!(
        "SELECT id, client_id, date, amount_cents FROM payments {} ORDER BY id",
        scope("WHERE client_id = ?1")
    );
    let mut pay_stmt = conn.prepare_cached(&sql)?;
    let sql = if client.is_some() {
        "SELECT a.payment_id, a.invoice_id, a.amount_cents FROM allocations a JOIN payments p ON p.id = a.payment_id
         WHERE p.client_id = ?1 ORDER BY a.payment_id"
    } else {
        "SELECT payment_id, invoice_id, amount_cents FROM allocations ORDER BY payment_id"
    };
    let mut alloc_stmt = conn.prepare_cached(sql)?;
    let mut allocs = alloc_stmt.query(args())?;
    let mut pending = next_allocation(&mut allocs)?;
    let mut payments = pay_stmt.query(args())?;
    while let Some(r) = payments.next()? {
        let (payment_id, client_id, date, amount): (i64, i64, chrono::NaiveDate, i64) =
            (r.get(0)?, r.get(1)?, iso_date(r, 2)?, r.get(3)?);
        let mut allocated = 0i64;
        while let Some((pid, invoice_id, cents)) = pending {
            if pid > payment_id {
                break;
            }
            if pid == payment_id {
                allocated = allocated.saturating_add(cents);
                facts.settlements.push(Settlement {
                    invoice_id,
                    date,
                    amount: Money::from_cents(cents),
                    kind: SettlementKind::Payment,
                });
            }
            pending = next_allocation(&mut allocs)?;
        }
        let unallocated = amount.saturating_sub(allocated);
        if unallocated > 0 {
            facts.credits.push(CreditFact {
                client_id,
                date,
                unallocated: Money::from_cents(unallocated),
            });
        }
    }

    let sql = if client.is_some() {
        "SELECT c.invoice_id, c.date, c.amount_cents FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
         WHERE i.client_id = ?1"
    } else {
        "SELECT invoice_id, date, amount_cents FROM credit_notes"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let credit_notes = stmt.query_map(args(), |r| {
        Ok(Settlement {
            invoice_id: r.get(0)?,
            date: iso_date(r, 1)?,
            amount: money(r, 2)?,
            kind: SettlementKind::CreditNote,
        })
    })?;
    for c in credit_notes {
        facts.settlements.push(c?);
    }

    // Journal events that change an invoice's status, ignoring entries replaced by a correction. A call whose
    // outcome is a dispute opens one, like a "dispute opened" entry.
    let sql = format!(
        "SELECT j.invoice_id, j.date, j.kind, j.call_outcome FROM journal j
         WHERE j.invoice_id IS NOT NULL {}
           AND (j.kind IN ('dispute_opened', 'dispute_settled', 'write_off')
                OR (j.kind = 'call' AND j.call_outcome = 'dispute'))
           AND NOT EXISTS (SELECT 1 FROM journal c WHERE c.corrects_id = j.id)
         ORDER BY j.date, j.id",
        scope("AND j.client_id = ?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    facts.flags = stmt
        .query_map(args(), |r| {
            let kind: String = r.get(2)?;
            let event = match kind.as_str() {
                "dispute_settled" => FlagEvent::DisputeSettled,
                "write_off" => FlagEvent::WrittenOff,
                _ => FlagEvent::DisputeOpened,
            };
            Ok(FlagFact {
                invoice_id: r.get(0)?,
                date: iso_date(r, 1)?,
                event,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(facts)
}

/// Ids of the invoices whose number, client name or description contains `needle` (case-insensitive for
/// unaccented letters, SQLite's LIKE).
pub fn search_invoice_ids(
    conn: &Connection,
    needle: &str,
) -> Result<std::collections::HashSet<InvoiceId>> {
    let escaped = needle
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let mut stmt = conn.prepare_cached(
        "SELECT i.id FROM invoices i JOIN clients c ON c.id = i.client_id
         WHERE i.number LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 ESCAPE '\\' OR i.description LIKE ?1 ESCAPE '\\'",
    )?;
    let ids = stmt
        .query_map([pattern], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Invoice numbers by id (for sorting by number).
pub fn invoice_numbers(conn: &Connection) -> Result<std::collections::HashMap<InvoiceId, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, number FROM invoices")?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// Client names by id.
pub fn client_names(conn: &Connection) -> Result<std::collections::HashMap<ClientId, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM clients")?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// Full invoice records for the given ids (one page), in any order.
pub fn invoices_by_ids(conn: &Connection, ids: &[InvoiceId]) -> Result<Vec<Invoice>> {
    // In chunks, well under SQLite's limit on bound parameters.
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(5_000) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE id IN ({marks})");
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(chunk.iter()), invoice_row)?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- settings and per-client overrides

/// A setting's JSON value, `None` when it was never set.
pub fn setting_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn setting_put(conn: &Connection, key: &str, json: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, json],
    )?;
    Ok(())
}

/// Back to the default: the row goes.
pub fn setting_clear(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}

fn overrides_row(r: &Row<'_>) -> rusqlite::Result<(ClientId, ClientOverrides)> {
    Ok((
        r.get(0)?,
        ClientOverrides {
            pause_until: r.get(1)?,
            always_call_first: r.get(2)?,
        },
    ))
}

pub fn overrides_get(conn: &Connection, client_id: ClientId) -> Result<ClientOverrides> {
    Ok(conn
        .query_row(
            "SELECT client_id, pause_until, always_call_first FROM client_overrides WHERE client_id = ?1",
            [client_id],
            overrides_row,
        )
        .optional()?
        .map(|(_, o)| o)
        .unwrap_or_default())
}

pub fn overrides_all(
    conn: &Connection,
) -> Result<std::collections::HashMap<ClientId, ClientOverrides>> {
    let mut stmt =
        conn.prepare("SELECT client_id, pause_until, always_call_first FROM client_overrides")?;
    let rows = stmt
        .query_map([], overrides_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Store a client's overrides; the defaults leave no row.
pub fn overrides_put(conn: &Connection, client_id: ClientId, o: &ClientOverrides) -> Result<()> {
    if *o == ClientOverrides::default() {
        conn.execute(
            "DELETE FROM client_overrides WHERE client_id = ?1",
            [client_id],
        )?;
    } else {
        conn.execute(
            "INSERT INTO client_overrides (client_id, pause_until, always_call_first) VALUES (?1, ?2, ?3)
             ON CONFLICT (client_id) DO UPDATE SET pause_until = excluded.pause_until,
                 always_call_first = excluded.always_call_first",
            params![client_id, o.pause_until, o.always_call_first],
        )?;
    }
    Ok(())
}

// --- letters (archived PDFs) ---

const LETTER_COLS: &str = "id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number, posted_on, received_on, plan_id";

fn letter_row(r: &Row<'_>) -> rusqlite::Result<LetterRecord> {
    Ok(LetterRecord {
        id: r.get(0)?,
        client_id: r.get(1)?,
        kind: code(r, 2, "kind", LetterKind::from_code)?,
        date: r.get(3)?,
        file: r.get(4)?,
        sha256: r.get(5)?,
        size: r.get(6)?,
        total: Money::from_cents(r.get(7)?),
        journal_id: r.get(8)?,
        registered_number: r.get(9)?,
        posted_on: r.get(10)?,
        received_on: r.get(11)?,
        plan_id: r.get(12)?,
    })
}

pub fn letter_insert(conn: &Connection, l: &LetterRecord) -> Result<i64> {
    conn.execute(
        "INSERT INTO letters (client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number, posted_on, received_on, plan_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            l.client_id,
            l.kind.code(),
            l.date,
            l.file,
            l.sha256,
            l.size,
            l.total.cents(),
            l.journal_id,
            l.registered_number,
            l.posted_on,
            l.received_on,
            l.plan_id
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn letter_get(conn: &Connection, id: i64) -> Result<Option<LetterRecord>> {
    let sql = format!("SELECT {LETTER_COLS} FROM letters WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], letter_row).optional()?)
}

/// A client's letters, newest first.
pub fn letters_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<LetterRecord>> {
    let sql = format!(
        "SELECT {LETTER_COLS} FROM letters WHERE client_id = ?1 ORDER BY date DESC, id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([client_id], letter_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn letter_set_mailing(conn: &Connection, l: &LetterRecord) -> Result<()> {
    conn.execute(
        "UPDATE letters SET registered_number = ?2, posted_on = ?3, received_on = ?4 WHERE id = ?1",
        params![l.id, l.registered_number, l.posted_on, l.received_on],
    )?;
    Ok(())
}

/// Per client, the latest AR date of its mises en demeure (the clients that have one).
pub fn formal_notices_received(
    conn: &Connection,
) -> Result<std::collections::HashMap<ClientId, chrono::NaiveDate>> {
    let mut stmt = conn.prepare(
        "SELECT client_id, max(received_on) FROM letters
         WHERE kind IN ('mise-en-demeure', 'decheance') AND received_on IS NOT NULL GROUP BY client_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// --- payment calendars -------------------------------------------------------------------------------------------

const PLAN_COLS: &str = "id, client_id, version, replaces_id, created_on, penalty_treatment, frequency, shift_days_off, notice_days, principal_cents, penalties_cents, indemnities_cents, total_cents, last_payment_id, proposed_journal_id, signed_on, signed_journal_id, replaced_on, broken_on";

fn plan_row(r: &Row<'_>) -> rusqlite::Result<Plan> {
    Ok(Plan {
        id: r.get(0)?,
        client_id: r.get(1)?,
        version: r.get(2)?,
        replaces: r.get(3)?,
        created_on: r.get(4)?,
        treatment: code(r, 5, "penalty_treatment", PenaltyTreatment::from_code)?,
        frequency: opt_code(r, 6, "frequency", Frequency::from_code)?,
        shift_days_off: r.get(7)?,
        notice_days: r.get(8)?,
        principal: money(r, 9)?,
        penalties: money(r, 10)?,
        indemnities: money(r, 11)?,
        total: money(r, 12)?,
        last_payment_id: r.get(13)?,
        proposed_journal_id: r.get(14)?,
        signed_on: r.get(15)?,
        signed_journal_id: r.get(16)?,
        replaced_on: r.get(17)?,
        broken_on: r.get(18)?,
        invoices: Vec::new(),
        instalments: Vec::new(),
    })
}

/// Insert a calendar with its invoices and instalments (inside the caller's transaction).
pub fn plan_insert(conn: &Connection, p: &Plan) -> Result<PlanId> {
    conn.execute(
        "INSERT INTO plans (client_id, version, replaces_id, created_on, penalty_treatment, frequency, shift_days_off,
                            notice_days, principal_cents, penalties_cents, indemnities_cents, total_cents,
                            last_payment_id, proposed_journal_id, signed_on, signed_journal_id, replaced_on, broken_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            p.client_id,
            p.version,
            p.replaces,
            p.created_on,
            p.treatment.code(),
            p.frequency.map(Frequency::code),
            p.shift_days_off,
            p.notice_days,
            p.principal.cents(),
            p.penalties.cents(),
            p.indemnities.cents(),
            p.total.cents(),
            p.last_payment_id,
            p.proposed_journal_id,
            p.signed_on,
            p.signed_journal_id,
            p.replaced_on,
            p.broken_on,
        ],
    )?;
    let id = conn.last_insert_rowid();
    for i in &p.invoices {
        conn.execute(
            "INSERT INTO plan_invoices (plan_id, invoice_id, balance_cents, penalties_cents, indemnity_cents)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i.invoice_id, i.balance.cents(), i.penalties.cents(), i.indemnity.cents()],
        )?;
    }
    for i in &p.instalments {
        conn.execute(
            "INSERT INTO plan_instalments (plan_id, number, due_on, amount_cents, down_payment)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i.number, i.due_on, i.amount.cents(), i.down_payment],
        )?;
    }
    Ok(id)
}

fn plan_details(conn: &Connection, mut p: Plan) -> Result<Plan> {
    let mut stmt = conn.prepare_cached(
        "SELECT pi.invoice_id, i.number, i.issue_date, i.due_date, i.amount_cents, pi.balance_cents,
                pi.penalties_cents, pi.indemnity_cents
         FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id
         WHERE pi.plan_id = ?1 ORDER BY i.due_date, i.number",
    )?;
    p.invoices = stmt
        .query_map([p.id], |r| {
            Ok(PlanInvoice {
                invoice_id: r.get(0)?,
                number: r.get(1)?,
                issue_date: r.get(2)?,
                due_date: r.get(3)?,
                amount: money(r, 4)?,
                balance: money(r, 5)?,
                penalties: money(r, 6)?,
                indemnity: money(r, 7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT number, due_on, amount_cents, down_payment FROM plan_instalments WHERE plan_id = ?1 ORDER BY number",
    )?;
    p.instalments = stmt
        .query_map([p.id], |r| {
            Ok(Instalment {
                number: r.get(0)?,
                due_on: r.get(1)?,
                amount: money(r, 2)?,
                down_payment: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(p)
}

pub fn plan_get(conn: &Connection, id: PlanId) -> Result<Option<Plan>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans WHERE id = ?1");
    match conn.query_row(&sql, [id], plan_row).optional()? {
        Some(p) => Ok(Some(plan_details(conn, p)?)),
        None => Ok(None),
    }
}

/// A client's calendars, newest first (revisions included).
pub fn plans_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<Plan>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans WHERE client_id = ?1 ORDER BY id DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([client_id], plan_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|p| plan_details(conn, p)).collect()
}

/// Every calendar not replaced by a revision, oldest first.
pub fn plans_current(conn: &Connection) -> Result<Vec<Plan>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans WHERE replaced_on IS NULL ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], plan_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|p| plan_details(conn, p)).collect()
}

/// Per client and invoice, the latest date a calendar covering it was signed (an acknowledgment of the debt).
pub fn plan_acknowledgments(conn: &Connection) -> Result<Vec<(ClientId, InvoiceId, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT p.client_id, pi.invoice_id, max(p.signed_on) FROM plan_invoices pi JOIN plans p ON p.id = pi.plan_id
         WHERE p.signed_on IS NOT NULL GROUP BY p.client_id, pi.invoice_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Paid towards a calendar by `as_of`: the client's payments recorded after it was made, their part allocated to
/// its invoices and their unallocated part (client credit).
pub fn plan_paid(conn: &Connection, p: &Plan, as_of: NaiveDate) -> Result<Money> {
    let cents: i64 = conn.query_row(
        "SELECT coalesce(sum(
                (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a
                  WHERE a.payment_id = pay.id
                    AND a.invoice_id IN (SELECT invoice_id FROM plan_invoices WHERE plan_id = ?1))
              + pay.amount_cents
              - (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a WHERE a.payment_id = pay.id)
            ), 0)
         FROM payments pay WHERE pay.client_id = ?2 AND pay.id > ?3 AND pay.date <= ?4",
        params![p.id, p.client_id, p.last_payment_id, as_of],
        |r| r.get(0),
    )?;
    Ok(Money::from_cents(cents))
}

pub fn last_payment_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM payments", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn plan_set_signed(
    conn: &Connection,
    id: PlanId,
    on: NaiveDate,
    journal_id: JournalId,
) -> Result<()> {
    conn.execute(
        "UPDATE plans SET signed_on = ?2, signed_journal_id = ?3 WHERE id = ?1",
        params![id, on, journal_id],
    )?;
    Ok(())
}

pub fn plan_set_replaced(conn: &Connection, id: PlanId, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE plans SET replaced_on = ?2 WHERE id = ?1",
        params![id, on],
    )?;
    Ok(())
}

pub fn plan_set_broken(conn: &Connection, id: PlanId, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE plans SET broken_on = ?2 WHERE id = ?1 AND broken_on IS NULL",
        params![id, on],
    )?;
    Ok(())
}
