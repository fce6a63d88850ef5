#!/usr/bin/env python3
"""N Factur-X invoices (five years of a designer's invoices to 25 clients), for the import benchmark.

Made like the test inputs (generate.py): CII by drafthorse, embedded into a PDF/A-3 by factur-x (its XSD check
off here, for speed: generate.py's files are the checked ones). Usage: generate_many.py N OUTPUT_DIR
"""
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import generate  # noqa: E402
from facturx import generate_from_binary  # noqa: E402


def siren_with_key(prefix8):
    """A SIREN (8 digits + its Luhn key)."""
    for k in range(10):
        s = f"{prefix8}{k}"
        total = 0
        for i, c in enumerate(reversed(s)):
            d = int(c)
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return s
    raise ValueError(prefix8)


def main(n, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    clients = [
        {"name": f"Client {i:02d} SAS", "siren": siren_with_key(f"{71000000 + i * 137:08d}"),
         "city": "Lyon", "postcode": "69003"}
        for i in range(25)
    ]
    base = generate.blank_pdf("Facture")
    start = date(2021, 12, 1)
    for k in range(n):
        issued = start + timedelta(days=(k * 1826) // n)
        ht = Decimal(300 + (k * 37) % 2700).quantize(Decimal("0.01"))
        vat = (ht * Decimal("0.20")).quantize(Decimal("0.01"))
        xml = generate.cii(f"F-{issued.year}-{k:04d}", issued, clients[k % 25], ht, vat,
                           due=issued + timedelta(days=30))
        pdf = generate_from_binary(base, xml, flavor="factur-x", level="en16931", check_xsd=False)
        (out / f"F-{k:04d}.pdf").write_bytes(pdf)
    print(f"{n} invoices in {out}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
