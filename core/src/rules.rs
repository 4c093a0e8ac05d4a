//! The rule ids (stable), whether a failure blocks, and where each rule comes from.

/// A rule of SPEC §4–§7, with its stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// The dossier names a known establishment.
    DossierEstablishment,
    /// An eligible (level, kind) pair is offered.
    EligibilityLevel,
    /// An implantation lies in a region of the edition.
    EligibilityRegion,
    /// Never laureate in an excluded year.
    EligibilityNeverLaureate,
    /// Declared inside the window.
    EligibilityDeclarationWindow,
    /// At most N projects per establishment and edition.
    EligibilityOnePerEstablishment,
    /// Every line names a grid line.
    GridKnownItem,
    /// Quantities are valid.
    GridQuantity,
    /// Total within the maximum.
    GridMaxPoints,
    /// Events in process order.
    DossierChronology,
    /// The prior survey's conditions.
    ProcessSurvey,
    /// CEN and expert approvals before the signature.
    ProcessApprovals,
    /// Signed by the PO and/or the direction.
    ProcessSignature,
    /// Waiting for the wave's order (next action only).
    ProcessOrder,
    /// Confirmed by the deadline of the edition the dossier is in.
    MaturityDeadline,
    /// Carried over into the next edition.
    MaturityCarryOver,
    /// No wave can take the project.
    WavesUnscheduled,
    /// The number of boxes was written on the note.
    DeliveryBoxesNoted,
    /// Parcels not opened before the reception.
    DeliveryNotUnpacked,
    /// The delivery note was signed.
    DeliverySignedNote,
    /// Reception booked before the visit.
    ReceptionAppointment,
    /// A team member was present at the visit.
    ReceptionTeamMemberPresent,
    /// The equipment was accessible at the visit.
    ReceptionAccessible,
    /// Prudent and reasonable use for the commitment years.
    CommitmentUse,
    /// Adapt the multi-risk insurance.
    CommitmentInsurance,
    /// Attend training courses; promote digital uses and skills.
    CommitmentTraining,
    /// Answer the questionnaire.
    EvaluationQuestionnaire,
    /// Take part in the EN survey.
    EvaluationSurvey,
    /// Share achievements.
    EvaluationSharing,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 29] = [
        Rule::DossierEstablishment,
        Rule::EligibilityLevel,
        Rule::EligibilityRegion,
        Rule::EligibilityNeverLaureate,
        Rule::EligibilityDeclarationWindow,
        Rule::EligibilityOnePerEstablishment,
        Rule::GridKnownItem,
        Rule::GridQuantity,
        Rule::GridMaxPoints,
        Rule::DossierChronology,
        Rule::ProcessSurvey,
        Rule::ProcessApprovals,
        Rule::ProcessSignature,
        Rule::ProcessOrder,
        Rule::MaturityDeadline,
        Rule::MaturityCarryOver,
        Rule::WavesUnscheduled,
        Rule::DeliveryBoxesNoted,
        Rule::DeliveryNotUnpacked,
        Rule::DeliverySignedNote,
        Rule::ReceptionAppointment,
        Rule::ReceptionTeamMemberPresent,
        Rule::ReceptionAccessible,
        Rule::CommitmentUse,
        Rule::CommitmentInsurance,
        Rule::CommitmentTraining,
        Rule::EvaluationQuestionnaire,
        Rule::EvaluationSurvey,
        Rule::EvaluationSharing,
    ];

    /// The stable id, as in SPEC.
    pub const fn id(self) -> &'static str {
        self.row().0
    }

    /// Whether a failure stops the dossier's way. Only the delivery remarks (boxes noted, not
    /// unpacked), the sharing of achievements (SPEC §6) and the carry-over, which moves the
    /// dossier on rather than stopping it, are not blocking.
    pub fn blocking(self) -> bool {
        self.row().1
    }

    /// Where the rule comes from: the seed's section or slide, or `assumed`.
    pub fn source(self) -> &'static str {
        self.row().2
    }

    const fn row(self) -> (&'static str, bool, &'static str) {
        use Rule::*;
        match self {
            DossierEstablishment => ("dossier.establishment", true, "assumed"),
            EligibilityLevel => ("eligibility.level", true, "seed: 1. Bon à savoir — Pour les écoles"),
            EligibilityRegion => ("eligibility.region", true, "programme: Service public de Wallonie"),
            EligibilityNeverLaureate => ("eligibility.never_laureate", true, "seed: 1. Bon à savoir — pas accessible aux établissements lauréats EN 2017, 2018, 2019, 2020"),
            EligibilityDeclarationWindow => ("eligibility.declaration_window", true, "seed: Dates clés de l'appel à projets EN 2021"),
            EligibilityOnePerEstablishment => ("eligibility.one_per_establishment", true, "seed: Les points — 1 projet par FE"),
            GridKnownItem => ("grid.known_item", true, "seed: 4. Matériel à disposition des écoles"),
            GridQuantity => ("grid.quantity", true, "assumed"),
            GridMaxPoints => ("grid.max_points", true, "seed: Les points — 50 points maximum par projet"),
            DossierChronology => ("dossier.chronology", true, "seed: 3. Processus d'appel à projets"),
            ProcessSurvey => ("process.survey", true, "seed: Etape 4 — Enquête préalable"),
            ProcessApprovals => ("process.approvals", true, "seed: Etape 7 & 8 — Le projet a reçu l'accord : du conseiller Ecole Numérique, de l'expert pédagogique"),
            ProcessSignature => ("process.signature", true, "seed: Etape 7 & 8 — signé par le PO et/ou la direction"),
            ProcessOrder => ("process.order", true, "seed: Etape 9 — Commandes"),
            MaturityDeadline => ("maturity.deadline", true, "seed: Dates clés de l'appel à projets EN 2021 — 1er juin 2022, fin de l'introduction des dossiers; Attention ! — pas suffisamment « mature » avant le 1er juin 2022"),
            MaturityCarryOver => ("maturity.carry_over", false, "seed: 1. Bon à savoir — report dans les prochaines éditions des appels à projets"),
            WavesUnscheduled => ("waves.unscheduled", true, "seed: Etape 9 — Le SPW s'occupe de commander le matériel (vagues)"),
            DeliverySignedNote => ("delivery.signed_note", true, "seed: Etape 10 — Signer le bon de livraison est obligatoire"),
            DeliveryBoxesNoted => ("delivery.boxes_noted", false, "seed: Etape 10 — Indiquer le nombre de boites reçues sur le bon de livraison"),
            DeliveryNotUnpacked => ("delivery.not_unpacked", false, "seed: Etape 10 — Ne pas déballer les colis avant la réception par SPW"),
            ReceptionAppointment => ("reception.appointment", true, "seed: Etape 11 — Avec un rendez-vous préalable"),
            ReceptionTeamMemberPresent => ("reception.team_member_present", true, "seed: Etape 11 — Présence obligatoire d'un membre de l'équipe du projet"),
            ReceptionAccessible => ("reception.accessible", true, "seed: Etape 11 — Accessibilité du matériel lors du passage de l'agent du SPW"),
            CommitmentUse => ("commitment.use", true, "seed: Etape 12 — Utiliser le matériel comme une personne « prudente et raisonnable » durant 3 ans"),
            CommitmentInsurance => ("commitment.insurance", true, "seed: Etape 12 — Adapter l'assurance multirisques"),
            CommitmentTraining => ("commitment.training", true, "seed: Etape 12 — Suivre des formations; Promouvoir usages et développement des compétences numériques"),
            EvaluationQuestionnaire => ("evaluation.questionnaire", true, "seed: Etape 13 — Evaluer le dispositif Ecole Numérique (répondre au questionnaire)"),
            EvaluationSurvey => ("evaluation.survey", true, "seed: Etape 13 — Participer à l'enquête EN"),
            EvaluationSharing => ("evaluation.sharing", false, "seed: Etape 13 — Partager vos réalisations"),
        }
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }
}

