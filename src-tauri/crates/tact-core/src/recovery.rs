//! After the mise en demeure: the routes to recovery, explained for someone who has never taken one (pure). Each
//! route is data — its texts, thresholds, costs and delays with their sources (legal-fr B §4.5, §5, §8) — and
//! [`routes`] says, for this debtor and this amount, whether it fits and why. The « Suites possibles » memo and the
//! dossier de recouvrement read the same table.

use crate::model::{Client, ClientKind};
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// The ceiling of the procédure simplifiée de recouvrement des petites créances: 5 000 € in principal and
/// interest (C. proc. civ. exéc. L125-1 and R125-1, raised from 4 000 € on 1 January 2020; legal-fr B §5.2).
pub const SMALL_CLAIMS_CEILING: Money = Money::from_cents(500_000);
/// Below this amount, a claim on the merits before the tribunal judiciaire must first try an amicable route
/// (C. proc. civ. 750-1, décret 2023-357; legal-fr B §4.5). The injonction de payer is exempt (Cass. 2e civ.,
/// avis, 25 September 2025, n° 25-70.013).
pub const AMICABLE_FIRST_CEILING: Money = Money::from_cents(500_000);
/// Above this amount, a requête en injonction de payer before the tribunal judiciaire is drafted by a lawyer
/// (legal-fr B §5.1).
pub const LAWYER_ABOVE: Money = Money::from_cents(1_000_000);
/// The order must be served within 6 months of its date; the debtor has 1 month after service to oppose it
/// (C. proc. civ. 1411 and 1416; legal-fr B §5.1).
pub const SERVE_WITHIN_MONTHS: u32 = 6;
pub const OPPOSITION_MONTHS: u32 = 1;
/// The debtor has one month to accept the procédure simplifiée (R125-1 s.; legal-fr B §5.2).
pub const SMALL_CLAIMS_ANSWER_MONTHS: u32 = 1;
/// The commercial courts that became tribunaux des activités économiques on 1 January 2025, for four years (loi
/// 2023-1059 of 20 November 2023; legal-fr B §5.1).
pub const ECONOMIC_COURTS: [&str; 12] = [
    "Avignon",
    "Auxerre",
    "Le Havre",
    "Le Mans",
    "Limoges",
    "Lyon",
    "Marseille",
    "Nancy",
    "Nanterre",
    "Paris",
    "Saint-Brieuc",
    "Versailles",
];

crate::model::labelled_enum!(
    /// A route to recovery once the amicable steps are spent.
    Route {
        SmallClaims = "petites-creances" / "Procédure simplifiée de recouvrement des petites créances",
        Injunction = "injonction" / "Injonction de payer",
        Conciliation = "conciliation" / "Conciliateur de justice",
        Agency = "agence" / "Société de recouvrement",
        WriteOff = "perte" / "Passer la créance en perte",
    }
);

/// One route for this case: whether it fits, and everything needed to take it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RouteAdvice {
    pub route: Route,
    pub name: String,
    /// The texts it rests on.
    pub law: String,
    pub fits: bool,
    /// Why it fits this case, or why not, in a sentence that says which.
    pub why: String,
    /// Who to go to, and how.
    pub how: String,
    pub cost: String,
    pub duration: String,
    /// What this route asks for beyond [`common_pieces`].
    pub bring: Vec<String>,
}

/// What every route asks for: the proof of the debt and of the demands.
pub fn common_pieces() -> Vec<String> {
    [
        "les factures impayées",
        "le devis signé, le bon de commande ou les conditions générales acceptées",
        "la mise en demeure et son avis de réception",
        "les échanges qui prouvent la commande et la livraison (courriels, bons de livraison)",
        "le décompte des sommes dues et la chronologie des échanges (le dossier de recouvrement)",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// The court of an injonction de payer for this debtor: the debtor's domicile decides (C. proc. civ. 1406, of
/// public order), the kind of debt picks the court and its form.
pub fn injunction_court(client: &Client) -> String {
    let city = client.contact.city.clone().unwrap_or_default();
    match client.kind {
        ClientKind::Consumer => format!(
            "le tribunal judiciaire dont dépend le domicile du débiteur{}, formulaire Cerfa n°\u{a0}12948",
            at(&city)
        ),
        ClientKind::Professional => {
            let economic = ECONOMIC_COURTS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(city.trim()));
            format!(
                "{}{}, formulaire Cerfa n°\u{a0}12946 ou en ligne sur tribunaldigital.fr (un débiteur qui n'est pas commerçant — profession libérale, association — relève du tribunal judiciaire)",
                if economic {
                    "le tribunal des activités économiques"
                } else {
                    "le tribunal de commerce"
                },
                at(&city)
            )
        }
    }
}

fn at(city: &str) -> String {
    if city.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", city.trim())
    }
}

