//! Messages (SPEC §8): one table, keyed by rule id, in French (default), German and English.
//!
//! Each row names the rule it explains and whether it is said when the check passes, when it
//! fails, or as a next action. Placeholders in braces (`{date}`) are filled by the rules; the
//! rule ids never change with the language.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::campaign::{Check, NextAction};
use crate::rules::{Finding, Param, Params, Rule, Todo};
use crate::text::Text;

/// Language of the messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French (default).
    #[default]
    Fr,
    /// German (the German-speaking Community's schools are in Wallonia).
    De,
    /// English.
    En,
}

by_name!(Lang { "fr" => Fr, "de" => De, "en" => En });

impl Lang {
    /// Of three words given in French, German and English, the one in this language.
    fn pick(self, [fr, de, en]: [&'static str; 3]) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::De => de,
            Lang::En => en,
        }
    }
}

/// When a message is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    /// The check passed.
    Pass,
    /// The check failed.
    Fail,
    /// A next action.
    Action,
}

macro_rules! table {
    ($($name:ident: $rule:ident $said:ident => [$fr:literal, $de:literal, $en:literal];)*) => {
        /// One message of the table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $(#[doc = $en] $name,)* }

        impl Msg {
            /// Every message of the table.
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            /// How many messages the table has.
            pub(crate) const COUNT: usize = Self::ALL.len();

            /// The rule the message belongs to, and when it is said.
            pub fn key(self) -> (Rule, Said) {
                match self { $(Msg::$name => (Rule::$rule, Said::$said),)* }
            }

            /// The text with its placeholders.
            pub fn template(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$name => match lang { Lang::Fr => $fr, Lang::De => $de, Lang::En => $en },)*
                }
            }
        }
    };
}

