-- Tact schema v6: which invoices each archived letter claimed. A consumer's legal interest on an invoice runs from
-- the receipt of a mise en demeure that covered that invoice (C. civ. 1231-6, 1344-1), not from any letter the
-- client received.
CREATE TABLE letter_invoices (
    letter_id  INTEGER NOT NULL REFERENCES letters (id) ON DELETE RESTRICT,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    PRIMARY KEY (letter_id, invoice_id)
) STRICT;
CREATE INDEX letter_invoices_by_invoice ON letter_invoices (invoice_id);

-- Letters archived before this version: a mise en demeure (or a déchéance notice) covered the client's invoices
-- already due on its date and not yet settled by then (what Tact listed in it); a calendar's letters, the calendar's
-- invoices; a reminder or a statement, the same rule as a mise en demeure.
INSERT INTO letter_invoices (letter_id, invoice_id)
SELECT l.id, pi.invoice_id
FROM letters l JOIN plan_invoices pi ON pi.plan_id = l.plan_id
WHERE l.plan_id IS NOT NULL;

INSERT INTO letter_invoices (letter_id, invoice_id)
SELECT l.id, i.id
FROM letters l JOIN invoices i ON i.client_id = l.client_id
WHERE l.plan_id IS NULL
  AND i.issue_date <= l.date
  AND (i.due_date < l.date OR l.kind = 'releve')
  AND i.amount_cents > (SELECT coalesce(sum(a.amount_cents), 0) FROM allocations a JOIN payments p ON p.id = a.payment_id
                        WHERE a.invoice_id = i.id AND p.date <= l.date)
                     + (SELECT coalesce(sum(c.amount_cents), 0) FROM credit_notes c
                        WHERE c.invoice_id = i.id AND c.date <= l.date);
