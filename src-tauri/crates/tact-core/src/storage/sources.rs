//! The files invoices were imported from, kept whole, and what each document said of its buyer.

use crate::error::Result;
use crate::model::{ClientId, CreditNoteId, ImportedDocument, InvoiceId, SourceFile, SourceRecord};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

const SOURCE_COLUMNS: &str = "id, sha256, file_name, format, imported_on, size";

fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceFile> {
    Ok(SourceFile {
        id: r.get(0)?,
        sha256: r.get(1)?,
        file_name: r.get(2)?,
        format: r.get(3)?,
        imported_on: r.get(4)?,
        size: r.get(5)?,
    })
}

pub(crate) fn source_by_sha(conn: &Connection, sha256: &str) -> Result<Option<SourceFile>> {
    Ok(conn
        .query_row(
            &format!("SELECT {SOURCE_COLUMNS} FROM source_files WHERE sha256 = ?1"),
            [sha256],
            source_row,
        )
        .optional()?)
}

pub(crate) fn source_insert(
    tx: &Transaction<'_>,
    sha256: &str,
    file_name: &str,
    format: &str,
    imported_on: NaiveDate,
    content: &[u8],
) -> Result<i64> {
    tx.execute(
        "INSERT INTO source_files (sha256, file_name, format, imported_on, size, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            sha256,
            file_name,
            format,
            imported_on,
            i64::try_from(content.len()).unwrap_or(i64::MAX),
            content
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// One document read from a source file: the invoice or credit note it became, and its buyer's identifiers.
#[allow(clippy::too_many_arguments)]
pub(crate) fn imported_insert(
    tx: &Transaction<'_>,
    source_id: i64,
    invoice_id: Option<InvoiceId>,
    credit_note_id: Option<CreditNoteId>,
    buyer_name: &str,
    buyer_siren: Option<&str>,
    buyer_vat: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO imported_documents (source_id, invoice_id, credit_note_id, buyer_name, buyer_siren, buyer_vat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![source_id, invoice_id, credit_note_id, buyer_name, buyer_siren, buyer_vat],
    )?;
    Ok(())
}

/// The clients that earlier imported documents named by a VAT number: (VAT number, client).
pub(crate) fn clients_by_buyer_vat(conn: &Connection) -> Result<Vec<(String, ClientId)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT d.buyer_vat, coalesce(i.client_id, ci.client_id)
           FROM imported_documents d
           LEFT JOIN invoices i ON i.id = d.invoice_id
           LEFT JOIN credit_notes c ON c.id = d.credit_note_id
           LEFT JOIN invoices ci ON ci.id = c.invoice_id
          WHERE d.buyer_vat IS NOT NULL
          ORDER BY d.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The file an invoice was imported from, with its bytes.
pub(crate) fn invoice_source(
    conn: &Connection,
    invoice_id: InvoiceId,
) -> Result<Option<(SourceFile, Vec<u8>)>> {
    Ok(conn
        .query_row(
            "SELECT s.id, s.sha256, s.file_name, s.format, s.imported_on, s.size, s.content
               FROM source_files s JOIN imported_documents d ON d.source_id = s.id
              WHERE d.invoice_id = ?1",
            [invoice_id],
            |r| Ok((source_row(r)?, r.get(6)?)),
        )
        .optional()?)
}

/// Every source file, oldest first (without contents).
pub(crate) fn sources_all(conn: &Connection) -> Result<Vec<SourceFile>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SOURCE_COLUMNS} FROM source_files ORDER BY id"
    ))?;
    let rows = stmt.query_map([], source_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every source file with the documents read from it, by id (an export).
pub(crate) fn sources_export(conn: &Connection) -> Result<Vec<SourceRecord>> {
    let mut docs = conn.prepare(
        "SELECT invoice_id, credit_note_id, buyer_name, buyer_siren, buyer_vat FROM imported_documents
          WHERE source_id = ?1 ORDER BY id",
    )?;
    let mut out = Vec::new();
    for file in sources_all(conn)? {
        let documents = docs
            .query_map([file.id], |r| {
                Ok(ImportedDocument {
                    invoice_id: r.get(0)?,
                    credit_note_id: r.get(1)?,
                    buyer_name: r.get(2)?,
                    buyer_siren: r.get(3)?,
                    buyer_vat: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.push(SourceRecord { file, documents });
    }
    Ok(out)
}

/// The bytes of a source file.
pub(crate) fn source_content(conn: &Connection, sha256: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT content FROM source_files WHERE sha256 = ?1",
            [sha256],
            |r| r.get(0),
        )
        .optional()?)
}

/// A source file and its documents as an export holds them, ids kept.
pub(crate) fn source_restore(
    tx: &Transaction<'_>,
    rec: &SourceRecord,
    content: &[u8],
) -> Result<()> {
    let f = &rec.file;
    tx.execute(
        "INSERT INTO source_files (id, sha256, file_name, format, imported_on, size, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![f.id, f.sha256, f.file_name, f.format, f.imported_on, f.size, content],
    )?;
    for d in &rec.documents {
        imported_insert(
            tx,
            f.id,
            d.invoice_id,
            d.credit_note_id,
            &d.buyer_name,
            d.buyer_siren.as_deref(),
            d.buyer_vat.as_deref(),
        )?;
    }
    Ok(())
}

/// The source file's name of each of these invoices that was imported from one.
pub(crate) fn source_names(
    conn: &Connection,
    ids: &[InvoiceId],
) -> Result<std::collections::HashMap<InvoiceId, String>> {
    let mut stmt = conn.prepare(
        "SELECT d.invoice_id, s.file_name FROM imported_documents d JOIN source_files s ON s.id = d.source_id
          WHERE d.invoice_id IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, InvoiceId>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = std::collections::HashMap::new();
    for row in rows {
        let (id, name) = row?;
        if ids.contains(&id) {
            out.insert(id, name);
        }
    }
    Ok(out)
}
