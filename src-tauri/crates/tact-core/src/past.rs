//! What was already done about the invoices, in the words of a person who did it (pure): « Mes courriels des 21 et
//! 29 septembre 2026 et mon appel du 8 octobre 2026 sont restés sans réponse ». One sentence for the letters and the
//! emails, so that both tell the same facts.
//!
//! An unanswered call is not an exchange, and a reminder is « mon courriel », not « relance amiable » (an internal
//! label the client never reads). A call that reached the client is « notre échange téléphonique », with what was
//! promised. Dates are written in full (« le 8 octobre 2026 »): numeric dates belong to tables.

use crate::model::{in_force, CallOutcome, ContactChannel, JournalEntry, JournalKind, Language};
use crate::text::{format_date_long_fr, join_with};
use chrono::{Datelike, NaiveDate};

/// What was sent or said, in the order the client received it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deed {
    Email,
    Letter,
    FormalNotice,
    PenaltyClaim,
    UnansweredCall,
    /// A call that reached the client; the payment then promised, if any.
    Talk(Option<NaiveDate>),
    /// A promise to pay recorded otherwise than on a call.
    Promise(NaiveDate),
}

/// One kind of deed: which deeds, their words (one, several), and whether the words are feminine.
type Group = (fn(&Deed) -> bool, [&'static str; 2], bool);

/// The contacts made about a set of invoices between their due date and today.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Past {
    deeds: Vec<(Deed, NaiveDate)>,
}

impl Past {
    /// The contacts in force in `journal` after `since` (the oldest due date) and up to `today`.
    pub fn of(journal: &[JournalEntry], since: NaiveDate, today: NaiveDate) -> Past {
        let deeds = in_force(journal)
            .filter(|e| e.date > since && e.date <= today)
            .filter_map(|e| {
                let deed = match e.kind {
                    JournalKind::FriendlyReminder
                    | JournalKind::FirmReminder
                    | JournalKind::LastReminder => match e.channel {
                        Some(ContactChannel::Letter | ContactChannel::RegisteredLetter) => {
                            Deed::Letter
                        }
                        Some(ContactChannel::Phone) => Deed::Talk(e.promise_date),
                        _ => Deed::Email,
                    },
                    JournalKind::Letter => Deed::Letter,
                    JournalKind::FormalNotice => Deed::FormalNotice,
                    JournalKind::PenaltiesClaimed => Deed::PenaltyClaim,
                    JournalKind::Call => match e.call_outcome {
                        Some(CallOutcome::NoAnswer) => Deed::UnansweredCall,
                        _ => Deed::Talk(e.promise_date),
                    },
                    JournalKind::Promise => Deed::Promise(e.promise_date?),
                    _ => return None,
                };
                Some((deed, e.date))
            })
            .collect();
        Past { deeds }
    }

    pub fn is_empty(&self) -> bool {
        self.deeds.is_empty()
    }

    /// Whether the client answered at least once (a call that reached them, a promise).
    fn answered(&self) -> bool {
        self.deeds
            .iter()
            .any(|(d, _)| matches!(d, Deed::Talk(_) | Deed::Promise(_)))
    }

    /// The dates of one kind of deed.
    fn dates(&self, want: fn(&Deed) -> bool) -> Vec<NaiveDate> {
        self.deeds
            .iter()
            .filter(|(d, _)| want(d))
            .map(|(_, on)| *on)
            .collect()
    }

    /// What I sent or tried: « mes courriels des 21 et 29 septembre 2026 », « mon appel du 8 octobre 2026 »…, with
    /// whether each is feminine (for the agreement of « resté »).
    fn mine(&self, lang: Language) -> Vec<(String, bool)> {
        let en = lang == Language::English;
        let groups: [Group; 5] = [
            (
                |d| *d == Deed::Email,
                if en {
                    ["my email", "my emails"]
                } else {
                    ["mon courriel", "mes courriels"]
                },
                false,
            ),
            (
                |d| *d == Deed::Letter,
                if en {
                    ["my letter", "my letters"]
                } else {
                    ["mon courrier", "mes courriers"]
                },
                false,
            ),
            (
                |d| *d == Deed::UnansweredCall,
                if en {
                    ["my call", "my calls"]
                } else {
                    ["mon appel", "mes appels"]
                },
                false,
            ),
            (
                |d| *d == Deed::PenaltyClaim,
                if en {
                    [
                        "my claim for late-payment penalties",
                        "my claims for late-payment penalties",
                    ]
                } else {
                    [
                        "ma réclamation des pénalités de retard",
                        "mes réclamations des pénalités de retard",
                    ]
                },
                true,
            ),
            (
                |d| *d == Deed::FormalNotice,
                if en {
                    ["my formal notice", "my formal notices"]
                } else {
                    ["ma mise en demeure", "mes mises en demeure"]
                },
                true,
            ),
        ];
        groups
            .iter()
            .filter_map(|(want, words, feminine)| {
                let dates = self.dates(*want);
                let one = dates.len() == 1;
                (!dates.is_empty()).then(|| {
                    (
                        format!(
                            "{} {}",
                            if one { words[0] } else { words[1] },
                            of_dates(&dates, lang)
                        ),
                        *feminine,
                    )
                })
            })
            .collect()
    }

    /// What the client said: « notre échange téléphonique du 8 octobre 2026, au cours duquel un règlement m'a été
    /// annoncé pour le 15 octobre 2026 », « votre promesse de règlement pour le 15 octobre 2026 ».
    fn theirs(&self, lang: Language) -> Vec<String> {
        let en = lang == Language::English;
        self.deeds
            .iter()
            .filter_map(|(d, on)| match d {
                Deed::Talk(promise) => {
                    let mut s = if en {
                        format!("our phone conversation of {}", long(*on, lang))
                    } else {
                        format!("notre échange téléphonique du {}", long(*on, lang))
                    };
                    if let Some(p) = promise {
                        s.push_str(&if en {
                            format!(", in which a payment was announced for {}", long(*p, lang))
                        } else {
                            format!(
                                ", au cours duquel un règlement m'a été annoncé pour le {}",
                                long(*p, lang)
                            )
                        });
                    }
                    Some(s)
                }
                Deed::Promise(p) => Some(if en {
                    format!("your promise of a payment by {}", long(*p, lang))
                } else {
                    format!("votre promesse de règlement pour le {}", long(*p, lang))
                }),
                _ => None,
            })
            .collect()
    }

    /// The sentence that opens a reminder or a mise en demeure, ending before what remains unpaid: `then` is that
    /// end (« la facture suivante reste impayée à ce jour »). « Mes courriels … sont restés sans réponse, et {then} »,
    /// or « Malgré mes courriels … et notre échange téléphonique du …, {then} ». `None` when nothing was done.
    pub fn sentence(&self, then: &str, lang: Language) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let en = lang == Language::English;
        let mine = self.mine(lang);
        if self.answered() {
            let mut all: Vec<String> = mine.into_iter().map(|(s, _)| s).collect();
            all.extend(self.theirs(lang));
            return Some(format!(
                "{} {}, {then}",
                if en { "Despite" } else { "Malgré" },
                join_and(&all, lang)
            ));
        }
        let several = mine.len() > 1 || self.deeds.len() > 1;
        let feminine = mine.iter().all(|(_, f)| *f);
        let list: Vec<String> = mine.into_iter().map(|(s, _)| s).collect();
        let stayed = match (en, several, feminine) {
            (true, _, _) => "went unanswered".to_owned(),
            (false, false, false) => "est resté sans réponse".to_owned(),
            (false, false, true) => "est restée sans réponse".to_owned(),
            (false, true, false) => "sont restés sans réponse".to_owned(),
            (false, true, true) => "sont restées sans réponse".to_owned(),
        };
        Some(format!(
            "{} {stayed}, {} {then}",
            crate::text::capitalize(&join_and(&list, lang)),
            if en { "and" } else { "et" }
        ))
    }
}