impl std::str::FromStr for Rule {
    type Err = crate::error::UnknownName;

    /// [`Rule::from_id`], as `str::parse`.
    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Rule::from_id(id).ok_or_else(|| crate::error::UnknownName {
            name: id.to_string(),
            expected: const_names!(Rule::ALL, Rule::id),
        })
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A rule compares equal to its id: `check.rule == "grid.max_points"`.
impl PartialEq<str> for Rule {
    fn eq(&self, id: &str) -> bool {
        self.id() == id
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, id: &&str) -> bool {
        self.id() == *id
    }
}

/// Written as its id.
impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Read from its id; an unknown id is an error.
impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Rule;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a rule id such as `eligibility.level`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Rule, E> {
                Rule::from_id(v).ok_or_else(|| E::custom(format!("unknown rule id `{v}`")))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_keys_tell_values_apart() {
        use crate::messages::Label;
        let day = |d| chrono::NaiveDate::from_ymd_opt(2022, 1, d).unwrap();
        let key = |p: &[(&'static str, Param<'_>)]| {
            let mut params = Params::default();
            for (slot, value) in params.items.iter_mut().zip(p.iter().cloned()) {
                *slot = value;
                params.len += 1;
            }
            params.key()
        };
        let (a, b) = (String::from("EN2021"), String::from("EN2022"));
        let keys = [
            key(&[("x", Param::Str(&a))]),
            key(&[("x", Param::Str(&b))]),
            key(&[("x", Param::Str(&a[..4]))]),
            key(&[("x", Param::Date(day(1)))]),
            key(&[("x", Param::Date(day(2)))]),
            key(&[("x", Param::Int(1))]),
            key(&[("x", Param::Int(1)), ("y", Param::Int(2))]),
            key(&[("x", Param::Int(2)), ("y", Param::Int(1))]),
            key(&[("x", Param::Labels(vec![Label::Cen, Label::Expert]))]),
            key(&[("x", Param::Labels(vec![Label::Expert, Label::Cen]))]),
            key(&[("x", Param::Labels(vec![Label::Expert]))]),
            key(&[("x", Param::Stage(crate::campaign::Stage::Contacted))]),
            key(&[("x", Param::Stage(crate::campaign::Stage::Surveyed))]),
            key(&[]),
        ];
        for (i, k) in keys.iter().enumerate() {
            assert!(k.is_some(), "{i}");
            for (j, other) in keys.iter().enumerate().skip(i + 1) {
                assert_ne!(k, other, "{i} and {j}");
            }
        }
        // The same values give the same key; owned text gives none (it is never cached).
        assert_eq!(key(&[("x", Param::Str(&a))]), keys[0]);
        assert_eq!(key(&[("x", Param::Text("EN2021".into()))]), None);
        // Up to 12 labels fit a key (each a base-16 digit: there are fewer than 15 labels).
        assert!(key(&[("x", Param::Labels(vec![Label::Direction; 12]))]).is_some());
        assert_eq!(key(&[("x", Param::Labels(vec![Label::Direction; 13]))]), None);
    }

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        for r in Rule::ALL {
            assert_eq!(Rule::from_id(r.id()), Some(r));
            assert!(!r.source().is_empty());
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    #[test]
    fn only_the_remarks_are_not_blocking() {
        let soft: Vec<_> = Rule::ALL.iter().filter(|r| !r.blocking()).map(|r| r.id()).collect();
        assert_eq!(
            soft,
            ["maturity.carry_over", "delivery.boxes_noted", "delivery.not_unpacked", "evaluation.sharing"]
        );
    }
}

/// A value for a message placeholder: kept as data until the message is rendered, so that
/// the same check renders once per campaign and language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Param<'a> {
    /// No value.
    #[default]
    Absent,
    /// Borrowed text (an edition id, a dossier id).
    Str(&'a str),
    /// Owned text (a list of items).
    Text(String),
    /// A civil date, written `YYYY-MM-DD`.
    Date(chrono::NaiveDate),
    /// A whole number.
    Int(i64),
    /// Words said in the message's language, joined by commas.
    Labels(Vec<crate::messages::Label>),
    /// A fixed list of words (no allocation), joined by commas.
    Fixed(&'static [crate::messages::Label]),
    /// Years, joined by commas.
    Years(&'a [i32]),
    /// A stage of the dossier's way, named by its step in the message's language.
    Stage(crate::campaign::Stage),
}

/// Up to three named placeholder values, stored inline. Two `Params` of the same message
/// name the same placeholders in the same order, so equality and hashing look at the values
/// only (they key the message cache).
#[derive(Debug, Clone, Default)]
pub struct Params<'a> {
    items: [(&'static str, Param<'a>); 3],
    len: u8,
}

impl PartialEq for Params<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.values().eq(other.values())
    }
}

impl Eq for Params<'_> {}

impl std::hash::Hash for Params<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for value in self.values() {
            value.hash(state);
        }
    }
}