/// The routes for this client and the total claimed (principal, penalties or interest, indemnities), from the
/// lightest to the heaviest, each saying whether it fits.
pub fn routes(client: &Client, total: Money) -> Vec<RouteAdvice> {
    let b2c = client.kind == ClientKind::Consumer;
    let small = total <= SMALL_CLAIMS_CEILING;
    let extra = |v: &[&str]| -> Vec<String> { v.iter().map(|s| (*s).to_owned()).collect() };
    vec![
        RouteAdvice {
            route: Route::SmallClaims,
            name: Route::SmallClaims.label_fr().to_owned(),
            law: "C. proc. civ. exéc. L125-1 et R125-1 à R125-8".to_owned(),
            fits: small,
            why: if small {
                format!(
                    "{} réclamés, sous le plafond de {} (principal et intérêts)\u{a0}: la voie la plus simple, sans juge.",
                    total.format_fr(),
                    SMALL_CLAIMS_CEILING.format_fr()
                )
            } else {
                format!(
                    "{} réclamés, au-dessus du plafond de {}\u{a0}: cette procédure n'est pas ouverte.",
                    total.format_fr(),
                    SMALL_CLAIMS_CEILING.format_fr()
                )
            },
            how: "Un commissaire de justice du ressort de la cour d'appel du domicile du débiteur invite celui-ci, par lettre recommandée ou par courriel, à accepter le montant et les modalités de paiement. S'il accepte, le commissaire délivre un titre exécutoire, sans passer devant un juge.".to_owned(),
            cost: "Les frais du commissaire de justice sont à la charge du créancier (tarif réglementé)\u{a0}; demandez-lui un devis.".to_owned(),
            duration: format!(
                "Le débiteur a {SMALL_CLAIMS_ANSWER_MONTHS}\u{a0}mois pour répondre\u{a0}; son silence ou son refus vaut échec, et la voie de l'injonction de payer reste ouverte."
            ),
            bring: Vec::new(),
        },
        RouteAdvice {
            route: Route::Injunction,
            name: Route::Injunction.label_fr().to_owned(),
            law: "C. proc. civ. 1405 à 1425".to_owned(),
            fits: true,
            why: format!(
                "Une créance d'un montant certain, née d'un contrat\u{a0}: l'injonction est ouverte quel que soit le montant, sans tentative amiable préalable.{}",
                if b2c && total > LAWYER_ABOVE {
                    format!(" Au-dessus de {}, la requête est rédigée par un avocat.", LAWYER_ABOVE.format_fr())
                } else {
                    String::new()
                }
            ),
            how: format!(
                "Une requête déposée auprès du greffe\u{a0}: {}. Le juge rend une ordonnance sans audience\u{a0}; vous la faites signifier au débiteur par un commissaire de justice.",
                injunction_court(client)
            ),
            cost: if b2c {
                "Pas de frais de greffe au tribunal judiciaire\u{a0}; la signification par un commissaire de justice coûte de l'ordre de 25 à 65\u{a0}€ (à vérifier).".to_owned()
            } else {
                "Frais de greffe du tribunal de commerce de l'ordre de 35 à 39\u{a0}€, plus la signification par un commissaire de justice, de l'ordre de 25 à 65\u{a0}€ (montants à vérifier).".to_owned()
            },
            duration: format!(
                "L'ordonnance est rendue en quelques semaines\u{a0}; elle doit être signifiée dans les {SERVE_WITHIN_MONTHS}\u{a0}mois, puis le débiteur a {OPPOSITION_MONTHS}\u{a0}mois pour former opposition. Sans opposition, elle a l'effet d'un jugement."
            ),
            bring: if b2c {
                Vec::new()
            } else {
                extra(&["un extrait Kbis du débiteur de moins de trois mois"])
            },
        },
        RouteAdvice {
            route: Route::Conciliation,
            name: Route::Conciliation.label_fr().to_owned(),
            law: "C. proc. civ. 750-1".to_owned(),
            fits: b2c || small,
            why: if b2c && total <= AMICABLE_FIRST_CEILING {
                format!(
                    "Pour un particulier et {} au plus, une demande au fond devant le tribunal judiciaire doit d'abord tenter une voie amiable\u{a0}: le conciliateur est gratuit et rapide (l'injonction de payer en est dispensée).",
                    AMICABLE_FIRST_CEILING.format_fr()
                )
            } else if small {
                "Gratuit\u{a0}: utile quand le débiteur conteste ou propose un arrangement que vous voulez voir constaté.".to_owned()
            } else {
                "Possible à tout montant, mais sans effet contraignant si le débiteur ne vient pas\u{a0}: l'injonction de payer convient mieux ici.".to_owned()
            },
            how: "Saisine gratuite du conciliateur de justice du domicile du débiteur (mairie, tribunal ou en ligne sur conciliateurs.fr). Un accord signé peut être rendu exécutoire par le juge.".to_owned(),
            cost: "Gratuit.".to_owned(),
            duration: "Un rendez-vous en général sous un à deux mois\u{a0}; sans accord, un constat d'échec ouvre la voie du tribunal.".to_owned(),
            bring: Vec::new(),
        },
        RouteAdvice {
            route: Route::Agency,
            name: Route::Agency.label_fr().to_owned(),
            law: "C. proc. civ. exéc. L111-8 et R124-1 à R124-7".to_owned(),
            fits: true,
            why: "Quand vous ne voulez pas mener la démarche vous-même\u{a0}: la société relance pour vous, à l'amiable.".to_owned(),
            how: "Un mandat écrit (R124-3)\u{a0}; sa première lettre au débiteur porte les mentions de R124-4. Aucun frais de recouvrement ne peut être mis à la charge du débiteur sans titre exécutoire (L111-8)\u{a0}: ils restent les vôtres.".to_owned(),
            cost: "Une commission sur les sommes recouvrées (souvent 10 à 20\u{a0}% selon le contrat, à vérifier), parfois un forfait d'ouverture du dossier.".to_owned(),
            duration: "Quelques semaines à quelques mois, sans garantie\u{a0}; sans résultat, l'injonction de payer reste possible.".to_owned(),
            bring: extra(&["le mandat signé"]),
        },
        RouteAdvice {
            route: Route::WriteOff,
            name: Route::WriteOff.label_fr().to_owned(),
            law: "CGI 272-1".to_owned(),
            fits: total <= Money::from_cents(15_000),
            why: if total <= Money::from_cents(15_000) {
                format!("{} réclamés\u{a0}: la démarche peut coûter plus qu'elle ne rapporte.", total.format_fr())
            } else {
                "À garder en dernier recours, si le débiteur est insolvable ou introuvable.".to_owned()
            },
            how: "Parlez-en à votre comptable\u{a0}: la perte se constate en comptabilité, et la TVA d'une créance devenue irrécouvrable peut être récupérée.".to_owned(),
            cost: "La créance elle-même.".to_owned(),
            duration: "Immédiat.".to_owned(),
            bring: Vec::new(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::Fixture;

    #[test]
    fn a_small_business_debt_fits_the_procedure_simplifiee_and_the_commercial_court_of_lyon_is_a_tae(
    ) {
        let c = Fixture::professional("Boulangerie Petitjean").client;
        let r = routes(&c, Money::from_cents(50_034));
        let small = r.iter().find(|a| a.route == Route::SmallClaims);
        assert_eq!(small.map(|a| a.fits), Some(true));
        let inj = r
            .iter()
            .find(|a| a.route == Route::Injunction)
            .map(|a| a.how.clone())
            .unwrap_or_default();
        assert!(
            inj.contains("tribunal des activités économiques (Lyon)"),
            "{inj}"
        );
        assert!(inj.contains("12946"), "{inj}");
    }

    #[test]
    fn a_consumer_goes_to_the_tribunal_judiciaire_and_above_5000_the_small_claims_route_closes() {
        let c = Fixture::consumer("M. Julien Roche").client;
        let r = routes(&c, Money::from_cents(600_000));
        assert_eq!(
            r.iter()
                .find(|a| a.route == Route::SmallClaims)
                .map(|a| a.fits),
            Some(false)
        );
        let inj = r
            .iter()
            .find(|a| a.route == Route::Injunction)
            .map(|a| a.how.clone())
            .unwrap_or_default();
        assert!(
            inj.contains("tribunal judiciaire") && inj.contains("12948"),
            "{inj}"
        );
        let small = routes(&c, Money::from_cents(32_000));
        let conc = small
            .iter()
            .find(|a| a.route == Route::Conciliation)
            .map(|a| a.why.clone())
            .unwrap_or_default();
        assert!(
            conc.contains("doit d'abord tenter une voie amiable"),
            "{conc}"
        );
    }
}
