//! The messages sent through the user's mailbox, and the history entries each one wrote.

use crate::error::Result;
use crate::mail::{SentMessage, SentState};
use crate::model::{ClientId, JournalId};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

const COLUMNS: &str =
    "id, step_key, client_id, message_id, recipients, subject, state, started_at, sent_at, error";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SentMessage> {
    row_at(r, 0)
}

/// The message's columns, from column `o` on.
fn row_at(r: &rusqlite::Row<'_>, o: usize) -> rusqlite::Result<SentMessage> {
    let c = |i: usize| o.saturating_add(i);
    let state: String = r.get(c(6))?;
    Ok(SentMessage {
        id: r.get(c(0))?,
        step_key: r.get(c(1))?,
        client_id: r.get(c(2))?,
        message_id: r.get(c(3))?,
        recipients: r.get(c(4))?,
        subject: r.get(c(5))?,
        state: SentState::from_code(&state).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                c(6),
                rusqlite::types::Type::Text,
                format!("unknown message state {state}").into(),
            )
        })?,
        started_at: r.get(c(7))?,
        sent_at: r.get(c(8))?,
        error: r.get(c(9))?,
    })
}

/// Seconds, as SQLite's `datetime()` writes them (the column checks it).
fn seconds(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

pub(crate) fn sent_by_key(conn: &Connection, key: &str) -> Result<Option<SentMessage>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM sent_messages WHERE step_key = ?1"),
            [key],
            row,
        )
        .optional()?)
}

pub(crate) fn sent_of_client(conn: &Connection, client_id: ClientId) -> Result<Vec<SentMessage>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM sent_messages WHERE client_id = ?1 ORDER BY started_at, id"
    ))?;
    let rows = stmt.query_map([client_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The message behind each history entry a send wrote.
pub(crate) fn sent_by_journal(
    conn: &Connection,
    client_id: ClientId,
) -> Result<std::collections::HashMap<JournalId, SentMessage>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT j.journal_id, {} FROM sent_message_journal j JOIN sent_messages s ON s.id = j.sent_id
         WHERE s.client_id = ?1",
        COLUMNS
            .split(", ")
            .map(|c| format!("s.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let rows = stmt.query_map([client_id], |r| Ok((r.get(0)?, row_at(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A send begins: the row is new, or a failed (or uncertain, resent) one starts again with the same Message-ID.
pub(crate) fn sent_begin(tx: &Transaction<'_>, m: &SentMessage) -> Result<()> {
    tx.execute(
        "INSERT INTO sent_messages (step_key, client_id, message_id, recipients, subject, state, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'sending', ?6)
         ON CONFLICT (step_key) DO UPDATE SET recipients = excluded.recipients, subject = excluded.subject,
             state = 'sending', started_at = excluded.started_at, error = NULL",
        params![
            m.step_key,
            m.client_id,
            m.message_id,
            m.recipients,
            m.subject,
            seconds(m.started_at)
        ],
    )?;
    Ok(())
}

/// The server accepted the message: it is sent, and these history entries are its.
pub(crate) fn sent_done(
    tx: &Transaction<'_>,
    key: &str,
    at: NaiveDateTime,
    entries: &[JournalId],
) -> Result<()> {
    tx.execute(
        "UPDATE sent_messages SET state = 'sent', sent_at = ?2, error = NULL WHERE step_key = ?1",
        params![key, seconds(at)],
    )?;
    for j in entries {
        tx.execute(
            "INSERT INTO sent_message_journal (sent_id, journal_id)
             SELECT id, ?2 FROM sent_messages WHERE step_key = ?1",
            params![key, j],
        )?;
    }
    Ok(())
}

/// The send failed (`failed`: the server refused it; `uncertain`: it may have gone).
pub(crate) fn sent_failed(
    tx: &Transaction<'_>,
    key: &str,
    state: SentState,
    error: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE sent_messages SET state = ?2, error = ?3 WHERE step_key = ?1 AND state = 'sending'",
        params![key, state.code(), error],
    )?;
    Ok(())
}
