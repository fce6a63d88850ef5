#!/usr/bin/env python3
"""Bank statements for Tact's bank import, made by independent tools rather than by hand.

- OFX 2.2 (XML) and OFX 1.0.2 (SGML, leaf end tags dropped as banks do) written with ofxtools (PyPI).
- CAMT.053 in versions 001.02 and 001.08, in the structure of the published ISO 20022 schema
  (BkToCstmrStmt/Stmt/Ntry/NtryDtls/TxDtls), written with lxml.
- A French bank's CSV (Date;Libellé;Débit;Crédit, Windows-1252, decimal comma).
- Bad inputs: an account in USD, a truncated OFX, a CAMT of an unknown version.

The credits pay the example data's invoices (scenario.md): Studio Nova's 300,00 € left on F-2026-033, Boulangerie
Petitjean's 450,00 € (F-2026-028), M. Roche's 320,00 € (F-2026-047), part of Agence Lumière's F-2026-041, and one
credit nobody owes. Usage: statements.py OUTPUT_DIR
"""
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree
from ofxtools.header import make_header
from ofxtools.models import (BANKACCTFROM, BANKMSGSRSV1, BANKTRANLIST, LEDGERBAL, OFX, SIGNONMSGSRSV1, SONRS,
                             STATUS, STMTRS, STMTTRN, STMTTRNRS)
from ofxtools.utils import UTC

IBAN = "FR7630004000031234567890143"
CREDITS = [
    # (date, amount, name, memo, fitid, type)
    (datetime(2026, 11, 24, tzinfo=UTC), "300.00", "VIR SEPA STUDIO NOVA SAS", "REGLEMENT FACT F-2026-033", "T0001", "XFER"),
    (datetime(2026, 11, 25, tzinfo=UTC), "450.00", "VIR BOULANGERIE PETITJEAN", "", "T0002", "CREDIT"),
    (datetime(2026, 11, 25, tzinfo=UTC), "-45.90", "CB PAPETERIE DU RHONE", "", "T0003", "POS"),
    (datetime(2026, 11, 26, tzinfo=UTC), "320.00", "VIR M JULIEN ROCHE", "facture 2026 047", "T0004", "XFER"),
    (datetime(2026, 11, 27, tzinfo=UTC), "99.99", "VIR SOCIETE INCONNUE", "CADEAU", "T0005", "XFER"),
]


def ofx(currency="EUR"):
    trns = [STMTTRN(trntype=t, dtposted=d, trnamt=Decimal(a), fitid=f, name=n, **({"memo": m} if m else {}))
            for d, a, n, m, f, t in CREDITS]
    stmtrs = STMTRS(curdef=currency,
                    bankacctfrom=BANKACCTFROM(bankid="30004", acctid="00031234567", accttype="CHECKING"),
                    banktranlist=BANKTRANLIST(*trns, dtstart=datetime(2026, 11, 23, tzinfo=UTC),
                                              dtend=datetime(2026, 11, 30, tzinfo=UTC)),
                    ledgerbal=LEDGERBAL(balamt=Decimal("5234.09"), dtasof=datetime(2026, 11, 30, tzinfo=UTC)))
    status = STATUS(code=0, severity="INFO")
    doc = OFX(signonmsgsrsv1=SIGNONMSGSRSV1(sonrs=SONRS(status=status, dtserver=datetime(2026, 11, 30, tzinfo=UTC),
                                                         language="FRA")),
              bankmsgsrsv1=BANKMSGSRSV1(STMTTRNRS(trnuid="1", status=status, stmtrs=stmtrs)))
    return ET.tostring(doc.to_etree()).decode()


CAMT = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.{}"


def camt(version):
    ns = CAMT.format(version)
    E = lambda tag, *children, text=None, **attrs: _el(ns, tag, children, text, attrs)  # noqa: E731
    entries = [
        ("2026-11-26", "1000.00", "CRDT", "AGENCE LUMIERE SARL", "FR7610107001011234567890129",
         ["ACOMPTE FACTURE F-2026-041"], None, "RCDT", "ESCT", "CAMT-1"),
        ("2026-11-27", "450.00", "CRDT", "BOULANGERIE PETITJEAN", "FR7630006000011234567890189",
         [], "F-2026-028", "RCDT", "ESCT", "CAMT-2"),
        ("2026-11-27", "12.00", "DBIT", "FRAIS BANCAIRES", None, [], None, "CCRD", "CHRG", "CAMT-3"),
    ]
    ntrys = []
    for day, amount, ind, name, iban, ustrd, strd, fmly, sub, ref in entries:
        rmt = []
        for u in ustrd:
            rmt.append(E("Ustrd", text=u))
        if strd:
            rmt.append(E("Strd", E("CdtrRefInf", E("Ref", text=strd))))
        parties = [E("Dbtr", E("Nm", text=name))]
        if iban:
            parties.append(E("DbtrAcct", E("Id", E("IBAN", text=iban))))
        ntrys.append(E(
            "Ntry",
            E("Amt", text=amount, Ccy="EUR"),
            E("CdtDbtInd", text=ind),
            E("Sts", text="BOOK") if version == "02" else E("Sts", E("Cd", text="BOOK")),
            E("BookgDt", E("Dt", text=day)),
            E("ValDt", E("Dt", text=day)),
            E("AcctSvcrRef", text=ref),
            E("BkTxCd", E("Domn", E("Cd", text="PMNT"), E("Fmly", E("Cd", text=fmly), E("SubFmlyCd", text=sub)))),
            E("NtryDtls", E("TxDtls", E("Refs", E("EndToEndId", text="NOTPROVIDED")), E("RltdPties", *parties),
                            *([E("RmtInf", *rmt)] if rmt else []))),
        ))
    doc = E("Document", E("BkToCstmrStmt",
                          E("GrpHdr", E("MsgId", text="RELEVE-2026-11"), E("CreDtTm", text="2026-11-30T08:00:00")),
                          E("Stmt", E("Id", text="STMT-2026-11"), E("CreDtTm", text="2026-11-30T08:00:00"),
                            E("Acct", E("Id", E("IBAN", text=IBAN)), E("Ccy", text="EUR")), *ntrys)))
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _el(ns, tag, children, text, attrs):
    e = etree.Element("{%s}%s" % (ns, tag), nsmap={None: ns} if tag == "Document" else None, **attrs)
    if text is not None:
        e.text = text
    for c in children:
        e.append(c)
    return e