table! {
    // Said of nearly every dossier: without its FASE number (the report's `establishment`),
    // one text serves them all instead of one allocation per dossier.
    EstablishmentKnown: DossierEstablishment Pass => [
        "L'établissement du dossier est connu.",
        "Die Einrichtung der Akte ist bekannt.",
        "The dossier's establishment is known."];
    EstablishmentUnknown: DossierEstablishment Fail => [
        "Aucun établissement FASE {fase} n'est connu.",
        "Keine Einrichtung mit FASE {fase} ist bekannt.",
        "No establishment FASE {fase} is known."];
    LevelPass: EligibilityLevel Pass => [
        "L'établissement organise un enseignement éligible à {edition}.",
        "Die Einrichtung bietet einen für {edition} zulässigen Unterricht an.",
        "The establishment offers teaching eligible for {edition}."];
    LevelFail: EligibilityLevel Fail => [
        "L'établissement n'organise aucun niveau et type d'enseignement éligible à {edition}.",
        "Die Einrichtung bietet keine für {edition} zulässige Stufe und Unterrichtsform an.",
        "The establishment offers no level and kind of teaching eligible for {edition}."];
    RegionPass: EligibilityRegion Pass => [
        "Au moins une implantation se trouve dans une région couverte par {edition}.",
        "Mindestens ein Standort (Implantation) liegt in einer von {edition} abgedeckten Region.",
        "At least one site (implantation) lies in a region covered by {edition}."];
    RegionFail: EligibilityRegion Fail => [
        "Aucune implantation du dossier ne se trouve dans une région couverte par {edition}.",
        "Kein Standort (Implantation) der Akte liegt in einer von {edition} abgedeckten Region.",
        "No site (implantation) of the dossier lies in a region covered by {edition}."];
    RegionPassStrangers: EligibilityRegion Pass => [
        "Au moins une implantation se trouve dans une région couverte par {edition} ; numéros FASE ignorés, qui ne sont pas des implantations de l'établissement : {fases}.",
        "Mindestens ein Standort (Implantation) liegt in einer von {edition} abgedeckten Region; nicht berücksichtigte FASE-Nummern, die keine Standorte der Einrichtung sind: {fases}.",
        "At least one site (implantation) lies in a region covered by {edition}; FASE numbers ignored, as they are not sites of the establishment: {fases}."];
    RegionFailStrangers: EligibilityRegion Fail => [
        "Aucune implantation du dossier ne se trouve dans une région couverte par {edition} ; numéros FASE qui ne sont pas des implantations de l'établissement : {fases}.",
        "Kein Standort (Implantation) der Akte liegt in einer von {edition} abgedeckten Region; FASE-Nummern, die keine Standorte der Einrichtung sind: {fases}.",
        "No site (implantation) of the dossier lies in a region covered by {edition}; FASE numbers that are not sites of the establishment: {fases}."];
    NeverLaureatePass: EligibilityNeverLaureate Pass => [
        "L'établissement n'a été lauréat d'aucune édition exclue ({years}).",
        "Die Einrichtung war in keinem der ausgeschlossenen Jahre ({years}) Preisträger.",
        "The establishment was not a laureate in any of the excluded years ({years})."];
    NeverLaureateFail: EligibilityNeverLaureate Fail => [
        "L'établissement a été lauréat en {years} : {edition} ne lui est pas accessible.",
        "Die Einrichtung war {years} Preisträger: {edition} steht ihr nicht offen.",
        "The establishment was a laureate in {years}: {edition} is not open to it."];
    WindowPass: EligibilityDeclarationWindow Pass => [
        "Candidature déclarée le {date}, entre le {opens} et le {closes}.",
        "Kandidatur am {date} angemeldet, zwischen dem {opens} und dem {closes}.",
        "Candidature declared on {date}, between {opens} and {closes}."];
    WindowOutside: EligibilityDeclarationWindow Fail => [
        "Candidature déclarée le {date}, hors de la période du {opens} au {closes}.",
        "Kandidatur am {date} angemeldet, außerhalb des Zeitraums vom {opens} bis zum {closes}.",
        "Candidature declared on {date}, outside the window {opens} to {closes}."];
    WindowMissed: EligibilityDeclarationWindow Fail => [
        "Aucune candidature déclarée au plus tard le {closes}, jour de clôture.",
        "Bis zum Ende des Anmeldezeitraums am {closes} wurde keine Kandidatur angemeldet.",
        "No candidature declared by {closes}, the day the window closed."];
    OnePerPass: EligibilityOnePerEstablishment Pass => [
        "Dossier retenu pour l'établissement dans {edition} (au plus {max} par FE).",
        "Akte für die Einrichtung in {edition} berücksichtigt (höchstens {max} pro Einrichtung).",
        "Dossier retained for the establishment in {edition} (at most {max} per establishment)."];
    OnePerFail: EligibilityOnePerEstablishment Fail => [
        "Dossier non retenu dans {edition} (au plus {max} par FE) ; priorité, par date de déclaration puis identifiant, à : {others}.",
        "Akte in {edition} nicht berücksichtigt (höchstens {max} pro Einrichtung); Vorrang nach Anmeldedatum, dann Kennung, für: {others}.",
        "Dossier not retained in {edition} (at most {max} per establishment); retained instead, by declaration date then id: {others}."];
    KnownItemPass: GridKnownItem Pass => [
        "Chaque article figure dans la grille de {edition}.",
        "Jeder Artikel steht im Raster von {edition}.",
        "Every item is on the grid of {edition}."];
    KnownItemFail: GridKnownItem Fail => [
        "Articles absents de la grille de {edition} : {items}.",
        "Artikel, die nicht im Raster von {edition} stehen: {items}.",
        "Items not on the grid of {edition}: {items}."];
    QuantityPass: GridQuantity Pass => [
        "Toutes les quantités sont valides.",
        "Alle Mengen sind gültig.",
        "Every quantity is valid."];
    QuantityFail: GridQuantity Fail => [
        "Quantités invalides (nombre entier d'au moins 1, ou 0 à maximum pour une ligne notée) : {items}.",
        "Ungültige Mengen (ganze Zahl ab 1, oder 0 bis Maximum bei einer bewerteten Zeile): {items}.",
        "Invalid quantities (a whole number of at least 1, or 0 to the maximum on a rated line): {items}."];
    MaxPointsPass: GridMaxPoints Pass => [
        "Points utilisés : {total} sur {max} ; restants : {remaining}.",
        "Punkte verwendet: {total} von {max}; verbleibend: {remaining}.",
        "Points used: {total} of {max}; remaining: {remaining}."];
    MaxPointsFail: GridMaxPoints Fail => [
        "{total} points : le maximum de {max} points par projet est dépassé de {over}.",
        "{total} Punkte: Das Maximum von {max} Punkten pro Projekt ist um {over} überschritten.",
        "{total} points: the maximum of {max} points per project is exceeded by {over}."];
    ChronologyPass: DossierChronology Pass => [
        "Les étapes du dossier se suivent dans l'ordre.",
        "Die Schritte der Akte folgen in der richtigen Reihenfolge.",
        "The dossier's steps follow in order."];
    ChronologyFail: DossierChronology Fail => [
        "L'étape « {stage} » est datée du {date}, avant l'étape précédente ({previous}).",
        "Der Schritt „{stage}“ ist auf den {date} datiert, vor dem vorherigen Schritt ({previous}).",
        "Step '{stage}' is dated {date}, before the previous step ({previous})."];
    SurveyPass: ProcessSurvey Pass => [
        "Enquête préalable terminée le {date}.",
        "Vorerhebung am {date} abgeschlossen.",
        "Prior survey completed on {date}."];
    SurveyFail: ProcessSurvey Fail => [
        "Enquête préalable incomplète : {items}.",
        "Vorerhebung unvollständig: {items}.",
        "Prior survey incomplete: {items}."];
    ApprovalsPass: ProcessApprovals Pass => [
        "Accords du CEN et de l'expert pédagogique reçus au plus tard à la signature.",
        "Zustimmung des Ecole-Numérique-Beraters (CEN) und des pädagogischen Experten spätestens bei der Unterschrift erhalten.",
        "Approvals of the CEN and the pedagogical expert received no later than the signature."];
    ApprovalsFail: ProcessApprovals Fail => [
        "Accord manquant ou postérieur à la signature : {items}.",
        "Zustimmung fehlt oder liegt nach der Unterschrift: {items}.",
        "Approval missing or dated after the signature: {items}."];
    SignaturePass: ProcessSignature Pass => [
        "Dossier signé le {date} par : {items}.",
        "Akte am {date} unterschrieben von: {items}.",
        "Dossier signed on {date} by: {items}."];
    SignatureFail: ProcessSignature Fail => [
        "Le dossier doit être signé par le PO et/ou la direction.",
        "Die Akte muss vom Schulträger und/oder der Schulleitung unterschrieben werden.",
        "The dossier must be signed by the organising authority (PO) and/or the school management (direction)."];
    DeadlineConfirmed: MaturityDeadline Pass => [
        "Dossier confirmé : signé le {date}, au plus tard le {last_day}, dernier jour pour {edition}.",
        "Akte bestätigt: am {date} unterschrieben, spätestens am {last_day}, dem letzten Tag für {edition}.",
        "Dossier confirmed: signed on {date}, no later than {last_day}, the last day for {edition}."];
    DeadlineOpen: MaturityDeadline Pass => [
        "Le dossier peut être confirmé jusqu'au {last_day} (édition {edition}).",
        "Die Akte kann bis zum {last_day} bestätigt werden (Ausgabe {edition}).",
        "The dossier can be confirmed until {last_day} (edition {edition})."];
    DeadlinePassed: MaturityDeadline Fail => [
        "Dossier pas assez mature : non confirmé au {last_day}, dernier jour pour {edition}.",
        "Akte nicht reif genug: bis zum {last_day}, dem letzten Tag für {edition}, nicht bestätigt.",
        "Dossier not mature enough: not confirmed by {last_day}, the last day for {edition}."];
    CarryOverDone: MaturityCarryOver Pass => [
        "Dossier reporté de {from} à {to} le {date}.",
        "Akte am {date} von {from} auf {to} übertragen.",
        "Dossier carried over from {from} to {to} on {date}."];
    CarryOverWaiting: MaturityCarryOver Fail => [
        "Dossier reporté à l'édition suivante {to}, pas encore connue.",
        "Akte auf die nächste Ausgabe {to} übertragen, die noch nicht bekannt ist.",
        "Dossier carried over to the next edition {to}, not known yet."];
    CarryOverNowhere: MaturityCarryOver Fail => [
        "Dossier à reporter, mais {edition} ne prévoit pas d'édition suivante.",
        "Akte zu übertragen, aber {edition} sieht keine nächste Ausgabe vor.",
        "Dossier to carry over, but {edition} names no next edition."];
    SignedNotePass: DeliverySignedNote Pass => [
        "Bon de livraison signé.",
        "Lieferschein unterschrieben.",
        "Delivery note signed."];
    SignedNoteFail: DeliverySignedNote Fail => [
        "Le bon de livraison n'est pas signé : c'est obligatoire.",
        "Der Lieferschein ist nicht unterschrieben: Das ist Pflicht.",
        "The delivery note is not signed: it is mandatory."];
    BoxesNotedPass: DeliveryBoxesNoted Pass => [
        "Nombre de boîtes reçues indiqué sur le bon de livraison.",
        "Anzahl der erhaltenen Kartons auf dem Lieferschein vermerkt.",
        "Number of boxes received written on the delivery note."];
    BoxesNotedFail: DeliveryBoxesNoted Fail => [
        "Le nombre de boîtes reçues n'est pas indiqué sur le bon de livraison.",
        "Die Anzahl der erhaltenen Kartons ist nicht auf dem Lieferschein vermerkt.",
        "The number of boxes received is not written on the delivery note."];
    NotUnpackedPass: DeliveryNotUnpacked Pass => [
        "Colis non déballés avant la réception par le SPW.",
        "Pakete vor der Abnahme durch den ÖDW nicht ausgepackt.",
        "Parcels not unpacked before SPW's reception."];
    NotUnpackedFail: DeliveryNotUnpacked Fail => [
        "Colis déballés avant la réception par le SPW.",
        "Pakete vor der Abnahme durch den ÖDW ausgepackt.",
        "Parcels unpacked before SPW's reception."];
    AppointmentPass: ReceptionAppointment Pass => [
        "Réception sur rendez-vous, pris le {date}.",
        "Abnahme mit Termin, vereinbart am {date}.",
        "Reception by appointment, booked on {date}."];
    AppointmentFail: ReceptionAppointment Fail => [
        "Aucun rendez-vous fixé au plus tard le jour de la visite de réception.",
        "Kein Termin spätestens am Tag des Abnahmebesuchs.",
        "No appointment on or before the day of the reception visit."];
    TeamPresentPass: ReceptionTeamMemberPresent Pass => [
        "Un membre de l'équipe du projet était présent à la réception.",
        "Ein Mitglied des Projektteams war bei der Abnahme anwesend.",
        "A project team member was present at the reception."];
    TeamPresentFail: ReceptionTeamMemberPresent Fail => [
        "Aucun membre de l'équipe du projet n'était présent à la réception (présence obligatoire).",
        "Kein Mitglied des Projektteams war bei der Abnahme anwesend (Anwesenheit ist Pflicht).",
        "No project team member was present at the reception (presence is mandatory)."];
    AccessiblePass: ReceptionAccessible Pass => [
        "Matériel accessible lors du passage de l'agent du SPW.",
        "Material beim Besuch des ÖDW-Mitarbeiters zugänglich.",
        "Equipment accessible at the SPW agent's visit."];
    AccessibleFail: ReceptionAccessible Fail => [
        "Matériel inaccessible lors du passage de l'agent du SPW.",
        "Material beim Besuch des ÖDW-Mitarbeiters nicht zugänglich.",
        "Equipment not accessible at the SPW agent's visit."];
    QuestionnairePass: EvaluationQuestionnaire Pass => [
        "Questionnaire d'évaluation du dispositif rempli le {date}.",
        "Bewertungsfragebogen am {date} beantwortet.",
        "Evaluation questionnaire answered on {date}."];
    EnSurveyPass: EvaluationSurvey Pass => [
        "Participation à l'enquête EN sur le projet le {date}.",
        "EN-Umfrage zum Projekt am {date} beantwortet.",
        "EN survey on the project answered on {date}."];
    SharingPass: EvaluationSharing Pass => [
        "Réalisations partagées le {date}.",
        "Ergebnisse am {date} geteilt.",
        "Achievements shared on {date}."];

    DoDeclare: EligibilityDeclarationWindow Action => [
        "Déclarer la candidature sur le site Ecole Numérique au plus tard le {due}.",
        "Die Kandidatur spätestens am {due} auf der Ecole-Numérique-Website anmelden.",
        "Declare the candidature on the Ecole Numérique site by {due}."];
    DoFixChronology: DossierChronology Action => [
        "Corriger les dates : l'étape « {stage} » ne peut pas précéder l'étape précédente.",
        "Die Daten berichtigen: Der Schritt „{stage}“ kann nicht vor dem vorherigen liegen.",
        "Correct the dates: step '{stage}' cannot come before the previous step."];
    DoReferent: ProcessSurvey Action => [
        "Identifier le référent / porteur de projet.",
        "Die Ansprechperson / den Projektverantwortlichen benennen.",
        "Name the referent / project leader."];
    DoConnectivity: ProcessSurvey Action => [
        "Réaliser le bilan de l'infrastructure connectique.",
        "Die Netzwerkinfrastruktur bewerten.",
        "Assess the connectivity infrastructure."];
    DoInfrastructure: ProcessSurvey Action => [
        "Réaliser le bilan de l'infrastructure de l'école.",
        "Die Infrastruktur der Schule bewerten.",
        "Assess the school's infrastructure."];
    DoContactPo: ProcessSurvey Action => [
        "Contacter le pouvoir organisateur : des travaux doivent être effectués.",
        "Den Schulträger kontaktieren: Es sind Arbeiten nötig.",
        "Contact the organising authority (PO): works are needed."];
    DoCommitMeans: ProcessSurvey Action => [
        "Débloquer des moyens financiers et/ou humains (engagements).",
        "Finanzielle und/oder personelle Mittel bereitstellen (Verpflichtungen).",
        "Commit financial and/or human means (engagements)."];
    DoCommitBandwidth: ProcessSurvey Action => [
        "Débloquer des moyens financiers et/ou humains (engagements), dont la mise à disposition d'une bande passante suffisante.",
        "Finanzielle und/oder personelle Mittel bereitstellen (Verpflichtungen), einschließlich ausreichender Bandbreite.",
        "Commit financial and/or human means (engagements), including sufficient bandwidth."];
    DoCompleteSurvey: ProcessSurvey Action => [
        "Terminer l'enquête préalable avec le CEN.",
        "Die Vorerhebung mit dem Ecole-Numérique-Berater (CEN) abschließen.",
        "Complete the prior survey with the CEN."];
    DoFixItems: GridKnownItem Action => [
        "Retirer ou corriger les articles absents de la grille : {items}.",
        "Artikel, die nicht im Raster stehen, entfernen oder berichtigen: {items}.",
        "Remove or correct the items not on the grid: {items}."];
    DoFixQuantities: GridQuantity Action => [
        "Corriger les quantités : {items}.",
        "Die Mengen berichtigen: {items}.",
        "Correct the quantities: {items}."];
    DoReducePoints: GridMaxPoints Action => [
        "Réduire la demande pour rester dans le maximum de {max} points (dépassement : {over}).",
        "Den Antrag kürzen, um im Maximum von {max} Punkten zu bleiben (Überschreitung: {over}).",
        "Reduce the request to stay within the maximum of {max} points (over by {over})."];
    DoApprovals: ProcessApprovals Action => [
        "Obtenir, au plus tard à la signature, l'accord de : {items}.",
        "Spätestens bei der Unterschrift die Zustimmung einholen von: {items}.",
        "Obtain, no later than the signature, the approval of: {items}."];
    DoSign: ProcessSignature Action => [
        "Faire signer le dossier par le PO et/ou la direction.",
        "Die Akte vom Schulträger und/oder der Schulleitung unterschreiben lassen.",
        "Have the dossier signed by the organising authority (PO) and/or the school management (direction)."];
    DoWaitOrder: ProcessOrder Action => [
        "Le SPW commande le matériel avec la vague {wave} du {order_on}.",
        "Der ÖDW bestellt das Material mit der Welle {wave} am {order_on}.",
        "SPW orders the equipment with wave {wave} on {order_on}."];
    DoWaitWave: ProcessOrder Action => [
        "Le SPW commande le matériel par vagues ; aucune date de livraison n'est annoncée.",
        "Der ÖDW bestellt das Material in Wellen; es wird kein Liefertermin angekündigt.",
        "SPW orders the equipment in waves; no delivery date is announced."];
    DoUnscheduled: WavesUnscheduled Action => [
        "Aucune vague ne peut prendre ce projet : il attend une nouvelle vague de commande.",
        "Keine Welle kann dieses Projekt aufnehmen: Es wartet auf eine neue Bestellwelle.",
        "No wave can take this project: it waits for a new order wave."];
    DoNotUnpack: DeliveryNotUnpacked Action => [
        "Ne pas déballer les colis avant la réception par le SPW.",
        "Die Pakete vor der Abnahme durch den ÖDW nicht auspacken.",
        "Do not unpack the parcels before SPW's reception."];
    DoNoteBoxes: DeliveryBoxesNoted Action => [
        "Indiquer le nombre de boîtes reçues sur le bon de livraison.",
        "Die Anzahl der erhaltenen Kartons auf dem Lieferschein vermerken.",
        "Write the number of boxes received on the delivery note."];
    DoSignNote: DeliverySignedNote Action => [
        "Signer le bon de livraison (obligatoire).",
        "Den Lieferschein unterschreiben (Pflicht).",
        "Sign the delivery note (mandatory)."];
    DoBookReception: ReceptionAppointment Action => [
        "Prendre rendez-vous avec le SPW pour la réception du matériel.",
        "Mit dem ÖDW einen Termin für die Abnahme des Materials vereinbaren.",
        "Book an appointment with SPW for the reception of the equipment."];
    DoBeThere: ReceptionTeamMemberPresent Action => [
        "Prévoir la présence d'un membre de l'équipe du projet à la réception.",
        "Die Anwesenheit eines Mitglieds des Projektteams bei der Abnahme sicherstellen.",
        "Make sure a project team member is present at the reception."];
    DoAccessible: ReceptionAccessible Action => [
        "Rendre le matériel accessible lors du passage de l'agent du SPW.",
        "Das Material beim Besuch des ÖDW-Mitarbeiters zugänglich machen.",
        "Make the equipment accessible at the SPW agent's visit."];
    DoUse: CommitmentUse Action => [
        "Utiliser le matériel en personne prudente et raisonnable jusqu'au {due}.",
        "Das Material bis zum {due} umsichtig und vernünftig nutzen.",
        "Use the equipment as a prudent and reasonable person until {due}."];
    DoInsure: CommitmentInsurance Action => [
        "Adapter l'assurance multirisques.",
        "Die Mehrgefahrenversicherung anpassen.",
        "Adapt the multi-risk insurance."];
    DoTrain: CommitmentTraining Action => [
        "Suivre des formations ; promouvoir les usages et le développement des compétences numériques.",
        "Fortbildungen besuchen; digitale Nutzungen und Kompetenzen fördern.",
        "Attend training courses; promote digital uses and skills."];
    DoQuestionnaire: EvaluationQuestionnaire Action => [
        "Répondre au questionnaire d'évaluation du dispositif Ecole Numérique.",
        "Den Bewertungsfragebogen zu Ecole Numérique beantworten.",
        "Answer the evaluation questionnaire on Ecole Numérique."];
    DoEnSurvey: EvaluationSurvey Action => [
        "Participer à l'enquête EN : faire le point sur le projet et son impact.",
        "An der EN-Umfrage teilnehmen: Bilanz des Projekts und seiner Wirkung ziehen.",
        "Take part in the EN survey: review the project and its impact."];
    DoShare: EvaluationSharing Action => [
        "Partager vos réalisations.",
        "Ihre Ergebnisse teilen.",
        "Share your achievements."];
    DoAwaitEdition: MaturityCarryOver Action => [
        "Le dossier sera réexaminé dans {to} dès que cette édition sera publiée.",
        "Die Akte wird in {to} erneut geprüft, sobald diese Ausgabe veröffentlicht ist.",
        "The dossier will be re-examined in {to} once that edition is published."];
}

