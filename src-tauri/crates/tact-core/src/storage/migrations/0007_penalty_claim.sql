-- Tact schema v7: one more kind of letter, the claim of the penalties of invoices paid late (« réclamation des
-- pénalités de retard », C. com. L441-10 II, D441-5). SQLite cannot change a CHECK in place: the table is rebuilt,
-- rows and ids kept. letter_invoices points at it: its rows are set aside first and put back after.
CREATE TEMP TABLE letter_invoices_kept AS SELECT letter_id, invoice_id FROM letter_invoices;
DROP TABLE letter_invoices;

CREATE TABLE letters_v7 (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    kind              TEXT NOT NULL CHECK (kind IN ('mise-en-demeure', 'relance', 'relance-ferme', 'releve', 'echeancier', 'decheance', 'reclamation')),
    date              TEXT NOT NULL CHECK (date(date) IS date),
    file              TEXT NOT NULL UNIQUE CHECK (length(file) BETWEEN 1 AND 200),
    sha256            TEXT NOT NULL CHECK (length(sha256) = 64),
    size              INTEGER NOT NULL CHECK (size > 0),
    total_cents       INTEGER NOT NULL,
    journal_id        INTEGER NOT NULL UNIQUE REFERENCES journal (id) ON DELETE RESTRICT,
    registered_number TEXT CHECK (registered_number IS NULL OR length(registered_number) BETWEEN 1 AND 40),
    posted_on         TEXT CHECK (posted_on IS NULL OR date(posted_on) IS posted_on),
    received_on       TEXT CHECK (received_on IS NULL OR date(received_on) IS received_on),
    plan_id           INTEGER REFERENCES plans (id) ON DELETE RESTRICT,
    CHECK (received_on IS NULL OR posted_on IS NULL OR received_on >= posted_on),
    CHECK ((kind IN ('echeancier', 'decheance')) = (plan_id IS NOT NULL))
) STRICT;
INSERT INTO letters_v7 (id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number,
                        posted_on, received_on, plan_id)
    SELECT id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number, posted_on,
           received_on, plan_id
    FROM letters;
DROP TABLE letters;
ALTER TABLE letters_v7 RENAME TO letters;
CREATE INDEX letters_by_client ON letters (client_id, date);

CREATE TABLE letter_invoices (
    letter_id  INTEGER NOT NULL REFERENCES letters (id) ON DELETE RESTRICT,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    PRIMARY KEY (letter_id, invoice_id)
) STRICT;
CREATE INDEX letter_invoices_by_invoice ON letter_invoices (invoice_id);
INSERT INTO letter_invoices (letter_id, invoice_id) SELECT letter_id, invoice_id FROM letter_invoices_kept;
DROP TABLE letter_invoices_kept;
