-- Tact schema v8: the files invoices and credit notes were imported from (Factur-X, CII, UBL, CSV). Each file is
-- kept whole in the database, so that every backup holds it and the invoice page can open it; each document read
-- from it records what it said of the buyer (to recognise the client by its VAT number next time).
CREATE TABLE source_files (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    file_name   TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    format      TEXT NOT NULL CHECK (format IN ('facturx', 'cii', 'ubl', 'csv')),
    imported_on TEXT NOT NULL CHECK (date(imported_on) IS imported_on),
    size        INTEGER NOT NULL CHECK (size > 0),
    content     BLOB NOT NULL
) STRICT;

CREATE TABLE imported_documents (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES source_files (id) ON DELETE RESTRICT,
    invoice_id     INTEGER UNIQUE REFERENCES invoices (id) ON DELETE RESTRICT,
    credit_note_id INTEGER UNIQUE REFERENCES credit_notes (id) ON DELETE RESTRICT,
    buyer_name     TEXT NOT NULL,
    buyer_siren    TEXT CHECK (buyer_siren IS NULL OR length(buyer_siren) = 9),
    buyer_vat      TEXT,
    CHECK ((invoice_id IS NULL) <> (credit_note_id IS NULL))
) STRICT;
CREATE INDEX imported_documents_source ON imported_documents (source_id);
CREATE INDEX imported_documents_buyer_vat ON imported_documents (buyer_vat);