/// Words put into messages (survey items, approvers, signers), said in each language.
///
/// There must stay fewer than 15 (message keys write each label as one base-16 digit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// `survey.referent`.
    Referent,
    /// `survey.connectivity_assessed`.
    ConnectivityAssessed,
    /// `survey.infrastructure_assessed`.
    InfrastructureAssessed,
    /// `survey.po_contacted`.
    PoContacted,
    /// `survey.means_committed`.
    MeansCommitted,
    /// The Ecole Numérique adviser.
    Cen,
    /// The pedagogical expert.
    Expert,
    /// The organising authority.
    Po,
    /// The school's head.
    Direction,
}

impl Label {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use Label::*;
        let words = match self {
            Referent => ["référent non identifié", "keine Ansprechperson benannt", "no referent named"],
            ConnectivityAssessed => [
                "bilan connectique non réalisé",
                "Netzwerkinfrastruktur nicht bewertet",
                "connectivity not assessed",
            ],
            InfrastructureAssessed => [
                "bilan de l'infrastructure non réalisé",
                "Schulinfrastruktur nicht bewertet",
                "school infrastructure not assessed",
            ],
            PoContacted => [
                "PO non contacté pour les travaux",
                "Schulträger wegen der Arbeiten nicht kontaktiert",
                "PO not contacted about the works",
            ],
            MeansCommitted => [
                "moyens non débloqués (engagements)",
                "keine Mittel bereitgestellt (Verpflichtungen)",
                "no means committed (engagements)",
            ],
            Cen => [
                "conseiller Ecole Numérique (CEN)",
                "Ecole-Numérique-Berater (CEN)",
                "Ecole Numérique adviser (CEN)",
            ],
            Expert => ["expert pédagogique", "pädagogischer Experte", "pedagogical expert"],
            Po => ["pouvoir organisateur (PO)", "Schulträger (PO)", "organising authority (PO)"],
            Direction => ["direction", "Schulleitung", "school management"],
        };
        lang.pick(words)
    }
}

