//! OASIS UBL 2.1 Invoice and CreditNote (EN 16931 syntax binding, Peppol BIS Billing 3): the business terms Tact
//! needs (the numbers in comments are the BT of EN 16931-1).

use crate::xml::{at, child, children, text_at, NS_CAC, NS_CBC, NS_UBL_CREDIT_NOTE};
use crate::{
    abs, check_currency, country, identify, missing, xml_amount, Document, DueFrom, Format, Party,
};
use chrono::NaiveDate;
use roxmltree::Node;
use tact_core::money::Money;
use tact_core::{Error, ErrorCode, Result};

fn date(file: &str, field: &str, what: &str, s: Option<String>) -> Result<Option<NaiveDate>> {
    let Some(s) = s else { return Ok(None) };
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            Error::field(
                ErrorCode::InvalidDate,
                field,
                format!("{file}\u{a0}: {what} ({field}) illisible\u{a0}: «\u{a0}{s}\u{a0}»."),
            )
        })
}

fn party(role: &str, node: Option<Node<'_, '_>>, warnings: &mut Vec<String>) -> Party {
    let Some(n) = node.and_then(|p| child(p, NS_CAC, "Party")) else {
        return Party::default();
    };
    let t = |path: &[(&str, &str)]| text_at(n, path);
    let legal_name = t(&[(NS_CAC, "PartyLegalEntity"), (NS_CBC, "RegistrationName")]);
    let trade_name = t(&[(NS_CAC, "PartyName"), (NS_CBC, "Name")]);
    let mut p = Party {
        name: legal_name
            .clone()
            .or_else(|| trade_name.clone())
            .unwrap_or_default(),
        trade_name: trade_name.filter(|tn| Some(tn) != legal_name.as_ref()),
        contact_name: t(&[(NS_CAC, "Contact"), (NS_CBC, "Name")]),
        email: t(&[(NS_CAC, "Contact"), (NS_CBC, "ElectronicMail")]).or_else(|| {
            child(n, NS_CBC, "EndpointID")
                .filter(|e| e.attribute("schemeID") == Some("EM"))
                .and_then(|e| crate::text(e.text()))
        }),
        phone: t(&[(NS_CAC, "Contact"), (NS_CBC, "Telephone")]),
        address_line1: t(&[(NS_CAC, "PostalAddress"), (NS_CBC, "StreetName")]),
        address_line2: t(&[(NS_CAC, "PostalAddress"), (NS_CBC, "AdditionalStreetName")]),
        postcode: t(&[(NS_CAC, "PostalAddress"), (NS_CBC, "PostalZone")]),
        city: t(&[(NS_CAC, "PostalAddress"), (NS_CBC, "CityName")]),
        ..Party::default()
    };
    p.country = country(
        warnings,
        t(&[
            (NS_CAC, "PostalAddress"),
            (NS_CAC, "Country"),
            (NS_CBC, "IdentificationCode"),
        ]),
    );
    let legal = at(n, &[(NS_CAC, "PartyLegalEntity"), (NS_CBC, "CompanyID")]).and_then(|id| {
        crate::text(id.text()).map(|v| (v, id.attribute("schemeID").map(str::to_owned)))
    });
    let vat = children(n, NS_CAC, "PartyTaxScheme")
        .find(|s| text_at(*s, &[(NS_CAC, "TaxScheme"), (NS_CBC, "ID")]).as_deref() == Some("VAT"))
        .and_then(|s| text_at(s, &[(NS_CBC, "CompanyID")]));
    identify(warnings, role, legal, vat, &mut p);
    p
}