impl<'a> Params<'a> {
    fn values(&self) -> impl Iterator<Item = &Param<'a>> {
        self.items[..self.len as usize].iter().map(|(_, v)| v)
    }

    /// Whether there is no placeholder value.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value of a placeholder.
    pub fn get(&self, name: &str) -> Option<&Param<'a>> {
        self.items[..self.len as usize].iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// A cache key for the values: two words per value, `None` when a value is owned text.
    /// Borrowed text and slices are keyed by address and length: the same bytes, as long as
    /// they are borrowed (the renderer holds the borrow), so equal keys render equal text.
    pub(crate) fn key(&self) -> Option<[u64; 6]> {
        use chrono::Datelike;
        let mut key = [0u64; 6];
        for (i, value) in self.values().enumerate() {
            let (tag, word) = match value {
                Param::Absent => (0, 0),
                Param::Str(s) => (1 | (s.len() as u64) << 3, s.as_ptr() as u64),
                Param::Text(_) => return None,
                // Year and day of the year: two fields chrono keeps packed, so no arithmetic.
                Param::Date(d) => (2, (d.year() as u32 as u64) << 9 | u64::from(d.ordinal())),
                Param::Int(n) => (3, *n as u64),
                Param::Labels(labels) if labels.len() <= 12 => {
                    // Each label as a base-16 digit from 1: one word per list of up to 12.
                    let word = labels.iter().fold(0u64, |w, l| w << 4 | (*l as u64 + 1));
                    (4 | (labels.len() as u64) << 3, word)
                }
                Param::Labels(_) => return None,
                Param::Fixed(labels) => (5 | (labels.len() as u64) << 3, labels.as_ptr() as u64),
                Param::Years(years) => (6 | (years.len() as u64) << 3, years.as_ptr() as u64),
                Param::Stage(stage) => (7, *stage as u64),
            };
            key[2 * i] = tag;
            key[2 * i + 1] = word;
        }
        Some(key)
    }

    /// The (name, value) pairs.
    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, Param<'a>)> {
        self.items[..self.len as usize].iter()
    }
}