impl Msg {
    /// The message in `lang`, with its placeholders filled from `params`.
    ///
    /// ```
    /// use ecole_numerique::messages::{Lang, Msg};
    /// use ecole_numerique::rules::Param;
    /// let due = chrono::NaiveDate::from_ymd_opt(2021, 12, 17).unwrap();
    /// let text = Msg::DoDeclare.render(Lang::De, &[("due", Param::Date(due))].into());
    /// assert_eq!(text, "Die Kandidatur spätestens am 2021-12-17 auf der Ecole-Numérique-Website anmelden.");
    /// ```
    pub fn render(self, lang: Lang, params: &Params<'_>) -> String {
        let template = self.template(lang);
        let mut out = String::with_capacity(template.len() + 24);
        fill_pieces(&mut out, &pieces(template), lang, params);
        out
    }

    /// The rule id the message belongs to.
    pub fn rule(self) -> Rule {
        self.key().0
    }

    /// Whether many dossiers say this message with the same values, so that it is worth
    /// keeping once per campaign (a message naming the dossier's own FASE number or items is
    /// not).
    fn shared(self) -> bool {
        !matches!(
            self,
            Msg::EstablishmentUnknown
                | Msg::RegionPassStrangers
                | Msg::RegionFailStrangers
                | Msg::KnownItemFail
                | Msg::QuantityFail
                | Msg::OnePerFail
                | Msg::ChronologyFail
                | Msg::DoFixItems
                | Msg::DoFixQuantities
        )
    }
}

