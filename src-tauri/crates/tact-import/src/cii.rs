//! UN/CEFACT Cross Industry Invoice (D16B), as Factur-X and ZUGFeRD 2.x embed it, profiles MINIMUM to EXTENDED:
//! the EN 16931 business terms Tact needs (the numbers in comments are the BT of EN 16931-1).

use crate::xml::{at, child, children, text_at, NS_CII, NS_RAM, NS_UDT};
use crate::{
    abs, check_currency, country, identify, missing, xml_amount, Document, DocumentKind, Format,
    Party,
};
use chrono::NaiveDate;
use roxmltree::Node;
use tact_core::{Error, ErrorCode, Result};

/// A date as CII writes it: `udt:DateTimeString format="102"` (AAAAMMJJ).
fn date(
    file: &str,
    field: &str,
    what: &str,
    node: Option<Node<'_, '_>>,
) -> Result<Option<NaiveDate>> {
    let Some(n) = node.and_then(|n| child(n, NS_UDT, "DateTimeString")) else {
        return Ok(None);
    };
    let s = n.text().unwrap_or("").trim();
    let format = n.attribute("format").unwrap_or("102");
    let parsed = match format {
        "102" => NaiveDate::parse_from_str(s, "%Y%m%d").ok(),
        // 610: a month (AAAAMM), read as its first day.
        "610" => NaiveDate::parse_from_str(&format!("{s}01"), "%Y%m%d").ok(),
        _ => None,
    };
    parsed.map(Some).ok_or_else(|| {
        Error::field(
            ErrorCode::InvalidDate,
            field,
            format!("{file}\u{a0}: {what} ({field}) illisible\u{a0}: «\u{a0}{s}\u{a0}» (format {format})."),
        )
    })
}

fn party(role: &str, node: Option<Node<'_, '_>>, warnings: &mut Vec<String>) -> Party {
    let Some(n) = node else {
        return Party::default();
    };
    let r = |path: &[&str]| {
        let steps: Vec<(&str, &str)> = path.iter().map(|p| (NS_RAM, *p)).collect();
        text_at(n, &steps)
    };
    let mut p = Party {
        name: r(&["Name"]).unwrap_or_default(),
        trade_name: r(&["SpecifiedLegalOrganization", "TradingBusinessName"]),
        contact_name: r(&["DefinedTradeContact", "PersonName"]),
        email: r(&[
            "DefinedTradeContact",
            "EmailURIUniversalCommunication",
            "URIID",
        ])
        .or_else(|| {
            // The electronic address (BT-49) when it is an email (scheme EM).
            at(
                n,
                &[(NS_RAM, "URIUniversalCommunication"), (NS_RAM, "URIID")],
            )
            .filter(|u| u.attribute("schemeID") == Some("EM"))
            .and_then(|u| crate::text(u.text()))
        }),
        phone: r(&[
            "DefinedTradeContact",
            "TelephoneUniversalCommunication",
            "CompleteNumber",
        ]),
        address_line1: r(&["PostalTradeAddress", "LineOne"]),
        address_line2: r(&["PostalTradeAddress", "LineTwo"]),
        postcode: r(&["PostalTradeAddress", "PostcodeCode"]),
        city: r(&["PostalTradeAddress", "CityName"]),
        ..Party::default()
    };
    p.country = country(warnings, r(&["PostalTradeAddress", "CountryID"]));
    let legal = child(n, NS_RAM, "SpecifiedLegalOrganization")
        .and_then(|o| child(o, NS_RAM, "ID"))
        .and_then(|id| {
            crate::text(id.text()).map(|t| (t, id.attribute("schemeID").map(str::to_owned)))
        });
    let vat = children(n, NS_RAM, "SpecifiedTaxRegistration")
        .filter_map(|t| child(t, NS_RAM, "ID"))
        .find(|id| id.attribute("schemeID") == Some("VA"))
        .and_then(|id| crate::text(id.text()));
    identify(warnings, role, legal, vat, &mut p);
    p
}