# The same five operations as each named bank exports them (its headers, separator, encoding, date and amount
# style, account lines above the table), written with Python's csv module. Four credits, one debit.
OPS = [
    # (date, cents signed, label, reference)
    ("2026-11-24", 30000, "VIR SEPA STUDIO NOVA SAS", "REGLEMENT FACT F-2026-033"),
    ("2026-11-25", 45000, "VIR BOULANGERIE PETITJEAN", ""),
    ("2026-11-25", -4590, "CB PAPETERIE DU RHONE", ""),
    ("2026-11-26", 32000, "VIR M JULIEN ROCHE", "facture 2026 047"),
    ("2026-11-27", 123456, "VIR SOCIETE INCONNUE", "CADEAU"),
]


def _amount(cents, decimal=",", thousands="", sign=True):
    units, c = divmod(abs(cents), 100)
    u = f"{units:,}".replace(",", thousands) if thousands else str(units)
    return ("-" if cents < 0 and sign else "") + u + decimal + f"{c:02d}"


def _date(iso, fmt):
    return datetime.strptime(iso, "%Y-%m-%d").strftime(fmt)


def bank_csvs(out):
    import csv
    import io
    out.mkdir(parents=True, exist_ok=True)

    def write(name, rows, header=None, before=(), delimiter=";", encoding="utf-8", quoting=csv.QUOTE_MINIMAL):
        buf = io.StringIO()
        for line in before:
            buf.write(line + "\r\n")
        w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
        if header:
            w.writerow(header)
        w.writerows(rows)
        (out / name).write_bytes(buf.getvalue().encode(encoding))

    write("qonto.csv",
          [[_date(d, "%d-%m-%Y 10:15:00"), _date(d, "%d-%m-%Y 09:00:00"), _amount(c, "."), "EUR", lab, "transfer",
            f"qonto-{i}", ref, "settled"] for i, (d, c, lab, ref) in enumerate(OPS)],
          ["Settlement date (UTC)", "Operation date (UTC)", "Total amount (incl. VAT)", "Currency",
           "Counterparty name", "Payment method", "Transaction ID", "Reference", "Status"], delimiter=",")
    write("shine.csv",
          [[_date(d, "%d/%m/%Y"), lab, lab.replace("VIR ", ""), _amount(c), "EUR", "Virement", f"sh{i}"]
           for i, (d, c, lab, ref) in enumerate(OPS)],
          ["Date de la transaction", "Libellé", "Nom de la contrepartie", "Montant", "Devise", "Catégorie",
           "Identifiant de la transaction"])
    write("bnp-paribas.csv",
          [[_date(d, "%d/%m/%Y"), lab[:20], "VIREMENT RECU" if c > 0 else "FACTURE CARTE",
            f"{lab} {ref}".strip(), _amount(c, thousands=" ")] for d, c, lab, ref in OPS],
          ["Date opération", "Libellé court", "Type opération", "Libellé opération", "Montant opération"],
          before=["Compte de chèques;****4567;Solde au 30/11/2026;5 234,09"], encoding="cp1252")
    write("credit-agricole.csv",
          [[_date(d, "%d/%m/%Y"), f"{lab}\n{ref}".strip(), _amount(-c, sign=False) if c < 0 else "",
            _amount(c, thousands=" ") if c > 0 else ""] for d, c, lab, ref in OPS],
          ["Date", "Libellé", "Débit euros", "Crédit euros"],
          before=["Téléchargement du 30/11/2026;", "", "Compte de Dépôt carte n° 12345678901;", ""],
          encoding="cp1252")
    write("lcl.csv",
          [[_date(d, "%d/%m/%Y"), _amount(c), "Virement" if c > 0 else "Carte", "", lab, ref]
           for d, c, lab, ref in OPS], encoding="cp1252")
    write("societe-generale.csv",
          [[_date(d, "%d/%m/%Y"), lab, f"{lab} {ref}".strip(), _amount(c), "EUR"] for d, c, lab, ref in OPS],
          ["Date de l'opération", "Libellé", "Détail de l'écriture", "Montant de l'opération", "Devise"],
          before=['="0123456789";Compte courant;5 234,09 EUR'], encoding="cp1252")
    write("la-banque-postale.csv",
          [[_date(d, "%d/%m/%Y"), f"{lab} {ref}".strip(), _amount(c)] for d, c, lab, ref in OPS],
          ["Date", "Libellé", "Montant(EUROS)"],
          before=["Numéro Compte   ;0123456X020", "Type   ;CCP", "Compte tenu en  ;euros", "Date   ;30/11/2026",
                  "Solde (EUROS)  ;5234,09", ""], encoding="cp1252")
    write("boursorama.csv",
          [[d, d, lab, "Virements reçus", "Virements", "", _amount(c, thousands=" "), ref, "00040123456",
            "BOURSORAMA BANQUE", "5234,09"] for d, c, lab, ref in OPS],
          ["dateOp", "dateVal", "label", "category", "categoryParent", "supplierFound", "amount", "comment",
           "accountNum", "accountLabel", "accountbalance"], quoting=csv.QUOTE_ALL, encoding="utf-8-sig")
    write("credit-mutuel.csv",
          [[_date(d, "%d/%m/%Y"), _date(d, "%d/%m/%Y"), _amount(c) if c < 0 else "",
            _amount(c, thousands=".") if c > 0 else "", f"{lab} {ref}".strip(), "5234,09"]
           for d, c, lab, ref in OPS],
          ["Date", "Date de valeur", "Débit", "Crédit", "Libellé", "Solde"], encoding="cp1252")
    # An unknown layout: no header Tact knows (the mapping screen asks which column is which).
    write("inconnue.csv",
          [[_date(d, "%d/%m/%Y"), f"{lab} {ref}".strip(), _amount(c)] for d, c, lab, ref in OPS],
          ["Jour", "Opération", "Valeur"])
    # Bad inputs: UTF-16 (no bank writes it; unreadable), a credit column missing, an impossible date.
    (out / "utf16.csv").write_bytes("Date;Libellé;Montant\r\n24/11/2026;VIR;300,00\r\n".encode("utf-16"))
    write("sans-montant.csv", [[_date(d, "%d/%m/%Y"), lab] for d, c, lab, ref in OPS], ["Date", "Libellé"])
    write("date-impossible.csv", [["31/02/2026", "VIR SEPA", "300,00"]], ["Date", "Libellé", "Montant"])


