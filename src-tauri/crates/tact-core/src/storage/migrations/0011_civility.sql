-- Tact schema v11: the civility of the person a letter or an email addresses (issue 14): the consumer, or the
-- contact person of a business. NULL when not given (« Madame, Monsieur, », « Bonjour, »). Names already written
-- with « M. » or « Mme » give it.
ALTER TABLE clients ADD COLUMN civility TEXT CHECK (civility IS NULL OR civility IN ('madame', 'monsieur'));

UPDATE clients SET civility = 'monsieur'
 WHERE (kind = 'consumer' AND (name LIKE 'M. %' OR name LIKE 'Monsieur %'))
    OR (kind = 'professional' AND (contact_name LIKE 'M. %' OR contact_name LIKE 'Monsieur %'));
UPDATE clients SET civility = 'madame'
 WHERE (kind = 'consumer' AND (name LIKE 'Mme %' OR name LIKE 'Madame %' OR name LIKE 'Mlle %'))
    OR (kind = 'professional' AND (contact_name LIKE 'Mme %' OR contact_name LIKE 'Madame %' OR contact_name LIKE 'Mlle %'));