/// A CII document from its root element (`rsm:CrossIndustryInvoice`).
pub(crate) fn from_root(file: &str, root: Node<'_, '_>, format: Format) -> Result<Document> {
    let mut warnings = Vec::new();
    let doc = child(root, NS_CII, "ExchangedDocument")
        .ok_or_else(|| missing(file, "BT-1", "l'en-tête du document (ExchangedDocument)"))?;
    let tx = child(root, NS_CII, "SupplyChainTradeTransaction").ok_or_else(|| {
        missing(
            file,
            "BG-25",
            "la transaction (SupplyChainTradeTransaction)",
        )
    })?;
    let agreement = child(tx, NS_RAM, "ApplicableHeaderTradeAgreement");
    let settlement = child(tx, NS_RAM, "ApplicableHeaderTradeSettlement").ok_or_else(|| {
        missing(
            file,
            "BG-22",
            "le règlement (ApplicableHeaderTradeSettlement)",
        )
    })?;
    let profile = text_at(
        root,
        &[
            (NS_CII, "ExchangedDocumentContext"),
            (NS_RAM, "GuidelineSpecifiedDocumentContextParameter"),
            (NS_RAM, "ID"),
        ],
    );
    let number = text_at(doc, &[(NS_RAM, "ID")])
        .ok_or_else(|| missing(file, "BT-1", "le numéro de facture"))?;
    let type_code = text_at(doc, &[(NS_RAM, "TypeCode")]).unwrap_or_else(|| "380".into());
    let issue_date = date(
        file,
        "BT-2",
        "Date d'émission",
        child(doc, NS_RAM, "IssueDateTime"),
    )?
    .ok_or_else(|| missing(file, "BT-2", "la date d'émission"))?;
    let currency = text_at(settlement, &[(NS_RAM, "InvoiceCurrencyCode")])
        .ok_or_else(|| missing(file, "BT-5", "la devise"))?;
    check_currency(file, &currency)?;
    let terms_node = child(settlement, NS_RAM, "SpecifiedTradePaymentTerms");
    let due_date = match terms_node {
        Some(t) => date(
            file,
            "BT-9",
            "Date d'échéance",
            child(t, NS_RAM, "DueDateDateTime"),
        )?,
        None => None,
    };
    let terms_text = terms_node.and_then(|t| text_at(t, &[(NS_RAM, "Description")]));
    let sums = child(
        settlement,
        NS_RAM,
        "SpecifiedTradeSettlementHeaderMonetarySummation",
    )
    .ok_or_else(|| missing(file, "BT-115", "les totaux (MonetarySummation)"))?;
    let amount = |field: &str, what: &str, name: &str| -> Result<Option<tact_core::money::Money>> {
        // BT-110 may be given twice (document and accounting currency): the one in the invoice's currency.
        let node = children(sums, NS_RAM, name).find(|n| {
            n.attribute("currencyID")
                .is_none_or(|c| c.eq_ignore_ascii_case(&currency))
        });
        node.and_then(|n| n.text())
            .map(|t| xml_amount(file, field, what, t))
            .transpose()
    };
    let total_ht = amount("BT-109", "Total HT", "TaxBasisTotalAmount")?;
    let vat = amount("BT-110", "Total TVA", "TaxTotalAmount")?;
    let grand_total = amount("BT-112", "Total TTC", "GrandTotalAmount")?;
    let prepaid = amount("BT-113", "Montant déjà payé", "TotalPrepaidAmount")?;
    let due = amount("BT-115", "Montant à payer", "DuePayableAmount")?
        .ok_or_else(|| missing(file, "BT-115", "le montant à payer"))?;
    let cited_invoice = text_at(
        settlement,
        &[
            (NS_RAM, "InvoiceReferencedDocument"),
            (NS_RAM, "IssuerAssignedID"),
        ],
    );
    let seller = party(
        "vendeur",
        agreement.and_then(|a| child(a, NS_RAM, "SellerTradeParty")),
        &mut warnings,
    );
    let buyer = party(
        "client",
        agreement.and_then(|a| child(a, NS_RAM, "BuyerTradeParty")),
        &mut warnings,
    );
    if buyer.name.is_empty() {
        return Err(missing(file, "BT-44", "le nom du client"));
    }
    let lines: Vec<String> = children(tx, NS_RAM, "IncludedSupplyChainTradeLineItem")
        .filter_map(|l| text_at(l, &[(NS_RAM, "SpecifiedTradeProduct"), (NS_RAM, "Name")]))
        .collect();
    let kind = kind_of(&type_code, due);
    let (terms, due_from) = crate::terms::due_from(due_date, terms_text.as_deref());
    Ok(Document {
        format,
        profile,
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
        description: description(&lines),
        warnings,
    })
}

/// 381 (and the other credit-note codes of UNTDID 1001) is a credit note; so is an invoice with a negative
/// amount due.
pub(crate) fn kind_of(type_code: &str, due: tact_core::money::Money) -> DocumentKind {
    if matches!(
        type_code,
        "381" | "261" | "262" | "296" | "308" | "396" | "420" | "458" | "532"
    ) || due.is_negative()
    {
        DocumentKind::CreditNote
    } else {
        DocumentKind::Invoice
    }
}

/// The first lines' names, as the invoice's description (at most 200 characters).
pub(crate) fn description(lines: &[String]) -> Option<String> {
    if lines.is_empty() {
        return None;
    }
    let mut s = lines
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ");
    if lines.len() > 3 {
        s.push_str(" …");
    }
    Some(s.chars().take(200).collect())
}
