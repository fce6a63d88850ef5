//! The business profile (one row).

use super::rows::*;
use crate::error::Result;
use crate::model::{Business, PaymentTerms};
use rusqlite::Transaction;
use rusqlite::{params, Connection, OptionalExtension};

const BUSINESS_COLS: &str = "legal_name, trade_name, legal_form, siren, siret, vat_number, address_line1, \
    address_line2, postcode, city, country, email, phone, iban, bic, signatory_name, signatory_title, signing_city, \
    default_terms, penalty_rate";

pub(crate) fn business_get(conn: &Connection) -> Result<Option<Business>> {
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

pub(crate) fn business_put(conn: &Transaction<'_>, b: &Business) -> Result<()> {
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
