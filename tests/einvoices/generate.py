#!/usr/bin/env python3
"""Test inputs for Tact's e-invoice import, made by independent tools rather than by hand.

- CII documents are built with drafthorse (PyPI), which validates them against the Factur-X XSD of their profile.
- Factur-X PDFs are made with factur-x (PyPI, Akretion): it embeds the CII into a PDF/A-3 with its XMP metadata,
  on a page drawn by pypdf.
- UBL documents follow the structure of the official EN 16931 examples (ConnectingEurope/eInvoicing-EN16931,
  ubl/examples/ubl-tc434-example1.xml and ubl-tc434-creditnote1.xml), written with lxml.
- The bad inputs are made from the good ones (truncated, encrypted with pypdf, another namespace) or are the
  classic attacks (an entity-expansion "billion laughs").

The example data's business is Sophie Marchand (SIREN 832 541 908); its clients include Agence Lumière SARL
(SIREN 512 345 679) and Studio Nova SAS (SIREN 881 234 561). Usage: generate.py OUTPUT_DIR
"""
import io
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.party import TaxRegistration
from drafthorse.models.payment import PaymentTerms
from drafthorse.models.tradelines import LineItem
from facturx import generate_from_binary
from lxml import etree
from pypdf import PdfWriter

SELLER = {
    "name": "Sophie Marchand",
    "siren": "832541908",
    "vat": None,
    "line1": "14 rue des Tanneurs",
    "postcode": "69001",
    "city": "Lyon",
    "email": "sophie@atelier-marchand.fr",
}


def fr_vat(siren):
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def party(p, who):
    p.name = who["name"]
    if who.get("siren"):
        p.legal_organization.id = ("0002", who["siren"])
    if who.get("vat"):
        p.tax_registrations.add(TaxRegistration(id=("VA", who["vat"])))
    if who.get("line1"):
        p.address.line_one = who["line1"]
    if who.get("postcode"):
        p.address.postcode = who["postcode"]
    if who.get("city"):
        p.address.city_name = who["city"]
    p.address.country_id = who.get("country", "FR")
    if who.get("email"):
        p.electronic_address.uri_ID = ("EM", who["email"])


def cii(number, issued, buyer, ht, vat, *, type_code="380", due=None, terms=None, prepaid=None,
        seller=SELLER, currency="EUR", cited=None, line="Création graphique"):
    doc = Document()
    doc.context.guideline_parameter.id = "urn:cen.eu:en16931:2017"
    doc.header.id = number
    doc.header.type_code = type_code
    doc.header.issue_date_time = issued
    party(doc.trade.agreement.seller, seller)
    party(doc.trade.agreement.buyer, buyer)
    doc.trade.settlement.currency_code = currency
    doc.trade.settlement.payment_means.type_code = "58"
    if due or terms:
        t = PaymentTerms()
        if terms:
            t.description = terms
        if due:
            t.due = due
        doc.trade.settlement.terms.add(t)
    if cited:
        doc.trade.settlement.invoice_referenced_document.issuer_assigned_id = cited
    li = LineItem()
    li.document.line_id = "1"
    li.product.name = line
    li.agreement.net.amount = ht
    li.delivery.billed_quantity = (Decimal("1.0000"), "C62")
    li.settlement.trade_tax.type_code = "VAT"
    li.settlement.trade_tax.category_code = "S"
    li.settlement.trade_tax.rate_applicable_percent = Decimal("20.00")
    li.settlement.monetary_summation.total_amount = ht
    doc.trade.items.add(li)
    tax = ApplicableTradeTax()
    tax.calculated_amount = vat
    tax.basis_amount = ht
    tax.type_code = "VAT"
    tax.category_code = "S"
    tax.rate_applicable_percent = Decimal("20.00")
    doc.trade.settlement.trade_tax.add(tax)
    total = ht + vat
    s = doc.trade.settlement.monetary_summation
    s.line_total = ht
    s.charge_total = Decimal("0.00")
    s.allowance_total = Decimal("0.00")
    s.tax_basis_total = ht
    s.tax_total = (vat, currency)
    s.grand_total = total
    s.prepaid_total = prepaid if prepaid is not None else Decimal("0.00")
    s.due_amount = total - (prepaid or Decimal("0.00"))
    return doc.serialize(schema="FACTUR-X_EN16931")


def blank_pdf(title):
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.add_metadata({"/Title": title})
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def facturx_pdf(xml, title):
    return generate_from_binary(blank_pdf(title), xml, flavor="factur-x", level="en16931",
                                check_xsd=True, pdf_metadata={"title": title, "author": SELLER["name"]})


UBL_NS = {
    None: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CAC = "{%s}" % UBL_NS["cac"]
CBC = "{%s}" % UBL_NS["cbc"]


def sub(parent, tag, text=None, **attrs):
    e = etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})
    if text is not None:
        e.text = text
    return e