def cfonb(currency="EUR"):
    """A CFONB 120 statement written by python-cfonb (PyPI): the header, the five operations, the footer."""
    from cfonb.writer.statement import Statement
    st = Statement().header("30004", "00031", currency, "00031234567", datetime(2026, 11, 23), Decimal("4110.43"))
    for d, c, lab, ref in OPS:
        amount = Decimal(c).scaleb(-2)
        st.add("30004", "0000", "00031", currency, "00031234567", datetime.strptime(d, "%Y-%m-%d"),
               lab, amount, ref[:16])
    st.footer("30004", "00031", currency, "00031234567", datetime(2026, 11, 30), Decimal("5234.09"))
    return st.render()


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    v2 = str(make_header(version=220)) + ofx()
    (out / "releve.ofx").write_text(v2, encoding="utf-8")
    # OFX 1.0.2: SGML, the end tags of leaf elements left out, as most banks write it.
    sgml = re.sub(r"([^>\s])</[A-Z0-9.]+>", r"\1", ofx())
    (out / "releve-sgml.ofx").write_text(str(make_header(version=102)) + sgml, encoding="ascii", errors="replace")
    (out / "releve-usd.ofx").write_text(str(make_header(version=220)) + ofx("USD"), encoding="utf-8")
    (out / "tronque.ofx").write_text(v2[: len(v2) // 2], encoding="utf-8")
    (out / "camt053-v02.xml").write_bytes(camt("02"))
    (out / "camt053-v08.xml").write_bytes(camt("08"))
    (out / "camt053-v99.xml").write_bytes(camt("99"))
    csv = ("Relevé de compte n° 00031234567\r\nDate;Libellé;Débit;Crédit\r\n"
           "24/11/2026;VIR SEPA STUDIO NOVA SAS F-2026-033;;300,00\r\n"
           "25/11/2026;CB PAPETERIE DU RHONE;45,90;\r\n"
           "26/11/2026;VIR M JULIEN ROCHE;;320,00\r\n")
    (out / "releve.csv").write_bytes(csv.encode("cp1252"))
    bank_csvs(out / "banques")
    (out / "releve-cfonb.txt").write_text(cfonb(), encoding="ascii")
    (out / "releve-cfonb-usd.txt").write_text(cfonb("USD"), encoding="ascii")
    print(f"statements in {out}")


if __name__ == "__main__":
    main(sys.argv[1])
