-- Tact schema v4: the letters printed in their final version (mise en demeure, relances, relevés de compte).
-- Each row is an archived copy of the PDF (its file name in the letters folder beside the database, its SHA-256
-- and size), the journal entry that logged it, what it claimed, and what the user enters after posting it: the
-- registered-mail (LRAR) number, the posting date and the date of the avis de réception (AR), which starts
-- legal interest for a consumer (C. civ. 1231-6, 1344-1).

CREATE TABLE letters (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    kind              TEXT NOT NULL CHECK (kind IN ('mise-en-demeure', 'relance', 'relance-ferme', 'releve')),
    date              TEXT NOT NULL CHECK (date(date) IS date),
    file              TEXT NOT NULL UNIQUE CHECK (length(file) BETWEEN 1 AND 200),
    sha256            TEXT NOT NULL CHECK (length(sha256) = 64),
    size              INTEGER NOT NULL CHECK (size > 0),
    total_cents       INTEGER NOT NULL,
    journal_id        INTEGER NOT NULL UNIQUE REFERENCES journal (id) ON DELETE RESTRICT,
    registered_number TEXT CHECK (registered_number IS NULL OR length(registered_number) BETWEEN 1 AND 40),
    posted_on         TEXT CHECK (posted_on IS NULL OR date(posted_on) IS posted_on),
    received_on       TEXT CHECK (received_on IS NULL OR date(received_on) IS received_on),
    CHECK (received_on IS NULL OR posted_on IS NULL OR received_on >= posted_on)
) STRICT;

CREATE INDEX letters_by_client ON letters (client_id, date);
