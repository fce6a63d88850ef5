//! Settings (JSON by key) and per-client overrides.

use crate::engine::ClientOverrides;
use crate::error::Result;
use crate::model::ClientId;
use rusqlite::Transaction;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A setting's JSON value, `None` when it was never set.
pub(crate) fn setting_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(crate) fn setting_put(conn: &Transaction<'_>, key: &str, json: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, json],
    )?;
    Ok(())
}

/// Back to the default: the row goes.
pub(crate) fn setting_clear(conn: &Transaction<'_>, key: &str) -> Result<()> {
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

pub(crate) fn overrides_get(conn: &Connection, client_id: ClientId) -> Result<ClientOverrides> {
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

pub(crate) fn overrides_all(
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
pub(crate) fn overrides_put(
    conn: &Transaction<'_>,
    client_id: ClientId,
    o: &ClientOverrides,
) -> Result<()> {
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
