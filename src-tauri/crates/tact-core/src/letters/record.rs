//! A letter once printed: its plain text, its archive record, its posting details (LRAR number, posting and AR dates).

use super::*;

impl Letter {
    /// Every word of the letter in reading order, one string per line of text (for tests and search).
    pub fn plain_text(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        out.extend(self.sender.iter().cloned());
        out.extend(self.recipient.iter().cloned());
        out.push(self.place_date.clone());
        out.extend(self.mention.iter().cloned());
        out.push(self.subject.clone());
        out.push(self.salutation.clone());
        let blocks = |out: &mut Vec<String>, body: &[Block]| {
            for b in body {
                match b {
                    Block::Paragraph { text } | Block::Strong { text } => out.push(text.clone()),
                    Block::Table { table } => {
                        out.push(
                            table
                                .columns
                                .iter()
                                .map(|c| c.title.clone())
                                .collect::<Vec<_>>()
                                .join(" "),
                        );
                        for r in table.rows.iter().chain(&table.totals) {
                            out.push(r.join(" "));
                        }
                    }
                }
            }
        };
        blocks(&mut out, &self.body);
        out.push(self.farewell.clone());
        out.extend(self.signature.iter().cloned());
        out.extend(self.enclosures.iter().cloned());
        if let Some(a) = &self.annex {
            out.push(a.title.clone());
            blocks(&mut out, &a.body);
        }
        out.join("\n")
    }
}

/// A letter printed in its final version: its archived copy, and its posting once the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterRecord {
    pub id: i64,
    pub client_id: ClientId,
    pub kind: LetterKind,
    pub date: NaiveDate,
    /// File name of the archived copy, in the letters folder beside the database.
    pub file: String,
    /// SHA-256 of the archived PDF, in hexadecimal.
    pub sha256: String,
    pub size: i64,
    pub total: Money,
    pub journal_id: i64,
    /// The LRAR number (« 1A 123 456 7890 1 »).
    pub registered_number: Option<String>,
    pub posted_on: Option<NaiveDate>,
    /// The date on the avis de réception.
    pub received_on: Option<NaiveDate>,
    /// The payment calendar, for its agreement and its déchéance notice.
    pub plan_id: Option<crate::plans::PlanId>,
    /// The invoices the letter claimed (a mise en demeure: those it covers).
    #[serde(default)]
    pub invoice_ids: Vec<crate::model::InvoiceId>,
}

/// What the user types after posting a letter, as typed. Each field left out (`None`) keeps what was entered
/// before; an empty one clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailingInput {
    #[serde(default)]
    pub registered_number: Option<String>,
    #[serde(default)]
    pub posted_on: Option<String>,
    #[serde(default)]
    pub received_on: Option<String>,
}

/// Validated posting details: (number, posted on, received on).
pub type Mailing = (Option<String>, Option<NaiveDate>, Option<NaiveDate>);

impl MailingInput {
    /// The letter's posting details once this update is applied: the fields given replace those of `current`,
    /// the others are kept. Checks the number and the dates: the posting on or after the letter, the AR on or
    /// after the posting, neither after today.
    pub fn apply(&self, current: &LetterRecord, today: NaiveDate) -> Result<Mailing> {
        let letter_date = current.date;
        let number = match &self.registered_number {
            None => current.registered_number.clone().unwrap_or_default(),
            Some(n) => n.trim().to_owned(),
        };
        let number = number.as_str();
        let number = if number.is_empty() {
            None
        } else {
            if number.chars().count() > 40
                || !number
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
            {
                return Err(Error::field(
                    ErrorCode::InvalidChoice,
                    "registered_number",
                    "N° de recommandé\u{a0}: lettres, chiffres et espaces seulement, 40 au plus (ex.\u{a0}: 1A 123 456 7890 1).",
                ));
            }
            Some(number.to_owned())
        };
        let posted = match &self.posted_on {
            None => current.posted_on,
            Some(d) => crate::text::parse_optional_date("posted_on", "Date de dépôt", Some(d))?,
        };
        let received = match &self.received_on {
            None => current.received_on,
            Some(d) => crate::text::parse_optional_date(
                "received_on",
                "Date de l'accusé de réception",
                Some(d),
            )?,
        };
        if let Some(p) = posted {
            if p < letter_date || p > today {
                return Err(Error::field(
                    ErrorCode::InvalidDate,
                    "posted_on",
                    format!(
                        "Date de dépôt\u{a0}: entre la date de la lettre ({}) et aujourd'hui ({}).",
                        format_date_fr(letter_date),
                        format_date_fr(today)
                    ),
                ));
            }
        }
        if let Some(r) = received {
            let from = posted.unwrap_or(letter_date);
            if r < from || r > today {
                return Err(Error::field(
                    ErrorCode::InvalidDate,
                    "received_on",
                    format!(
                        "Date de l'accusé de réception\u{a0}: entre le {} et aujourd'hui ({}).",
                        format_date_fr(from),
                        format_date_fr(today)
                    ),
                ));
            }
        }
        Ok((number, posted, received))
    }
}