impl<'a, const N: usize> From<[(&'static str, Param<'a>); N]> for Params<'a> {
    #[inline]
    fn from(values: [(&'static str, Param<'a>); N]) -> Self {
        let mut p = Params::default();
        for (slot, value) in p.items.iter_mut().zip(values) {
            *slot = value;
            p.len += 1;
        }
        p
    }
}

/// A check's outcome before it is put into words: the message and its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding<'a> {
    /// The rule checked.
    pub rule: Rule,
    /// Whether it holds.
    pub passed: bool,
    /// What to say.
    pub msg: crate::messages::Msg,
    /// Values for the message's placeholders.
    pub params: Params<'a>,
}

impl<'a> Finding<'a> {
    /// A finding of `msg`'s rule; passed when `msg` is said on a pass.
    #[inline]
    pub fn new(msg: crate::messages::Msg, params: impl Into<Params<'a>>) -> Self {
        let (rule, said) = msg.key();
        Finding { rule, passed: said == crate::messages::Said::Pass, msg, params: params.into() }
    }

    /// A failed check that stops the dossier.
    pub fn blocks(&self) -> bool {
        !self.passed && self.rule.blocking()
    }
}

/// A next action before it is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo<'a> {
    /// What to say (its rule is the action's rule).
    pub msg: crate::messages::Msg,
    /// Values for the message's placeholders.
    pub params: Params<'a>,
    /// By when, if the rules set a date.
    pub due: Option<chrono::NaiveDate>,
}

impl<'a> Todo<'a> {
    /// An action without placeholders or due date.
    pub fn plain(msg: crate::messages::Msg) -> Self {
        Todo { msg, params: Params::default(), due: None }
    }

    /// An action with placeholders and a due date.
    pub fn new(
        msg: crate::messages::Msg,
        params: impl Into<Params<'a>>,
        due: Option<chrono::NaiveDate>,
    ) -> Self {
        Todo { msg, params: params.into(), due }
    }
}
