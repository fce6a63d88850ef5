//! Clients.

use super::rows::*;
use crate::error::Result;
use crate::model::{
    Channel, Civility, Client, ClientId, ClientKind, CollectiveProcedure, Language,
};
use rusqlite::types::Value;
use rusqlite::Transaction;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};

const CLIENT_COLS: &str = "id, kind, name, siren, contact_name, address_line1, address_line2, postcode, city, \
    country, email, phone, preferred_channel, language, notes, client_since, collective_procedure, archived, civility";

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
        civility: opt_code(r, 18, "une civilité", Civility::from_code)?,
    })
}

/// The client's columns in `CLIENT_COLS` order, `id` first.
fn client_values(id: Option<ClientId>, c: &Client) -> [Value; 19] {
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
        c.civility
            .map_or(Value::Null, |v| Value::Text(v.code().into())),
    ]
}

/// Insert a client; `id` is kept when given (import), assigned otherwise.
pub(crate) fn client_insert(
    conn: &Transaction<'_>,
    c: &Client,
    id: Option<ClientId>,
) -> Result<ClientId> {
    let sql = format!(
        "INSERT INTO clients ({CLIENT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
         ?16, ?17, ?18, ?19)"
    );
    conn.execute(&sql, params_from_iter(client_values(id, c)))?;
    Ok(conn.last_insert_rowid())
}

/// Update every field of an existing client (archived flag included).
pub(crate) fn client_update(conn: &Transaction<'_>, c: &Client) -> Result<()> {
    let columns = CLIENT_COLS.trim_start_matches("id, ");
    let sql = format!(
        "UPDATE clients SET ({columns}) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19) WHERE id = ?1"
    );
    conn.execute(&sql, params_from_iter(client_values(Some(c.id), c)))?;
    Ok(())
}

pub(crate) fn client_get(conn: &Connection, id: ClientId) -> Result<Option<Client>> {
    let sql = format!("SELECT {CLIENT_COLS} FROM clients WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], client_row).optional()?)
}

pub(crate) fn clients_all(conn: &Connection) -> Result<Vec<Client>> {
    let sql = format!("SELECT {CLIENT_COLS} FROM clients ORDER BY name COLLATE NOCASE, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], client_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whether anything (invoice, payment, journal entry) refers to the client: then it can only be archived.
pub(crate) fn client_has_records(conn: &Connection, id: ClientId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE client_id = ?1)
             OR EXISTS (SELECT 1 FROM payments WHERE client_id = ?1)
             OR EXISTS (SELECT 1 FROM journal WHERE client_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub(crate) fn client_delete(conn: &Transaction<'_>, id: ClientId) -> Result<()> {
    conn.execute("DELETE FROM clients WHERE id = ?1", [id])?;
    Ok(())
}
