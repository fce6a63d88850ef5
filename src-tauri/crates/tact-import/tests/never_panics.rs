//! Whatever the bytes, a reader returns a French error or documents: never a panic.

use proptest::prelude::*;

const CII: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
<rsm:ExchangedDocument><ram:ID>F-1</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20261201</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty><ram:Name>S</ram:Name></ram:SellerTradeParty><ram:BuyerTradeParty><ram:Name>B</ram:Name></ram:BuyerTradeParty></ram:ApplicableHeaderTradeAgreement>
<ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode><ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:DuePayableAmount>12.50</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>"#;

#[test]
fn the_seed_reads() {
    let f = tact_import::read("seed.xml", CII.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.documents.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), pdf in any::<bool>()) {
        let mut b = if pdf { b"%PDF-1.7\n".to_vec() } else { Vec::new() };
        b.extend(bytes);
        let _ = tact_import::read("x", &b);
    }

    #[test]
    fn a_valid_invoice_with_bytes_changed(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut b = CII.as_bytes().to_vec();
        for (i, v) in edits {
            let at = i.index(b.len());
            if let Some(x) = b.get_mut(at) { *x = v; }
        }
        match tact_import::read("x.xml", &b) {
            Ok(f) => prop_assert!(f.documents.iter().all(|d| !d.number.is_empty() && !d.amount_due.is_negative())),
            Err(e) => prop_assert!(e.message.starts_with("x.xml")),
        }
    }

    #[test]
    fn csv_of_any_text(text in "[a-zA-Z0-9;,\"\n éà€-]{0,400}") {
        let _ = tact_import::read("x.csv", text.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Statements too: whatever the bytes, an error or credits, never a panic.
    #[test]
    fn any_statement_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), kind in 0u8..4) {
        let mut b = match kind {
            0 => b"OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>".to_vec(),
            3 => format!("{:<120}\n04", "0130004    00031EUR2 00031234567  231126").into_bytes(),
            1 => b"<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">".to_vec(),
            _ => b"Date;Libell\xe9;D\xe9bit;Cr\xe9dit\n".to_vec(),
        };
        b.extend(bytes);
        if let Ok(s) = tact_import::bank::read_statement("x", &b) {
            prop_assert!(s.credits.iter().all(|c| c.amount.is_positive()));
        }
    }
}