fn long(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::French => format_date_long_fr(d),
        Language::English => d.format("%-d %B %Y").to_string(),
    }
}

/// « du 21 septembre 2026 », « des 21 et 29 septembre 2026 », « des 28 septembre et 5 octobre 2026 », « des
/// 28 décembre 2026 et 5 janvier 2027 »; English « of 21 September 2026 », « of 21 and 29 September 2026 ».
pub fn of_dates(dates: &[NaiveDate], lang: Language) -> String {
    let mut dates = dates.to_vec();
    dates.sort();
    dates.dedup();
    let en = lang == Language::English;
    let day = |d: &NaiveDate| {
        if !en && d.day() == 1 {
            "1er".to_owned()
        } else {
            d.day().to_string()
        }
    };
    let month = |d: &NaiveDate| {
        if en {
            d.format("%B").to_string()
        } else {
            crate::text::MONTHS_FR
                .get(d.month0() as usize)
                .copied()
                .unwrap_or("")
                .to_owned()
        }
    };
    // Years, then months within a year, then days within a month.
    let mut years: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(first) = dates.get(i) {
        let in_year: Vec<NaiveDate> = dates[i..]
            .iter()
            .take_while(|d| d.year() == first.year())
            .copied()
            .collect();
        i = i.saturating_add(in_year.len());
        let mut months: Vec<String> = Vec::new();
        let mut j = 0;
        while let Some(m0) = in_year.get(j) {
            let days: Vec<String> = in_year[j..]
                .iter()
                .take_while(|d| d.month() == m0.month())
                .map(day)
                .collect();
            j = j.saturating_add(days.len());
            months.push(format!("{}\u{a0}{}", join_and(&days, lang), month(m0)));
        }
        years.push(format!("{} {}", join_and(&months, lang), first.year()));
    }
    let word = match (en, dates.len() > 1) {
        (true, _) => "of",
        (false, false) => "du",
        (false, true) => "des",
    };
    format!("{word} {}", join_and(&years, lang))
}