/// A UBL document from its root element (`Invoice` or `CreditNote`).
pub(crate) fn from_root(file: &str, root: Node<'_, '_>) -> Result<Document> {
    let mut warnings = Vec::new();
    let credit_note = root.tag_name().namespace() == Some(NS_UBL_CREDIT_NOTE);
    let t = |path: &[(&str, &str)]| text_at(root, path);
    let number =
        t(&[(NS_CBC, "ID")]).ok_or_else(|| missing(file, "BT-1", "le numéro de facture"))?;
    let issue_date = date(file, "BT-2", "Date d'émission", t(&[(NS_CBC, "IssueDate")]))?
        .ok_or_else(|| missing(file, "BT-2", "la date d'émission"))?;
    let type_code = t(&[(
        NS_CBC,
        if credit_note {
            "CreditNoteTypeCode"
        } else {
            "InvoiceTypeCode"
        },
    )])
    .unwrap_or_else(|| if credit_note { "381" } else { "380" }.into());
    let currency =
        t(&[(NS_CBC, "DocumentCurrencyCode")]).ok_or_else(|| missing(file, "BT-5", "la devise"))?;
    check_currency(file, &currency)?;
    // BT-9: the invoice's DueDate; a credit note gives it in its payment means.
    let due_date = date(
        file,
        "BT-9",
        "Date d'échéance",
        t(&[(NS_CBC, "DueDate")])
            .or_else(|| t(&[(NS_CAC, "PaymentMeans"), (NS_CBC, "PaymentDueDate")])),
    )?;
    let terms_text = t(&[(NS_CAC, "PaymentTerms"), (NS_CBC, "Note")]);
    let sums = child(root, NS_CAC, "LegalMonetaryTotal")
        .ok_or_else(|| missing(file, "BT-115", "les totaux (LegalMonetaryTotal)"))?;
    let amount = |node: Option<Node<'_, '_>>, field: &str, what: &str| -> Result<Option<Money>> {
        node.and_then(|n| n.text())
            .map(|s| xml_amount(file, field, what, s))
            .transpose()
    };
    let total_ht = amount(
        child(sums, NS_CBC, "TaxExclusiveAmount"),
        "BT-109",
        "Total HT",
    )?;
    // BT-110: the tax total in the invoice's currency (a second one may be in the accounting currency).
    let vat = amount(
        children(root, NS_CAC, "TaxTotal")
            .filter_map(|tt| child(tt, NS_CBC, "TaxAmount"))
            .find(|a| {
                a.attribute("currencyID")
                    .is_none_or(|c| c.eq_ignore_ascii_case(&currency))
            }),
        "BT-110",
        "Total TVA",
    )?;
    let grand_total = amount(
        child(sums, NS_CBC, "TaxInclusiveAmount"),
        "BT-112",
        "Total TTC",
    )?;
    let prepaid = amount(
        child(sums, NS_CBC, "PrepaidAmount"),
        "BT-113",
        "Montant déjà payé",
    )?;
    let due = amount(
        child(sums, NS_CBC, "PayableAmount"),
        "BT-115",
        "Montant à payer",
    )?
    .ok_or_else(|| missing(file, "BT-115", "le montant à payer"))?;
    let cited_invoice = t(&[
        (NS_CAC, "BillingReference"),
        (NS_CAC, "InvoiceDocumentReference"),
        (NS_CBC, "ID"),
    ]);
    let seller = party(
        "vendeur",
        child(root, NS_CAC, "AccountingSupplierParty"),
        &mut warnings,
    );
    let buyer = party(
        "client",
        child(root, NS_CAC, "AccountingCustomerParty"),
        &mut warnings,
    );
    if buyer.name.is_empty() {
        return Err(missing(file, "BT-44", "le nom du client"));
    }
    let line = if credit_note {
        "CreditNoteLine"
    } else {
        "InvoiceLine"
    };
    let lines: Vec<String> = children(root, NS_CAC, line)
        .filter_map(|l| text_at(l, &[(NS_CAC, "Item"), (NS_CBC, "Name")]))
        .collect();
    let kind = if credit_note {
        crate::DocumentKind::CreditNote
    } else {
        crate::cii::kind_of(&type_code, due)
    };
    let (terms, due_from): (Option<String>, DueFrom) =
        crate::terms::due_from(due_date, terms_text.as_deref());
    Ok(Document {
        format: Format::Ubl,
        profile: t(&[(NS_CBC, "CustomizationID")]),
        kind,
        type_code,
        number,
        issue_date,
        due_date,
        terms_text,
        terms,
        due_from,
        currency: currency.to_uppercase(),
        total_ht: total_ht.map(abs),
        vat: vat.map(abs),
        grand_total: grand_total.map(abs),
        prepaid: prepaid.map(abs),
        amount_due: abs(due),
        seller,
        buyer,
        cited_invoice,
        description: crate::cii::description(&lines),
        warnings,
    })
}