def ubl_party(parent, tag, who):
    p = sub(sub(parent, CAC + tag), CAC + "Party")
    if who.get("email"):
        sub(p, CBC + "EndpointID", who["email"], schemeID="EM")
    sub(sub(p, CAC + "PartyName"), CBC + "Name", who["name"])
    a = sub(p, CAC + "PostalAddress")
    if who.get("line1"):
        sub(a, CBC + "StreetName", who["line1"])
    if who.get("city"):
        sub(a, CBC + "CityName", who["city"])
    if who.get("postcode"):
        sub(a, CBC + "PostalZone", who["postcode"])
    sub(sub(a, CAC + "Country"), CBC + "IdentificationCode", who.get("country", "FR"))
    if who.get("vat"):
        ts = sub(p, CAC + "PartyTaxScheme")
        sub(ts, CBC + "CompanyID", who["vat"])
        sub(sub(ts, CAC + "TaxScheme"), CBC + "ID", "VAT")
    le = sub(p, CAC + "PartyLegalEntity")
    sub(le, CBC + "RegistrationName", who["name"])
    if who.get("siren"):
        sub(le, CBC + "CompanyID", who["siren"], schemeID="0002")


def ubl(number, issued, buyer, ht, vat, *, credit_note=False, due=None, terms=None, cited=None, prepaid=None):
    root_name = "CreditNote" if credit_note else "Invoice"
    ns = dict(UBL_NS)
    ns[None] = f"urn:oasis:names:specification:ubl:schema:xsd:{root_name}-2"
    root = etree.Element("{%s}%s" % (ns[None], root_name), nsmap=ns)
    sub(root, CBC + "CustomizationID", "urn:cen.eu:en16931:2017")
    sub(root, CBC + "ID", number)
    sub(root, CBC + "IssueDate", issued.isoformat())
    if due and not credit_note:
        sub(root, CBC + "DueDate", due.isoformat())
    sub(root, CBC + ("CreditNoteTypeCode" if credit_note else "InvoiceTypeCode"), "381" if credit_note else "380")
    sub(root, CBC + "DocumentCurrencyCode", "EUR")
    if cited:
        sub(sub(sub(root, CAC + "BillingReference"), CAC + "InvoiceDocumentReference"), CBC + "ID", cited)
    ubl_party(root, "AccountingSupplierParty", SELLER)
    ubl_party(root, "AccountingCustomerParty", buyer)
    pm = sub(root, CAC + "PaymentMeans")
    sub(pm, CBC + "PaymentMeansCode", "58")
    if terms:
        sub(sub(root, CAC + "PaymentTerms"), CBC + "Note", terms)
    tt = sub(root, CAC + "TaxTotal")
    sub(tt, CBC + "TaxAmount", f"{vat:.2f}", currencyID="EUR")
    st = sub(tt, CAC + "TaxSubtotal")
    sub(st, CBC + "TaxableAmount", f"{ht:.2f}", currencyID="EUR")
    sub(st, CBC + "TaxAmount", f"{vat:.2f}", currencyID="EUR")
    cat = sub(st, CAC + "TaxCategory")
    sub(cat, CBC + "ID", "S")
    sub(cat, CBC + "Percent", "20")
    sub(sub(cat, CAC + "TaxScheme"), CBC + "ID", "VAT")
    total = ht + vat
    lm = sub(root, CAC + "LegalMonetaryTotal")
    sub(lm, CBC + "LineExtensionAmount", f"{ht:.2f}", currencyID="EUR")
    sub(lm, CBC + "TaxExclusiveAmount", f"{ht:.2f}", currencyID="EUR")
    sub(lm, CBC + "TaxInclusiveAmount", f"{total:.2f}", currencyID="EUR")
    if prepaid is not None:
        sub(lm, CBC + "PrepaidAmount", f"{prepaid:.2f}", currencyID="EUR")
    sub(lm, CBC + "PayableAmount", f"{total - (prepaid or 0):.2f}", currencyID="EUR")
    line = sub(root, CAC + ("CreditNoteLine" if credit_note else "InvoiceLine"))
    sub(line, CBC + "ID", "1")
    sub(line, CBC + ("CreditedQuantity" if credit_note else "InvoicedQuantity"), "1", unitCode="C62")
    sub(line, CBC + "LineExtensionAmount", f"{ht:.2f}", currencyID="EUR")
    item = sub(line, CAC + "Item")
    sub(item, CBC + "Name", "Maquettes du site")
    sub(sub(line, CAC + "Price"), CBC + "PriceAmount", f"{ht:.2f}", currencyID="EUR")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    D = Decimal
    lumiere = {"name": "Agence Lumière SARL", "siren": "512345679", "city": "Lyon", "postcode": "69002"}
    nova_by_vat = {"name": "STUDIO NOVA", "vat": fr_vat("881234561"), "city": "Villeurbanne"}
    ravel = {"name": "Atelier Ravel SAS", "siren": "443061841", "line1": "3 quai Saint-Vincent",
             "postcode": "69001", "city": "Lyon", "email": "compta@atelier-ravel.fr"}
    belge = {"name": "Brasserie du Parc SRL", "vat": "BE0477472701", "line1": "Rue Royale 12",
             "postcode": "1000", "city": "Bruxelles", "country": "BE", "email": "factures@brasserieduparc.be"}

    files = {
        # Agence Lumière, by SIREN: 1 000 HT + 200 TVA, due 31/12/2026.
        "F-2026-070.pdf": facturx_pdf(cii("F-2026-070", date(2026, 12, 1), lumiere, D("1000.00"), D("200.00"),
                                          due=date(2026, 12, 31)), "Facture F-2026-070"),
        # A new client; 1 800 TTC of which 600 prepaid: 1 200 owed; no due date, terms « 45 jours fin de mois ».
        "F-2026-071.pdf": facturx_pdf(cii("F-2026-071", date(2026, 12, 2), ravel, D("1500.00"), D("300.00"),
                                          terms="Paiement à 45 jours fin de mois", prepaid=D("600.00")),
                                      "Facture F-2026-071"),
        # Studio Nova by its VAT number alone (another spelling of its name).
        "F-2026-072.xml": cii("F-2026-072", date(2026, 12, 2), nova_by_vat, D("250.00"), D("50.00"),
                              due=date(2027, 1, 1)),
        # A credit note citing F-2026-070: 200 HT + 40 TVA.
        "AV-2026-005.xml": cii("AV-2026-005", date(2026, 12, 3), lumiere, D("200.00"), D("40.00"),
                               type_code="381", cited="F-2026-070"),
        # UBL: a Belgian client (VAT number only), then a credit note for it.
        "F-2026-073-ubl.xml": ubl("F-2026-073", date(2026, 12, 2), belge, D("500.00"), D("100.00"),
                                  due=date(2027, 1, 15)),
        "F-2026-074-ubl.xml": ubl("F-2026-074", date(2026, 12, 3), dict(belge, name="Brasserie du Parc"),
                                  D("100.00"), D("20.00"), terms="Net 30"),
        "AV-2026-006-ubl.xml": ubl("AV-2026-006", date(2026, 12, 4), belge, D("50.00"), D("10.00"),
                                   credit_note=True, cited="F-2026-073"),
        # A credit note written as an invoice (380) with negative amounts: a credit note all the same.
        "AV-2026-007-negatif.xml": cii("AV-2026-007", date(2026, 12, 4), lumiere, D("-100.00"), D("-20.00"),
                                       cited="F-2026-070"),
        # Neither due date nor payment terms: the business's default terms apply.
        "F-2026-077.xml": cii("F-2026-077", date(2026, 12, 3),
                              {"name": "Café des Arts", "siren": "902765437", "city": "Lyon"}, D("400.00"),
                              D("80.00")),
        # Real files carry mistakes: a SIREN whose key is wrong, an unknown country code. Set aside, never a reason
        # to refuse the debt.
        "F-2026-078.xml": cii("F-2026-078", date(2026, 12, 3),
                              {"name": "Librairie du Passage SARL", "siren": "123456788", "city": "Lyon",
                               "country": "XX"}, D("150.00"), D("30.00"), due=date(2027, 1, 2)),
        # An invoice Sophie received from her printer: not hers to chase.
        "fournisseur.pdf": facturx_pdf(cii("IMP-88812", date(2026, 11, 20),
                                           {"name": "Sophie Marchand", "siren": "832541908"}, D("90.00"), D("18.00"),
                                           due=date(2026, 12, 20),
                                           seller={"name": "Imprimerie Rhône SAS", "siren": "443061841"}),
                                       "Facture IMP-88812"),
        # Another currency.
        "usd.xml": cii("F-2026-075", date(2026, 12, 2), lumiere, D("100.00"), D("20.00"), currency="USD",
                       due=date(2026, 12, 31)),
    }
    fx = files["F-2026-070.pdf"]
    files["tronque.pdf"] = fx[: len(fx) // 3]
    files["sans-piece-jointe.pdf"] = blank_pdf("Facture sans XML")
    w = PdfWriter(clone_from=io.BytesIO(fx))
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    enc = io.BytesIO()
    w.write(enc)
    files["chiffre.pdf"] = enc.getvalue()
    files["mauvais-espace-de-noms.xml"] = files["F-2026-072.xml"].replace(
        b"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100", b"urn:example:not-an-invoice")
    files["bombe.xml"] = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                   for i in range(1, 10))
        + b']>\n<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&lol9;</rsm:CrossIndustryInvoice>\n'
    )
    for name, data in files.items():
        (out / name).write_bytes(data)
    print(f"{len(files)} files in {out}")


if __name__ == "__main__":
    main(sys.argv[1])