/// « a, b et c », « a, b and c ».
fn join_and(items: &[String], lang: Language) -> String {
    join_with(
        items,
        match lang {
            Language::French => "et",
            Language::English => "and",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn entry(kind: JournalKind, on: &str) -> JournalEntry {
        JournalEntry::new(1, d(on), kind, String::new())
    }

    fn plain(s: &str) -> String {
        s.replace('\u{a0}', " ")
    }

    #[test]
    fn dates_are_grouped_by_month_and_year() {
        let fr = |v: &[&str]| {
            plain(&of_dates(
                &v.iter().map(|s| d(s)).collect::<Vec<_>>(),
                Language::French,
            ))
        };
        assert_eq!(fr(&["2026-09-21"]), "du 21 septembre 2026");
        assert_eq!(
            fr(&["2026-09-29", "2026-09-21"]),
            "des 21 et 29 septembre 2026"
        );
        assert_eq!(
            fr(&["2026-09-28", "2026-10-01"]),
            "des 28 septembre et 1er octobre 2026"
        );
        assert_eq!(
            fr(&["2026-12-28", "2027-01-05", "2027-01-12"]),
            "des 28 décembre 2026 et 5 et 12 janvier 2027"
        );
        assert_eq!(
            plain(&of_dates(
                &[d("2026-09-21"), d("2026-09-29")],
                Language::English
            )),
            "of 21 and 29 September 2026"
        );
    }

    #[test]
    fn an_unanswered_call_is_said_as_such_not_as_an_exchange() {
        let mut call = entry(JournalKind::Call, "2026-10-08");
        call.call_outcome = Some(CallOutcome::NoAnswer);
        let journal = vec![
            entry(JournalKind::FriendlyReminder, "2026-09-21"),
            entry(JournalKind::FirmReminder, "2026-09-29"),
            call,
        ];
        let past = Past::of(&journal, d("2026-09-15"), d("2026-11-23"));
        assert_eq!(
            plain(&past.sentence("la facture suivante reste impayée", Language::French).unwrap_or_default()),
            "Mes courriels des 21 et 29 septembre 2026 et mon appel du 8 octobre 2026 sont restés sans réponse, et la facture suivante reste impayée"
        );
    }

    #[test]
    fn a_call_that_reached_the_client_recalls_the_promise() {
        let mut call = entry(JournalKind::Call, "2026-10-08");
        call.call_outcome = Some(CallOutcome::Promise);
        call.promise_date = Some(d("2026-10-15"));
        let journal = vec![entry(JournalKind::FriendlyReminder, "2026-09-21"), call];
        let past = Past::of(&journal, d("2026-09-15"), d("2026-11-23"));
        assert_eq!(
            plain(&past.sentence("la facture suivante reste impayée", Language::French).unwrap_or_default()),
            "Malgré mon courriel du 21 septembre 2026 et notre échange téléphonique du 8 octobre 2026, au cours duquel un règlement m'a été annoncé pour le 15 octobre 2026, la facture suivante reste impayée"
        );
    }

    #[test]
    fn one_unanswered_notice_agrees_in_the_feminine_and_notes_are_not_contacts() {
        let journal = vec![
            entry(JournalKind::Note, "2026-10-01"),
            entry(JournalKind::FormalNotice, "2026-10-20"),
            entry(JournalKind::FriendlyReminder, "2026-09-01"),
        ];
        let past = Past::of(&journal, d("2026-09-15"), d("2026-11-23"));
        assert_eq!(
            plain(&past.sentence("…", Language::French).unwrap_or_default()),
            "Ma mise en demeure du 20 octobre 2026 est restée sans réponse, et …"
        );
        assert!(Past::of(&journal, d("2026-11-01"), d("2026-11-23")).is_empty());
    }
}