/// Writes a civil date `YYYY-MM-DD` without going through a format string.
pub(crate) fn push_date(out: &mut String, date: chrono::NaiveDate) {
    match crate::dates::civil_text(date) {
        Some(text) => out.extend(text.map(char::from)),
        None => out.push_str(&date.format("%Y-%m-%d").to_string()),
    }
}

fn push_param(out: &mut String, lang: Lang, param: &Param<'_>) {
    match param {
        Param::Absent => {}
        Param::Str(s) => out.push_str(s),
        Param::Text(s) => out.push_str(s),
        Param::Date(d) => push_date(out, *d),
        Param::Int(i) => out.push_str(itoa::Buffer::new().format(*i)),
        Param::Labels(labels) => push_labels(out, lang, labels),
        Param::Fixed(labels) => push_labels(out, lang, labels),
        Param::Years(years) => push_years(out, years),
        Param::Stage(stage) => out.push_str(step(*stage, lang)),
    }
}

/// The step whose event makes a dossier reach `stage`, in `lang` (the seed's words for
/// steps 2 to 13); the stages outside the line are named as what they say of the dossier.
pub fn step(stage: crate::campaign::Stage, lang: Lang) -> &'static str {
    use crate::campaign::Stage::*;
    let words = match stage {
        NotDeclared => {
            ["candidature non déclarée", "Kandidatur nicht angemeldet", "candidature not declared"]
        }
        Ineligible => ["dossier non éligible", "Akte nicht zulässig", "dossier not eligible"],
        Declared => ["déclaration de candidature", "Anmeldung der Kandidatur", "declaration of candidature"],
        Contacted => ["premier contact", "Erstkontakt", "first contact"],
        Surveyed => ["enquête préalable", "Vorerhebung", "prior survey"],
        SpaceOpened => [
            "ouverture de l'espace candidature",
            "Öffnung des Kandidaturbereichs",
            "opening of the candidature space",
        ],
        Confirmed => ["signature du dossier", "Unterschrift der Akte", "signature of the dossier"],
        Ordered => ["commande", "Bestellung", "order"],
        Delivered => ["livraison", "Lieferung", "delivery"],
        InProject => ["réception du matériel", "Abnahme des Materials", "reception of the equipment"],
        Evaluated => ["évaluation", "Bewertung", "evaluation"],
        CarriedOver => ["dossier reporté", "Akte übertragen", "dossier carried over"],
    };
    lang.pick(words)
}

