-- Tact schema v5: payment calendars (échéanciers, legal-fr A.9 and B §6).
-- A calendar covers some of a client's invoices, as they stood when it was made (balance, penalties and the 40 €
-- indemnity accrued to that day), and spreads them over dated instalments. It is proposed, then signed (the
-- signature date is the debtor's acknowledgment of the debt, C. civ. 2240), and may be replaced by a revision
-- (the old version is kept, replaced_on set) or broken (the déchéance du terme invoked, broken_on set).
-- Which payments count towards it: those recorded after last_payment_id.

CREATE TABLE plans (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    version             INTEGER NOT NULL CHECK (version >= 1),
    replaces_id         INTEGER UNIQUE REFERENCES plans (id) ON DELETE RESTRICT,
    created_on          TEXT NOT NULL CHECK (date(created_on) IS created_on),
    penalty_treatment   TEXT NOT NULL CHECK (penalty_treatment IN ('keep', 'defer', 'waive')),
    frequency           TEXT CHECK (frequency IS NULL OR frequency IN ('week', 'fortnight', 'month')),
    shift_days_off      INTEGER NOT NULL CHECK (shift_days_off IN (0, 1)),
    notice_days         INTEGER NOT NULL CHECK (notice_days BETWEEN 8 AND 90),
    principal_cents     INTEGER NOT NULL CHECK (principal_cents > 0),
    penalties_cents     INTEGER NOT NULL CHECK (penalties_cents >= 0),
    indemnities_cents   INTEGER NOT NULL CHECK (indemnities_cents >= 0),
    total_cents         INTEGER NOT NULL CHECK (total_cents > 0),
    last_payment_id     INTEGER NOT NULL CHECK (last_payment_id >= 0),
    proposed_journal_id INTEGER NOT NULL UNIQUE REFERENCES journal (id) ON DELETE RESTRICT,
    signed_on           TEXT CHECK (signed_on IS NULL OR date(signed_on) IS signed_on),
    signed_journal_id   INTEGER UNIQUE REFERENCES journal (id) ON DELETE RESTRICT,
    replaced_on         TEXT CHECK (replaced_on IS NULL OR date(replaced_on) IS replaced_on),
    broken_on           TEXT CHECK (broken_on IS NULL OR date(broken_on) IS broken_on),
    CHECK (signed_on IS NULL OR signed_on >= created_on),
    CHECK ((signed_on IS NULL) = (signed_journal_id IS NULL))
) STRICT;
CREATE INDEX plans_by_client ON plans (client_id);

CREATE TABLE plan_invoices (
    plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
    invoice_id      INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    balance_cents   INTEGER NOT NULL CHECK (balance_cents > 0),
    penalties_cents INTEGER NOT NULL CHECK (penalties_cents >= 0),
    indemnity_cents INTEGER NOT NULL CHECK (indemnity_cents >= 0),
    PRIMARY KEY (plan_id, invoice_id)
) STRICT;
CREATE INDEX plan_invoices_by_invoice ON plan_invoices (invoice_id);

CREATE TABLE plan_instalments (
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
    number       INTEGER NOT NULL CHECK (number >= 1),
    due_on       TEXT NOT NULL CHECK (date(due_on) IS due_on),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    down_payment INTEGER NOT NULL CHECK (down_payment IN (0, 1)),
    PRIMARY KEY (plan_id, number)
) STRICT;

-- Letters: two more kinds (the calendar agreement, the mise en demeure invoking its déchéance) and the calendar a
-- letter belongs to. SQLite cannot change a CHECK in place: the table is rebuilt, rows and ids kept.
CREATE TABLE letters_v5 (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    kind              TEXT NOT NULL CHECK (kind IN ('mise-en-demeure', 'relance', 'relance-ferme', 'releve', 'echeancier', 'decheance')),
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
INSERT INTO letters_v5 (id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number,
                        posted_on, received_on, plan_id)
    SELECT id, client_id, kind, date, file, sha256, size, total_cents, journal_id, registered_number, posted_on,
           received_on, NULL
    FROM letters;
DROP TABLE letters;
ALTER TABLE letters_v5 RENAME TO letters;
CREATE INDEX letters_by_client ON letters (client_id, date);
