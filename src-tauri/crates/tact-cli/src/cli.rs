//! Command-line arguments. Help texts are in French: the CLI's users are French too.

// Parsed once per run: boxing the big variants would only add noise.
#![allow(clippy::large_enum_variant)]

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tact",
    version,
    about = "Tact : vos factures, vos règlements et l'historique de chaque client, en ligne de commande.",
    long_about = "Tact tient le registre de vos factures, règlements, avoirs et échanges avec chaque client.\n\
                  Cette interface en ligne de commande pilote le même cœur que l'application : scripts, sauvegardes, tests.\n\
                  Ajoutez --json à toute commande pour une sortie JSON."
)]
pub struct Cli {
    /// Fichier de la base de données (par défaut : le dossier de données de l'application).
    #[arg(long, global = true, env = "TACT_DB", value_name = "FICHIER")]
    pub db: Option<PathBuf>,

    /// Sortie JSON (pour les scripts) au lieu de tableaux lisibles.
    #[arg(long, global = true)]
    pub json: bool,

    /// Date du jour pour les calculs (retards, soldes), AAAA-MM-JJ ou JJ/MM/AAAA ; par défaut aujourd'hui.
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Votre entreprise : identité, coordonnées bancaires, conditions par défaut.
    #[command(subcommand)]
    Business(BusinessCmd),
    /// Les clients.
    #[command(subcommand)]
    Clients(ClientsCmd),
    /// Les factures.
    #[command(subcommand)]
    Invoices(InvoicesCmd),
    /// Les règlements reçus et leur répartition sur les factures.
    #[command(subcommand)]
    Payments(PaymentsCmd),
    /// Les avoirs.
    #[command(subcommand, name = "credit-notes")]
    CreditNotes(CreditNotesCmd),
    /// L'historique des échanges avec chaque client.
    #[command(subcommand)]
    Journal(JournalCmd),
    /// La prochaine étape pour chaque client (ou un seul), à la date du jour.
    Next {
        #[arg(long)]
        client: Option<i64>,
        /// Inclut les clients sans rien à faire aujourd'hui (et pourquoi).
        #[arg(long)]
        all: bool,
    },
    /// Le brouillon de la prochaine étape d'un client (e-mail, fiche d'appel ou note), prêt à relire.
    Draft {
        #[arg(long)]
        client: i64,
        /// Écrit aussi le brouillon en message .eml, prêt à ouvrir dans la messagerie.
        #[arg(long, value_name = "FICHIER.eml")]
        eml: Option<PathBuf>,
        /// L'e-mail de confirmation d'un appel noté dans l'historique (numéro de l'entrée).
        #[arg(long, value_name = "ID", conflicts_with = "eml")]
        after_call: Option<i64>,
        /// L'e-mail « réclamation des pénalités de retard » des factures réglées après leur échéance.
        #[arg(long, conflicts_with = "after_call")]
        penalties: bool,
    },
    /// Pénalités de retard (ou intérêts légaux) et indemnité de 40 € d'un client, facture par facture.
    Penalties {
        #[arg(long)]
        client: i64,
        /// « J'y renonce » : abandonne les pénalités et l'indemnité de cette facture (noté dans l'historique).
        #[arg(long, value_name = "FACTURE")]
        waive: Option<String>,
    },
    /// Lettres sur papier (PDF A4 pour enveloppe à fenêtre) : mise en demeure, relance, relevé de compte.
    #[command(subcommand)]
    Letter(LetterCmd),
    /// Les échéanciers de paiement : proposer, signer, suivre.
    #[command(subcommand)]
    Plan(PlanCmd),
    /// Reporte la prochaine étape d'un client à une date (noté dans l'historique).
    Postpone {
        #[arg(long)]
        client: i64,
        /// JJ/MM/AAAA ou AAAA-MM-JJ.
        #[arg(long)]
        until: String,
    },
    /// Les réglages des relances (délais, écarts, seuils).
    #[command(subcommand)]
    Policy(PolicyCmd),
    /// Remplit une base vide avec les données d'exemple (l'atelier de Sophie Marchand).
    Demo,
    /// Exporte tout le registre : en JSON sur la sortie standard, ou avec --out dans un fichier (.zip : le JSON et
    /// les PDF des lettres archivées ; .json : le JSON seul).
    Export {
        /// Fichier à écrire (.zip ou .json).
        #[arg(long, value_name = "FICHIER")]
        out: Option<PathBuf>,
    },
    /// Importe un export (.zip avec les lettres, ou .json) dans une base vide (tout ou rien) ; ou, avec
    /// `tact import invoices`, des factures électroniques et des exports CSV.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        /// Fichier produit par `tact export --out` ou `tact export --json`.
        #[arg(value_name = "FICHIER", required = true)]
        file: Option<PathBuf>,
        #[command(subcommand)]
        what: Option<ImportCmd>,
    },
    /// Les rapports du tableau de bord : balance âgée (aging), DSO (dso), prévision d'encaissements (forecast),
    /// profils de payeurs (payers) ; en tableau, en JSON (--json), en CSV pour Excel (--csv --out) ou en PDF d'une
    /// page (--pdf --out).
    Report {
        /// aging, dso, forecast ou payers.
        #[arg(value_name = "RAPPORT")]
        kind: String,
        /// Écrit le rapport en CSV (point-virgule, virgule décimale, UTF-8 avec BOM) dans --out.
        #[arg(long, conflicts_with = "pdf")]
        csv: bool,
        /// Écrit le rapport en PDF d'une page dans --out.
        #[arg(long)]
        pdf: bool,
        /// Fichier à écrire (le format se déduit aussi de l'extension .csv ou .pdf).
        #[arg(long, value_name = "FICHIER")]
        out: Option<PathBuf>,
    },
    /// Sauvegardes automatiques : les lister, en faire une, en restaurer une, choisir un second dossier.
    #[command(subcommand)]
    Backup(BackupCmd),
    /// Les crédits des relevés bancaires : les voir, les accepter, les ignorer.
    #[command(subcommand)]
    Bank(BankCmd),
    /// La messagerie : régler le serveur d'envoi, tester la connexion, envoyer l'étape d'un client.
    #[command(subcommand)]
    Mail(MailCmd),
    /// Affiche le chemin de la base de données utilisée.
    Where,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Importe des factures et avoirs : Factur-X (PDF), CII ou UBL (XML), exports CSV ; des fichiers ou des
    /// dossiers entiers. Montre d'abord ce qui sera créé, ignoré ou en conflit, puis écrit tout en une fois.
    Invoices {
        /// Fichiers (.pdf, .xml, .csv) ou dossiers.
        #[arg(value_name = "CHEMIN", required = true, num_args = 1..)]
        paths: Vec<PathBuf>,
        /// Montre seulement ce qui serait importé, sans rien écrire.
        #[arg(long)]
        dry_run: bool,
        /// Pour les acheteurs sans SIREN ni numéro de TVA : professional (entreprise) ou consumer (particulier).
        /// Sans cette option, leurs factures sont laissées de côté et signalées.
        #[arg(long, value_name = "TYPE")]
        buyers_without_id: Option<String>,
    },
    /// Importe un relevé bancaire (OFX, CAMT.053, CFONB 120, CSV) : chaque crédit une seule fois, puis ce qu'il paie
    /// probablement et pourquoi. Rien n'est accepté sans vous (`tact bank accept`).
    Bank {
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Montre seulement ce qui serait importé, sans rien écrire.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BankCmd {
    /// Les crédits des relevés importés, avec pour ceux à traiter la proposition la plus probable.
    List {
        /// Seulement ceux qui restent à traiter.
        #[arg(long)]
        unmatched: bool,
    },
    /// Accepte un crédit : un règlement (sa date, son montant, son moyen), affecté à la proposition la plus
    /// probable, ou aux factures données.
    Accept {
        #[arg(value_name = "LIGNE")]
        line: i64,
        /// Facture réglée, avec le montant affecté (FACTURE ou FACTURE=MONTANT), répétable.
        #[arg(long = "invoice", value_name = "FACTURE[=MONTANT]")]
        invoices: Vec<String>,
        /// Le client, pour un crédit sans facture (tout en avoir client).
        #[arg(long)]
        client: Option<i64>,
    },
    /// « Tout valider » : accepte d'un coup chaque crédit dont la proposition est sûre (confiance d'au moins 90 %),
    /// en une seule transaction ; les autres restent à traiter.
    AcceptSure,
    /// Ignore un crédit (remboursement, virement entre vos comptes) : il ne sera plus proposé.
    Ignore {
        #[arg(value_name = "LIGNE")]
        line: i64,
    },
    /// Retient qu'un libellé désigne un client (« ce libellé = ce client ») pour les prochains relevés.
    Rule {
        #[arg(long)]
        label: String,
        #[arg(long)]
        client: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum MailCmd {
    /// Règle le serveur d'envoi (SMTP) de votre messagerie. Le mot de passe va dans le trousseau du système :
    /// lu sur l'entrée standard avec --password-stdin, ou pris dans TACT_SMTP_PASSWORD au moment d'envoyer.
    Setup {
        #[arg(long, value_name = "SERVEUR")]
        host: String,
        #[arg(long)]
        port: u16,
        /// tls (SSL/TLS, 465), starttls (587), ou none (seulement pour un serveur sur cet ordinateur).
        #[arg(long, value_name = "tls|starttls|none")]
        security: String,
        /// Identifiant, s'il diffère de l'adresse.
        #[arg(long)]
        login: Option<String>,
        /// Adresse d'expéditeur.
        #[arg(long, value_name = "ADRESSE")]
        from: String,
        /// Nom affiché de l'expéditeur.
        #[arg(long)]
        name: Option<String>,
        /// Adresse de réponse, si elle diffère.
        #[arg(long, value_name = "ADRESSE")]
        reply_to: Option<String>,
        /// Signature ajoutée sous chaque message.
        #[arg(long)]
        signature: Option<String>,
        /// Ne pas s'envoyer de copie cachée de chaque message.
        #[arg(long)]
        no_copy: bool,
        /// Certificat à approuver (PEM), pour un pont local comme Proton Mail Bridge.
        #[arg(long, value_name = "FICHIER")]
        ca_file: Option<PathBuf>,
        /// Lire le mot de passe sur l'entrée standard et le garder dans le trousseau.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Se connecte au serveur et s'authentifie, sans rien envoyer.
    Test,
    /// Envoie l'étape du jour d'un client (son e-mail tel que Tact le rédige) et l'inscrit à l'historique une fois
    /// acceptée par le serveur.
    Send {
        /// Le client dont l'étape du jour part.
        #[arg(long, required_unless_present = "letter", conflicts_with = "letter")]
        client: Option<i64>,
        /// Ou : la copie par e-mail d'une lettre archivée (mise en demeure envoyée en recommandé), PDF joint.
        #[arg(long, value_name = "LETTRE")]
        letter: Option<i64>,
        /// Envoyer sans demander, même un samedi, un dimanche ou un jour férié.
        #[arg(long)]
        yes: bool,
        /// Copie à (adresses séparées par des virgules).
        #[arg(long)]
        cc: Option<String>,
        /// Renvoyer un message dont l'envoi n'a pas été confirmé par le serveur.
        #[arg(long)]
        resend: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Les sauvegardes existantes, la plus récente d'abord, et leurs dossiers.
    List,
    /// Fait une sauvegarde maintenant (base et lettres archivées).
    Create,
    /// Remplace le registre par le contenu d'une sauvegarde (l'état actuel est sauvegardé d'abord).
    Restore {
        /// Fichier de sauvegarde (tact-AAAA-MM-JJ.zip).
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Choisit le second dossier des sauvegardes (dossier synchronisé, clé USB) ; --none l'oublie.
    Folder {
        #[arg(value_name = "DOSSIER", required_unless_present = "none")]
        dir: Option<PathBuf>,
        #[arg(long, conflicts_with = "dir")]
        none: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PolicyCmd {
    /// Affiche les réglages en vigueur.
    Show,
    /// Remplace les réglages par ceux d'un fichier JSON (même forme que `tact --json policy show`).
    Set {
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Rétablit les réglages par défaut.
    Reset,
}

#[derive(Debug, Subcommand)]
pub enum BusinessCmd {
    /// Affiche le profil de l'entreprise.
    Show,
    /// Crée ou modifie le profil (les champs non indiqués gardent leur valeur).
    Set(BusinessArgs),
}

#[derive(Debug, Args, Default)]
pub struct BusinessArgs {
    /// Nom ou raison sociale.
    #[arg(long)]
    pub legal_name: Option<String>,
    #[arg(long)]
    pub trade_name: Option<String>,
    /// Forme juridique (EI, EURL, SARL, SAS…).
    #[arg(long)]
    pub legal_form: Option<String>,
    #[arg(long)]
    pub siren: Option<String>,
    #[arg(long)]
    pub siret: Option<String>,
    #[arg(long)]
    pub vat_number: Option<String>,
    #[command(flatten)]
    pub contact: ContactArgs,
    #[arg(long)]
    pub iban: Option<String>,
    #[arg(long)]
    pub bic: Option<String>,
    #[arg(long)]
    pub signatory_name: Option<String>,
    #[arg(long)]
    pub signatory_title: Option<String>,
    /// Ville écrite après « Fait à » dans les courriers.
    #[arg(long)]
    pub signing_city: Option<String>,
    /// Délai de paiement par défaut : à réception, 30, 45fdm…
    #[arg(long)]
    pub default_terms: Option<String>,
    /// Taux annuel des pénalités de retard (vide : taux légal, BCE + 10 points).
    #[arg(long)]
    pub penalty_rate: Option<String>,
}

/// Postal address, email and phone: the same options for the business and for clients.
#[derive(Debug, Args, Default)]
pub struct ContactArgs {
    /// Numéro et rue.
    #[arg(long)]
    pub address_line1: Option<String>,
    /// Complément d'adresse (bâtiment, BP…).
    #[arg(long)]
    pub address_line2: Option<String>,
    #[arg(long)]
    pub postcode: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    /// Pays (France par défaut).
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClientsCmd {
    /// Ajoute un client.
    Add(ClientArgs),
    /// Liste les clients avec leur reste dû et leur retard.
    List {
        /// Filtre sur le nom, le contact, l'e-mail ou la ville.
        #[arg(long)]
        search: Option<String>,
        /// Inclut les clients archivés.
        #[arg(long)]
        all: bool,
        /// Seulement les clients archivés.
        #[arg(long, conflicts_with = "all")]
        archived: bool,
    },
    /// Fiche client : coordonnées, factures, règlements, historique.
    Show { id: i64 },
    /// Modifie un client (les champs non indiqués gardent leur valeur).
    Edit {
        id: i64,
        #[command(flatten)]
        fields: ClientArgs,
    },
    /// Archive un client (ses données sont conservées).
    Archive { id: i64 },
    /// Réactive un client archivé.
    Unarchive { id: i64 },
    /// Supprime un client sans facture, règlement ni historique.
    Delete { id: i64 },
}

#[derive(Debug, Args, Default)]
pub struct ClientArgs {
    /// professional (professionnel) ou consumer (particulier).
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub siren: Option<String>,
    /// Personne à contacter.
    #[arg(long = "contact")]
    pub contact_name: Option<String>,
    /// Civilité de la personne à qui l'on écrit (le particulier, ou le contact) : madame ou monsieur ; vide si
    /// inconnue.
    #[arg(long)]
    pub civility: Option<String>,
    #[command(flatten)]
    pub contact: ContactArgs,
    /// email, phone ou letter.
    #[arg(long)]
    pub channel: Option<String>,
    /// fr ou en.
    #[arg(long)]
    pub language: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long)]
    pub client_since: Option<String>,
    /// none, sauvegarde, redressement ou liquidation.
    #[arg(long)]
    pub collective_procedure: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum InvoicesCmd {
    /// Ajoute une facture.
    Add(InvoiceArgs),
    /// Liste les factures avec leur reste dû et leur statut.
    List {
        #[arg(long)]
        client: Option<i64>,
        /// open, partially_paid, paid, overdue, disputed, written_off, cancelled.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        search: Option<String>,
        /// Seulement les factures en retard d'au moins N jours.
        #[arg(long, value_name = "N")]
        min_days_late: Option<i64>,
    },
    /// Détail d'une facture (par numéro ou identifiant).
    Show { invoice: String },
    /// Corrige une facture (les champs non indiqués gardent leur valeur).
    Edit {
        invoice: String,
        #[command(flatten)]
        fields: InvoiceArgs,
    },
}

#[derive(Debug, Args, Default)]
pub struct InvoiceArgs {
    /// Numéro de facture (unique).
    #[arg(long)]
    pub number: Option<String>,
    /// Identifiant du client.
    #[arg(long)]
    pub client: Option<i64>,
    #[arg(long)]
    pub issue_date: Option<String>,
    #[arg(long)]
    pub delivery_date: Option<String>,
    /// Délai : à réception, 30, 45fdm… (par défaut celui de l'entreprise).
    #[arg(long)]
    pub terms: Option<String>,
    /// Échéance explicite (remplace le délai).
    #[arg(long)]
    pub due_date: Option<String>,
    /// Montant TTC.
    #[arg(long)]
    pub amount: Option<String>,
    #[arg(long)]
    pub amount_ht: Option<String>,
    #[arg(long)]
    pub vat: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// Taux des pénalités de retard stipulé pour cette facture.
    #[arg(long)]
    pub penalty_rate: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PaymentsCmd {
    /// Enregistre un règlement. Sans --alloc, il est affecté aux factures en retard puis aux plus anciennes.
    Add {
        #[arg(long)]
        client: i64,
        /// Date de valeur (date où les fonds sont disponibles).
        #[arg(long)]
        date: String,
        #[arg(long)]
        amount: String,
        /// virement, cheque, carte, especes, prelevement ou autre.
        #[arg(long)]
        method: String,
        #[arg(long)]
        reference: Option<String>,
        /// Affectation FACTURE=MONTANT (répétable), ex. --alloc F-2026-033=300.
        #[arg(long = "alloc", value_name = "FACTURE=MONTANT")]
        allocations: Vec<String>,
        /// N'affecte rien : tout le règlement reste en avoir client.
        #[arg(long, conflicts_with = "allocations")]
        no_alloc: bool,
    },
    /// Liste les règlements.
    List {
        #[arg(long)]
        client: Option<i64>,
    },
    /// Détail d'un règlement.
    Show { id: i64 },
    /// Annule un règlement saisi par erreur : il reste dans l'historique, mais ne compte plus ; les factures qu'il
    /// réglait sont de nouveau dues.
    Reverse {
        id: i64,
        /// Motif (ex. « saisi deux fois »).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Affecte la part non affectée d'un règlement (avoir client) à des factures.
    Allocate {
        #[arg(long)]
        payment: i64,
        #[arg(long = "alloc", value_name = "FACTURE=MONTANT", required = true)]
        allocations: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CreditNotesCmd {
    /// Ajoute un avoir sur une facture.
    Add {
        /// Facture concernée (numéro ou identifiant).
        #[arg(long)]
        invoice: String,
        /// Numéro de l'avoir.
        #[arg(long)]
        number: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Liste les avoirs.
    List {
        #[arg(long)]
        client: Option<i64>,
    },
    /// Détail d'un avoir.
    Show { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum JournalCmd {
    /// Ajoute une entrée à l'historique d'un client.
    Add {
        #[arg(long)]
        client: i64,
        /// note, call, promise, dispute_opened, dispute_settled, friendly_reminder, firm_reminder, last_reminder,
        /// preventive_note, letter, formal_notice, write_off.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        date: String,
        /// Facture concernée (numéro ou identifiant).
        #[arg(long)]
        invoice: Option<String>,
        /// email, phone, letter, registered_letter, in_person, sms, other.
        #[arg(long)]
        channel: Option<String>,
        /// Pour un appel : reached, no_answer, promise, dispute, difficulty.
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        promise_date: Option<String>,
        #[arg(long)]
        promise_amount: Option<String>,
        #[arg(long)]
        text: Option<String>,
        /// Identifiant de l'entrée que celle-ci corrige.
        #[arg(long)]
        corrects: Option<i64>,
    },
    /// Historique d'un client.
    List {
        #[arg(long)]
        client: i64,
    },
    /// Détail d'une entrée.
    Show { id: i64 },
}

/// Ce que toutes les lettres ont en commun.
#[derive(Debug, clap::Args)]
pub struct LetterArgs {
    #[arg(long)]
    pub client: i64,
    /// Le fichier PDF à écrire.
    #[arg(long, value_name = "FICHIER.pdf")]
    pub out: PathBuf,
    /// Remplace le paragraphe d'ouverture proposé.
    #[arg(long, value_name = "TEXTE")]
    pub opening: Option<String>,
    /// Remplace le paragraphe de conclusion proposé.
    #[arg(long, value_name = "TEXTE")]
    pub closing: Option<String>,
    /// Sans repères de pliage (pour un service de recommandé en ligne).
    #[arg(long)]
    pub no_fold_marks: bool,
    /// Version définitive : archive une copie (avec son empreinte) et l'inscrit dans l'historique du client.
    #[arg(long = "final")]
    pub final_version: bool,
}

#[derive(Debug, Subcommand)]
pub enum LetterCmd {
    /// Mise en demeure de payer (lettre recommandée avec accusé de réception).
    MiseEnDemeure {
        #[command(flatten)]
        args: LetterArgs,
        /// Délai de paiement en jours à compter de la réception (8 par défaut).
        #[arg(long, default_value_t = 8)]
        deadline_days: u32,
        /// Numéro du recommandé, s'il est déjà connu.
        #[arg(long, value_name = "N°")]
        registered_number: Option<String>,
    },
    /// Relance par courrier (amiable, ou ferme avec --ferme).
    Relance {
        #[command(flatten)]
        args: LetterArgs,
        #[arg(long)]
        ferme: bool,
        /// Délai de paiement en jours (8 par défaut).
        #[arg(long, default_value_t = 8)]
        deadline_days: u32,
    },
    /// Relevé de compte du client.
    Releve {
        #[command(flatten)]
        args: LetterArgs,
    },
    /// Dossier de recouvrement : parties, sommes dues avec pénalités, chronologie des échanges, lettres et AR,
    /// suites possibles et pièces à joindre (pour un commissaire de justice, le tribunal ou une société de
    /// recouvrement). Ni archivé ni noté dans l'historique.
    Dossier {
        #[arg(long)]
        client: i64,
        /// Le fichier PDF à écrire.
        #[arg(long, value_name = "FICHIER.pdf")]
        out: PathBuf,
    },
    /// Réclamation des pénalités de retard des factures réglées après leur échéance (professionnels).
    Reclamation {
        #[command(flatten)]
        args: LetterArgs,
        /// Délai de paiement en jours (8 par défaut).
        #[arg(long, default_value_t = 8)]
        deadline_days: u32,
    },
    /// L'échéancier de paiement à signer, en deux exemplaires (le dernier proposé du client, ou --plan).
    Plan {
        #[arg(long, value_name = "ID")]
        plan: i64,
        /// Le fichier PDF à écrire.
        #[arg(long, value_name = "FICHIER.pdf")]
        out: PathBuf,
        #[arg(long, value_name = "TEXTE")]
        opening: Option<String>,
        #[arg(long, value_name = "TEXTE")]
        closing: Option<String>,
        #[arg(long)]
        no_fold_marks: bool,
        /// Version définitive : archivée et inscrite dans l'historique.
        #[arg(long = "final")]
        final_version: bool,
    },
    /// Mise en demeure après une échéance impayée, qui invoque la déchéance du terme de l'échéancier.
    Decheance {
        #[command(flatten)]
        args: LetterArgs,
        #[arg(long, value_name = "N°")]
        registered_number: Option<String>,
    },
    /// Les lettres archivées d'un client.
    List {
        #[arg(long)]
        client: i64,
    },
    /// Note le n° de recommandé, la date de dépôt et la date de l'accusé de réception d'une lettre archivée.
    Mailing {
        #[arg(long, value_name = "ID")]
        letter: i64,
        /// Le n° de recommandé (vide pour l'effacer) ; sans l'option, celui déjà noté est gardé.
        #[arg(long, value_name = "N°")]
        number: Option<String>,
        /// Date de dépôt, JJ/MM/AAAA ; sans l'option, celle déjà notée est gardée.
        #[arg(long)]
        posted: Option<String>,
        /// Date de l'accusé de réception, JJ/MM/AAAA ; sans l'option, celle déjà notée est gardée.
        #[arg(long)]
        received: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// Propose un échéancier (ou l'aperçu seul avec --preview) : par défaut, toutes les factures en retard du client.
    Propose {
        #[arg(long)]
        client: i64,
        /// Numéros (ou identifiants) des factures, séparés par des virgules.
        #[arg(long, value_delimiter = ',', value_name = "N1,N2")]
        invoices: Vec<String>,
        /// Nombre d'échéances (hors acompte)…
        #[arg(long, value_name = "N", default_value = "")]
        instalments: String,
        /// …ou montant de chaque échéance (la dernière prend le reste).
        #[arg(long, value_name = "MONTANT", default_value = "")]
        amount: String,
        /// Acompte, dû à la première date.
        #[arg(long, value_name = "MONTANT", default_value = "")]
        down_payment: String,
        /// Première échéance (JJ/MM/AAAA ou AAAA-MM-JJ).
        #[arg(long, value_name = "DATE", default_value = "")]
        first: String,
        /// week, fortnight ou month.
        #[arg(long, value_name = "PÉRIODE", default_value = "month")]
        every: String,
        /// Dates explicites, séparées par des virgules (l'acompte en premier), au lieu de --first/--every.
        #[arg(long, value_delimiter = ',', value_name = "D1,D2")]
        dates: Vec<String>,
        /// Reporte au jour ouvré suivant une échéance qui tombe un week-end ou un jour férié.
        #[arg(long)]
        shift: bool,
        /// waive (abandonnées si respecté), keep (réparties) ou defer (sur la dernière échéance).
        #[arg(long, value_name = "CHOIX", default_value = "waive")]
        penalties: String,
        /// Préavis avant la déchéance du terme, en jours (8 entre professionnels, 30 pour un particulier).
        #[arg(long, value_name = "JOURS", default_value = "")]
        notice_days: String,
        /// L'échéancier que celui-ci révise (l'ancien est conservé).
        #[arg(long, value_name = "ID")]
        replaces: Option<i64>,
        /// Calcule et affiche sans rien enregistrer.
        #[arg(long)]
        preview: bool,
    },
    /// Note la signature du client (reconnaissance de la dette).
    Sign {
        #[arg(long, value_name = "ID")]
        plan: i64,
        /// Date de signature (JJ/MM/AAAA).
        #[arg(long)]
        date: String,
    },
    /// Un échéancier et l'état de chaque échéance.
    Show {
        #[arg(long, value_name = "ID")]
        plan: i64,
    },
    /// Les échéanciers d'un client, versions révisées comprises.
    List {
        #[arg(long)]
        client: i64,
    },
}

/// A usage error, in French, with status 2: as JSON `{"error": {code: "usage", message, field}}` on stderr when
/// `--json` is among the arguments (scripts parse it), else a sentence and where to look. `--help` and `--version`
/// print as clap does.
pub fn usage(e: clap::Error) -> std::process::ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let context = |kind: ContextKind| -> Option<String> {
        match e.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            _ => None,
        }
    };
    let arg = context(ContextKind::InvalidArg);
    let what = arg.clone().unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("option inconnue\u{a0}: {what}."),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue\u{a0}: {}.",
            context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("option obligatoire manquante\u{a0}: {what}.")
        }
        ErrorKind::MissingSubcommand => {
            "il manque la commande (par exemple\u{a0}: clients list).".to_owned()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "valeur invalide pour {what}\u{a0}: «\u{a0}{}\u{a0}».",
            context(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!("options incompatibles\u{a0}: {what}."),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour {what}.")
        }
        _ => "arguments invalides.".to_owned(),
    };
    let message = format!("Utilisation\u{a0}: {message} Voir tact --help.");
    if std::env::args().any(|a| a == "--json") {
        let field = arg.map(|a| {
            a.trim_start_matches('-')
                .split([' ', '='])
                .next()
                .unwrap_or_default()
                .replace('-', "_")
        });
        let error = tact_core::Error {
            code: tact_core::ErrorCode::Usage,
            message,
            field,
            also: Vec::new(),
        };
        eprintln!("{}", serde_json::json!({ "error": error }));
    } else {
        eprintln!("Erreur\u{a0}: {message}");
    }
    std::process::ExitCode::from(2)
}