/// Writes years joined by commas (`2018, 2019`).
pub(crate) fn push_years(out: &mut String, years: &[i32]) {
    let mut digits = itoa::Buffer::new();
    for (n, year) in years.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str(digits.format(*year));
    }
}

fn push_labels(out: &mut String, lang: Lang, labels: &[Label]) {
    for (n, label) in labels.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str(label.text(lang));
    }
}

/// A template cut at its placeholders, once, so that rendering it again does not scan it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Text said as it is.
    Text(&'static str),
    /// A placeholder's name.
    Slot(&'static str),
}

/// Cuts `template` into text and placeholders (`{name}`); an unclosed brace is text.
fn pieces(template: &'static str) -> Box<[Piece]> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.bytes().position(|b| b == b'{') {
        let after = &rest[start + 1..];
        let Some(end) = after.bytes().position(|b| b == b'}') else {
            break;
        };
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        out.push(Piece::Slot(&after[..end]));
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out.into_boxed_slice()
}

fn fill_pieces(out: &mut String, pieces: &[Piece], lang: Lang, params: &Params<'_>) {
    for piece in pieces {
        match *piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Slot(name) => match params.get(name) {
                Some(value) => push_param(out, lang, value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
}

/// A message and its values' key ([`Params::key`]).
struct Key(Msg, [u64; 6]);

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
        self.1.hash(state);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.0 == other.0 && same(&self.1, &other.1)
    }
}

impl Eq for Key {}

/// Word by word (inlined; an array comparison calls `memcmp`).
fn same(a: &[u64; 6], b: &[u64; 6]) -> bool {
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// The template of `msg` in `lang` as a [`Text`] that is never freed: one per message and
/// language for the whole process (a few hundred texts, about 20 KB), made on first use. A
/// clone or drop of such a text leaves its reference count alone, an atomic operation saved
/// for every check that says a message without placeholders, which most checks do.
fn template(lang: Lang, msg: Msg) -> Text {
    static TEMPLATES: [OnceLock<Box<[Text]>>; 3] = [const { OnceLock::new() }; 3];
    let all = TEMPLATES[lang as usize]
        .get_or_init(|| Msg::ALL.iter().map(|m| Text::never_freed(m.template(lang))).collect());
    all[msg as usize].clone()
}

/// What [`Renderer::edition_check`] says of the built-in edition (there is one), by language
/// and message: made once per process, never freed, like [`template`]'s texts.
static BUILTIN_SAID: [[OnceLock<Text>; Msg::COUNT]; 3] =
    [const { [const { OnceLock::new() }; Msg::COUNT] }; 3];

/// A key said lately and its text's place.
type Recent = ([u64; 6], usize);

/// Renders messages for one campaign in one language, once per distinct (message, values):
/// most dossiers share their messages, which are then shared in the report too.
///
/// The cache is keyed by [`Params::key`], which names borrowed text by its address: `'a`
/// keeps every such borrow alive as long as the renderer, so an address is never reused for
/// other text while it is a key. The same holds for the editions of
/// [`Renderer::edition_check`].
pub(crate) struct Renderer<'a> {
    lang: Lang,
    /// Every text rendered for more than one dossier, once.
    texts: Vec<Text>,
    /// Each (message, values) key's place in `texts`.
    cache: FxHashMap<Key, usize>,
    /// The messages without placeholders, by `Msg` position.
    plain: [Option<Text>; Msg::COUNT],
    /// Each message's template cut into pieces, by `Msg` position, on its first rendering.
    pieces: [Option<Box<[Piece]>>; Msg::COUNT],
    /// The last two keys of each message and their places in `texts`, by `Msg` position, the
    /// latest first: consecutive dossiers mostly say the same (or alternate between two
    /// editions), and this spares the hashing.
    last: [[Option<Recent>; 2]; Msg::COUNT],
    /// Per edition (by address), the text of each message said of the edition alone
    /// ([`Renderer::edition_check`]).
    by_edition: Vec<(usize, [Option<Text>; Msg::COUNT])>,
    buffer: String,
    borrows: std::marker::PhantomData<&'a ()>,
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(lang: Lang) -> Self {
        Renderer {
            lang,
            texts: Vec::with_capacity(1024),
            cache: FxHashMap::with_capacity_and_hasher(1024, Default::default()),
            plain: std::array::from_fn(|_| None),
            pieces: std::array::from_fn(|_| None),
            last: [[None; 2]; Msg::COUNT],
            by_edition: Vec::new(),
            buffer: String::with_capacity(256),
            borrows: std::marker::PhantomData,
        }
    }

    /// The text of `msg` with `params`: a message without placeholders is found in place (at
    /// the caller, inlined), the others by [`Renderer::keyed`].
    #[inline]
    pub(crate) fn text(&mut self, msg: Msg, params: &Params<'a>) -> Text {
        if params.is_empty() {
            if let Some(text) = &self.plain[msg as usize] {
                return text.clone();
            }
        }
        self.keyed(msg, params)
    }

    #[inline(never)]
    fn keyed(&mut self, msg: Msg, params: &Params<'a>) -> Text {
        let lang = self.lang;
        if params.is_empty() {
            return self.plain[msg as usize].get_or_insert_with(|| template(lang, msg)).clone();
        }
        let key = if msg.shared() { params.key() } else { None };
        let Some(key) = key else {
            return self.render(msg, params);
        };
        let last = &mut self.last[msg as usize];
        if let Some((known, at)) = &last[0] {
            if same(known, &key) {
                return self.texts[*at].clone();
            }
        }
        if let Some((known, at)) = last[1] {
            if same(&known, &key) {
                last.swap(0, 1);
                return self.texts[at].clone();
            }
        }
        let at = match self.cache.get(&Key(msg, key)) {
            Some(&at) => at,
            None => {
                let text = self.render(msg, params);
                let at = self.texts.len();
                self.texts.push(text);
                self.cache.insert(Key(msg, key), at);
                at
            }
        };
        let last = &mut self.last[msg as usize];
        last[1] = last[0];
        last[0] = Some((key, at));
        self.texts[at].clone()
    }

    fn render(&mut self, msg: Msg, params: &Params<'a>) -> Text {
        let lang = self.lang;
        let pieces = self.pieces[msg as usize].get_or_insert_with(|| pieces(msg.template(lang)));
        self.buffer.clear();
        fill_pieces(&mut self.buffer, pieces, lang, params);
        Text::from(self.buffer.as_str())
    }

    /// The check of a message whose values are the edition's own (its id, its excluded years,
    /// its maximum): found by the edition's address, `make` called for the first dossier only.
    /// Debug builds make the finding every time and compare the texts.
    pub(crate) fn edition_check(
        &mut self,
        edition: &'a crate::edition::Edition,
        msg: Msg,
        make: impl FnOnce() -> Finding<'a>,
    ) -> Check {
        let address = edition as *const crate::edition::Edition as usize;
        let (rule, said) = msg.key();
        let slot = match self.by_edition.iter().position(|(known, _)| *known == address) {
            Some(slot) => slot,
            None => {
                self.by_edition.push((address, std::array::from_fn(|_| None)));
                self.by_edition.len() - 1
            }
        };
        let message = match &self.by_edition[slot].1[msg as usize] {
            Some(text) => {
                #[cfg(debug_assertions)]
                {
                    let fresh = make();
                    assert_eq!(fresh.msg, msg);
                    assert_eq!(**text, msg.render(self.lang, &fresh.params), "{msg:?}");
                }
                text.clone()
            }
            None => {
                let builtin = crate::edition::Registry::is_builtin(edition);
                let kept = &BUILTIN_SAID[self.lang as usize][msg as usize];
                let text = match kept.get().filter(|_| builtin) {
                    Some(text) => {
                        #[cfg(debug_assertions)]
                        assert_eq!(**text, msg.render(self.lang, &make().params), "{msg:?}");
                        text.clone()
                    }
                    None => {
                        let finding = make();
                        debug_assert_eq!(finding.msg, msg);
                        let text = self.text(msg, &finding.params);
                        if builtin {
                            kept.get_or_init(|| Text::never_freed(&text)).clone()
                        } else {
                            text
                        }
                    }
                };
                self.by_edition[slot].1[msg as usize] = Some(text.clone());
                text
            }
        };
        Check { rule, passed: said == Said::Pass, blocking: rule.blocking(), message }
    }

    pub(crate) fn check(&mut self, finding: &Finding<'a>) -> Check {
        Check {
            rule: finding.rule,
            passed: finding.passed,
            blocking: finding.rule.blocking(),
            message: self.text(finding.msg, &finding.params),
        }
    }

    pub(crate) fn action(&mut self, todo: &Todo<'a>) -> NextAction {
        NextAction { rule: todo.msg.rule(), message: self.text(todo.msg, &todo.params), due: todo.due }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_three_languages_with_the_same_placeholders() {
        fn names(t: &str) -> Vec<&str> {
            let mut v: Vec<&str> = t.split('{').skip(1).filter_map(|p| p.split('}').next()).collect();
            v.sort();
            v
        }
        for m in Msg::ALL {
            let fr = m.template(Lang::Fr);
            for lang in [Lang::De, Lang::En] {
                let other = m.template(lang);
                assert!(!other.is_empty());
                assert_ne!(fr, other, "{m:?} is not translated to {lang:?}");
                assert_eq!(names(fr), names(other), "{m:?} {lang:?}");
            }
        }
    }

    #[test]
    fn every_checked_rule_has_a_pass_and_a_fail_message() {
        use crate::rules::Rule::*;
        let checked = [
            DossierEstablishment,
            EligibilityLevel,
            EligibilityRegion,
            EligibilityNeverLaureate,
            EligibilityDeclarationWindow,
            EligibilityOnePerEstablishment,
            GridKnownItem,
            GridQuantity,
            GridMaxPoints,
            DossierChronology,
            ProcessSurvey,
            ProcessApprovals,
            ProcessSignature,
            MaturityDeadline,
            MaturityCarryOver,
            DeliverySignedNote,
            DeliveryBoxesNoted,
            DeliveryNotUnpacked,
            ReceptionAppointment,
            ReceptionTeamMemberPresent,
            ReceptionAccessible,
        ];
        for rule in checked {
            for said in [Said::Pass, Said::Fail] {
                assert!(Msg::ALL.iter().any(|m| m.key() == (rule, said)), "{rule:?} {said:?}");
            }
        }
        for rule in crate::rules::Rule::ALL {
            assert!(Msg::ALL.iter().any(|m| m.rule() == rule), "{rule:?} has no message");
        }
    }

    fn fill(t: &'static str, p: &Params<'_>) -> String {
        let mut out = String::new();
        fill_pieces(&mut out, &pieces(t), Lang::En, p);
        out
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        let p: Params = [("a", Param::Int(1))].into();
        assert_eq!(fill("x {a} y {b} z", &p), "x 1 y {b} z");
        assert_eq!(fill("plain", &p), "plain");
        assert_eq!(fill("open { end", &p), "open { end");
        let labels: Params = [("a", Param::Labels(vec![Label::Cen, Label::Expert]))].into();
        assert_eq!(fill("{a}", &labels), "Ecole Numérique adviser (CEN), pedagogical expert");
    }

    /// A stage is said as its step, in words of the language, never as its code; each stage
    /// has its own words.
    #[test]
    fn stages_are_said_as_their_steps_in_each_language() {
        use crate::campaign::Stage;
        let p: Params = [("stage", Param::Stage(Stage::InProject))].into();
        assert_eq!(
            Msg::DoFixChronology.render(Lang::Fr, &p),
            "Corriger les dates : l'étape « réception du matériel » ne peut pas précéder l'étape précédente."
        );
        assert_eq!(fill("{stage}", &p), "reception of the equipment");
        let all = Stage::ALL;
        for lang in [Lang::Fr, Lang::De, Lang::En] {
            let words: std::collections::HashSet<&str> = all.iter().map(|&s| step(s, lang)).collect();
            assert_eq!(words.len(), all.len(), "{lang:?}");
            for s in all {
                assert!(!step(s, lang).contains('_'), "{s:?} {lang:?}");
            }
        }
    }

    #[test]
    fn templates_cut_at_their_placeholders() {
        let p: Params = [("a", Param::Int(1)), ("b", Param::Str("B"))].into();
        for (t, said) in
            [("{a}{b}", "1B"), ("{a} {c}", "1 {c}"), ("", ""), ("{", "{"), ("}{a}", "}1"), ("a {b", "a {b")]
        {
            assert_eq!(fill(t, &p), said, "{t}");
        }
    }

    /// The renderer's memory of the last keys and its cache give what a fresh rendering gives,
    /// whatever the order the values come in (one value again, two alternating, a third, a
    /// date a year or a day apart, before year 0).
    #[test]
    fn the_renderer_says_what_a_fresh_rendering_says() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let dates = [day(2021, 10, 15), day(2022, 10, 15), day(2021, 10, 16), day(-1, 12, 31), day(0, 1, 1)];
        let (en21, en22) = (String::from("EN2021"), String::from("EN2022"));
        let order = [0, 0, 1, 0, 1, 2, 1, 0, 3, 4, 3, 2, 2, 0];
        for lang in [Lang::Fr, Lang::De, Lang::En] {
            let mut words = Renderer::new(lang);
            for (n, &i) in order.iter().enumerate() {
                let edition = if n % 3 == 0 { &en21 } else { &en22 };
                let params: Params = [
                    ("date", Param::Date(dates[i])),
                    ("edition", Param::Str(edition)),
                    ("last_day", Param::Date(dates[(i + n) % dates.len()])),
                ]
                .into();
                let said = words.text(Msg::DeadlineConfirmed, &params);
                assert_eq!(&*said, Msg::DeadlineConfirmed.render(lang, &params), "{lang:?} {n}");
                let level: Params = [("edition", Param::Str(edition))].into();
                assert_eq!(&*words.text(Msg::LevelPass, &level), Msg::LevelPass.render(lang, &level));
            }
        }
    }

    /// A message said of an edition alone is found by the edition: each edition its own text,
    /// the rule and outcome the message's.
    #[test]
    fn edition_checks_name_their_own_edition() {
        let en2021 = crate::Edition::builtin("EN2021").unwrap();
        let mut en2022 = en2021.clone();
        en2022.id = "EN2022".into();
        let mut words = Renderer::new(Lang::En);
        for edition in [&en2021, &en2022, &en2021, &en2022] {
            let make = || crate::eligibility::one_per_establishment(true, &[], edition);
            let check = words.edition_check(edition, Msg::OnePerPass, make);
            assert_eq!(*check.message, *Msg::OnePerPass.render(Lang::En, &make().params));
            assert!(check.message.contains(&edition.id), "{}", check.message);
            assert_eq!((check.rule, check.passed), (Rule::EligibilityOnePerEstablishment, true));
            let fail = words.edition_check(edition, Msg::LevelFail, || {
                Finding::new(Msg::LevelFail, [("edition", Param::Str(&edition.id))])
            });
            assert_eq!((fail.rule, fail.passed, fail.blocking), (Rule::EligibilityLevel, false, true));
            assert!(fail.message.contains(&edition.id));
        }
    }

    #[test]
    fn push_date_writes_iso_dates() {
        for (y, m, d) in [(2021, 1, 5), (2024, 2, 29), (999, 12, 31), (10000, 1, 1)] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut out = String::new();
            push_date(&mut out, date);
            assert_eq!(out, date.format("%Y-%m-%d").to_string());
        }
    }
}
