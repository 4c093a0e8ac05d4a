//! The campaign request of SPEC §9 as uniffi records, and the adviser's single-dossier
//! request. Every field of a dossier but its `id` and `establishment` has a default, as in the
//! JSON document (an equipment line's `item` and `quantity` excepted): a missing boolean is
//! false, a missing date is null.

use std::collections::HashMap;

use chrono::NaiveDate;
use ecole_numerique as core;

use crate::edition::{mirror_enum, Edition, Offer, Region};
use crate::error::{EcoleNumeriqueError, Result};

/// Language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Lang {
    /// French (the default of the JSON document).
    Fr,
    /// German.
    De,
    /// English.
    En,
}

/// Who signed the dossier (step 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Signer {
    /// The organising authority (pouvoir organisateur).
    Po,
    /// The school's head.
    Direction,
}

mirror_enum!(Lang <=> core::Lang { Fr, De, En });
mirror_enum!(Signer <=> core::Signer { Po, Direction });

/// The edition of a request: the id of a known edition, or a whole edition document.
// uniffi carries enum fields by value (no `Box`): the size difference is the price of that.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum EditionRef {
    /// A known edition (built in, or in the request's `editions`).
    Id {
        /// The edition id, e.g. `EN2021`.
        id: String,
    },
    /// An edition document; under a built-in id it replaces the built-in for this request.
    Document {
        /// The edition.
        edition: Edition,
    },
}

impl EditionRef {
    fn into_core(self, place: &str) -> Result<core::EditionRef> {
        Ok(match self {
            EditionRef::Id { id } => core::EditionRef::Id(id),
            EditionRef::Document { edition } => {
                core::EditionRef::Document(Box::new(edition.into_core(place)?))
            }
        })
    }
}

impl From<core::EditionRef> for EditionRef {
    fn from(r: core::EditionRef) -> Self {
        match r {
            core::EditionRef::Id(id) => EditionRef::Id { id },
            core::EditionRef::Document(e) => EditionRef::Document { edition: Edition::from(*e) },
        }
    }
}

/// A campaign request (SPEC §9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CampaignRequest {
    /// The edition dossiers start in unless they name their own.
    pub edition: EditionRef,
    /// The day of evaluation: events dated after it are ignored.
    pub as_of: NaiveDate,
    /// Language of the messages.
    pub lang: Lang,
    /// Extra edition documents (for carry-over).
    #[uniffi(default)]
    pub editions: Vec<Edition>,
    /// The establishments.
    #[uniffi(default)]
    pub establishments: Vec<Establishment>,
    /// The dossiers.
    #[uniffi(default)]
    pub dossiers: Vec<Dossier>,
    /// The order waves; null skips the `ordered` stage, an empty list schedules nothing.
    #[uniffi(default)]
    pub waves: Option<Vec<Wave>>,
}

/// An establishment (FE), identified by its FASE number.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Establishment {
    /// FASE number.
    pub fase: i64,
    /// Name.
    #[uniffi(default)]
    pub name: String,
    /// (level, kind) pairs of teaching offered.
    #[uniffi(default)]
    pub offers: Vec<Offer>,
    /// Sites of the establishment.
    #[uniffi(default)]
    pub implantations: Vec<Implantation>,
    /// Years the establishment was laureate of an Ecole Numérique call.
    #[uniffi(default)]
    pub laureate_years: Vec<i32>,
}

/// One site of an establishment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Implantation {
    /// Its own FASE number.
    pub fase: i64,
    /// Where it lies.
    pub region: Region,
}

/// The prior survey (step 4, "enquête préalable").
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Survey {
    /// The referent / project leader, when named.
    #[uniffi(default)]
    pub referent: Option<String>,
    /// The connectivity (network) infrastructure was assessed.
    #[uniffi(default)]
    pub connectivity_assessed: bool,
    /// The school's infrastructure was assessed.
    #[uniffi(default)]
    pub infrastructure_assessed: bool,
    /// Works must be carried out.
    #[uniffi(default)]
    pub works_needed: bool,
    /// The PO was contacted about the works.
    #[uniffi(default)]
    pub po_contacted: bool,
    /// The bandwidth is sufficient.
    #[uniffi(default)]
    pub bandwidth_sufficient: bool,
    /// Financial and/or human means were committed ("engagements").
    #[uniffi(default)]
    pub means_committed: bool,
    /// When the survey was completed.
    #[uniffi(default)]
    pub completed_on: Option<NaiveDate>,
}

/// One line of equipment: a grid item and a quantity (any sign: checked by the rules).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EquipmentLine {
    /// Grid line id.
    pub item: String,
    /// Units, or points awarded on a rated line.
    pub quantity: i64,
}

/// The delivery (step 10).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Delivery {
    /// Day of delivery.
    #[uniffi(default)]
    pub delivered_on: Option<NaiveDate>,
    /// The delivery note was signed (mandatory).
    #[uniffi(default)]
    pub note_signed: bool,
    /// The number of boxes was written on the note.
    #[uniffi(default)]
    pub boxes_noted: bool,
    /// Parcels were opened before SPW's reception.
    #[uniffi(default)]
    pub unpacked_before_reception: bool,
}

/// The reception by SPW (step 11).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Reception {
    /// Day the appointment was booked (on or before the visit, SPEC §6).
    #[uniffi(default)]
    pub appointment_on: Option<NaiveDate>,
    /// Day of SPW's visit.
    #[uniffi(default)]
    pub visited_on: Option<NaiveDate>,
    /// A member of the project team was present.
    #[uniffi(default)]
    pub team_member_present: bool,
    /// The equipment was accessible.
    #[uniffi(default)]
    pub equipment_accessible: bool,
}

/// The evaluation (step 13).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Evaluation {
    /// The questionnaire on the programme was answered.
    #[uniffi(default)]
    pub questionnaire_on: Option<NaiveDate>,
    /// The EN survey on the project was answered.
    #[uniffi(default)]
    pub survey_on: Option<NaiveDate>,
    /// Achievements were shared.
    #[uniffi(default)]
    pub shared_on: Option<NaiveDate>,
}

/// One candidature of one establishment in one edition.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Dossier {
    /// Dossier id, unique in the request.
    pub id: String,
    /// FASE number of the establishment.
    pub establishment: i64,
    /// Edition it starts in (else the request's).
    #[uniffi(default)]
    pub edition: Option<String>,
    /// FASE numbers of the implantations concerned; empty: all of them.
    #[uniffi(default)]
    pub implantations: Vec<i64>,
    /// Step 2: declaration of candidature.
    #[uniffi(default)]
    pub declared_on: Option<NaiveDate>,
    /// Step 3: the CEN's first contact.
    #[uniffi(default)]
    pub first_contact_on: Option<NaiveDate>,
    /// Step 4: the prior survey.
    #[uniffi(default)]
    pub survey: Survey,
    /// Step 5: the CEN opened the candidature space.
    #[uniffi(default)]
    pub space_opened_on: Option<NaiveDate>,
    /// Equipment requested, counted on the grid.
    #[uniffi(default)]
    pub equipment: Vec<EquipmentLine>,
    /// Extra equipment bought at SPW prices: not counted, not ordered in waves.
    #[uniffi(default)]
    pub extra: Vec<EquipmentLine>,
    /// Step 7: the CEN's approval.
    #[uniffi(default)]
    pub cen_approved_on: Option<NaiveDate>,
    /// Step 7: the pedagogical expert's approval.
    #[uniffi(default)]
    pub expert_approved_on: Option<NaiveDate>,
    /// Step 8: signature (confirmation).
    #[uniffi(default)]
    pub signed_on: Option<NaiveDate>,
    /// Step 8: who signed.
    #[uniffi(default)]
    pub signed_by: Vec<Signer>,
    /// Step 10.
    #[uniffi(default)]
    pub delivery: Delivery,
    /// Step 11.
    #[uniffi(default)]
    pub reception: Reception,
    /// Step 13.
    #[uniffi(default)]
    pub evaluation: Evaluation,
}

/// A batch of orders SPW places on one date (step 9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Wave {
    /// Wave id, unique in the request.
    pub id: String,
    /// Day the orders are placed.
    pub order_on: NaiveDate,
    /// Units per item; an item without a capacity is unlimited.
    #[uniffi(default)]
    pub capacity: HashMap<String, i64>,
}

/// The adviser's question about one school: one establishment, one dossier, a day, a language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DossierRequest {
    /// The edition the dossier starts in (unless it names its own).
    pub edition: EditionRef,
    /// The day of evaluation.
    pub as_of: NaiveDate,
    /// Language of the messages.
    pub lang: Lang,
    /// The establishment.
    pub establishment: Establishment,
    /// The dossier.
    pub dossier: Dossier,
    /// Extra editions, for carry-over.
    #[uniffi(default)]
    pub editions: Vec<Edition>,
}

fn editions_into_core(editions: Vec<Edition>) -> Result<Vec<core::Edition>> {
    editions.into_iter().enumerate().map(|(i, e)| e.into_core(&format!("editions[{i}]"))).collect()
}

impl From<Establishment> for core::Establishment {
    fn from(e: Establishment) -> Self {
        core::Establishment {
            fase: e.fase,
            name: e.name,
            offers: e.offers.into_iter().map(Into::into).collect(),
            implantations: e
                .implantations
                .into_iter()
                .map(|i| core::Implantation { fase: i.fase, region: i.region.into() })
                .collect(),
            laureate_years: e.laureate_years,
        }
    }
}

impl From<core::Establishment> for Establishment {
    fn from(e: core::Establishment) -> Self {
        Establishment {
            fase: e.fase,
            name: e.name,
            offers: e.offers.into_iter().map(Into::into).collect(),
            implantations: e
                .implantations
                .into_iter()
                .map(|i| Implantation { fase: i.fase, region: i.region.into() })
                .collect(),
            laureate_years: e.laureate_years,
        }
    }
}

fn lines_into_core(lines: Vec<EquipmentLine>) -> Vec<core::EquipmentLine> {
    lines.into_iter().map(|l| core::EquipmentLine { item: l.item, quantity: l.quantity }).collect()
}

fn lines_from_core(lines: Vec<core::EquipmentLine>) -> Vec<EquipmentLine> {
    lines.into_iter().map(|l| EquipmentLine { item: l.item, quantity: l.quantity }).collect()
}

impl From<Dossier> for core::Dossier {
    fn from(x: Dossier) -> Self {
        let (s, d, r, e) = (x.survey, x.delivery, x.reception, x.evaluation);
        core::Dossier {
            establishment: x.establishment,
            implantations: x.implantations,
            id: x.id,
            edition: x.edition,
            declared_on: x.declared_on,
            first_contact_on: x.first_contact_on,
            survey: core::Survey {
                referent: s.referent,
                connectivity_assessed: s.connectivity_assessed,
                infrastructure_assessed: s.infrastructure_assessed,
                works_needed: s.works_needed,
                po_contacted: s.po_contacted,
                bandwidth_sufficient: s.bandwidth_sufficient,
                means_committed: s.means_committed,
                completed_on: s.completed_on,
            },
            space_opened_on: x.space_opened_on,
            equipment: lines_into_core(x.equipment),
            extra: lines_into_core(x.extra),
            cen_approved_on: x.cen_approved_on,
            expert_approved_on: x.expert_approved_on,
            signed_on: x.signed_on,
            signed_by: x.signed_by.into_iter().map(Into::into).collect(),
            delivery: core::Delivery {
                delivered_on: d.delivered_on,
                note_signed: d.note_signed,
                boxes_noted: d.boxes_noted,
                unpacked_before_reception: d.unpacked_before_reception,
            },
            reception: core::Reception {
                appointment_on: r.appointment_on,
                visited_on: r.visited_on,
                team_member_present: r.team_member_present,
                equipment_accessible: r.equipment_accessible,
            },
            evaluation: core::Evaluation {
                questionnaire_on: e.questionnaire_on,
                survey_on: e.survey_on,
                shared_on: e.shared_on,
            },
        }
    }
}

impl From<core::Dossier> for Dossier {
    fn from(x: core::Dossier) -> Self {
        let (s, d, r, e) = (x.survey, x.delivery, x.reception, x.evaluation);
        Dossier {
            id: x.id,
            establishment: x.establishment,
            edition: x.edition,
            implantations: x.implantations,
            declared_on: x.declared_on,
            first_contact_on: x.first_contact_on,
            survey: Survey {
                referent: s.referent,
                connectivity_assessed: s.connectivity_assessed,
                infrastructure_assessed: s.infrastructure_assessed,
                works_needed: s.works_needed,
                po_contacted: s.po_contacted,
                bandwidth_sufficient: s.bandwidth_sufficient,
                means_committed: s.means_committed,
                completed_on: s.completed_on,
            },
            space_opened_on: x.space_opened_on,
            equipment: lines_from_core(x.equipment),
            extra: lines_from_core(x.extra),
            cen_approved_on: x.cen_approved_on,
            expert_approved_on: x.expert_approved_on,
            signed_on: x.signed_on,
            signed_by: x.signed_by.into_iter().map(Into::into).collect(),
            delivery: Delivery {
                delivered_on: d.delivered_on,
                note_signed: d.note_signed,
                boxes_noted: d.boxes_noted,
                unpacked_before_reception: d.unpacked_before_reception,
            },
            reception: Reception {
                appointment_on: r.appointment_on,
                visited_on: r.visited_on,
                team_member_present: r.team_member_present,
                equipment_accessible: r.equipment_accessible,
            },
            evaluation: Evaluation {
                questionnaire_on: e.questionnaire_on,
                survey_on: e.survey_on,
                shared_on: e.shared_on,
            },
        }
    }
}

impl From<Wave> for core::Wave {
    fn from(w: Wave) -> Self {
        core::Wave { id: w.id, order_on: w.order_on, capacity: w.capacity.into_iter().collect() }
    }
}

impl From<core::Wave> for Wave {
    fn from(w: core::Wave) -> Self {
        Wave { id: w.id, order_on: w.order_on, capacity: w.capacity.into_iter().collect() }
    }
}

impl TryFrom<CampaignRequest> for core::CampaignRequest {
    type Error = EcoleNumeriqueError;

    /// Errors name the place as the JSON reader would (`dossiers[3].establishment`).
    fn try_from(r: CampaignRequest) -> Result<Self> {
        Ok(core::CampaignRequest {
            edition: r.edition.into_core("edition")?,
            editions: editions_into_core(r.editions)?,
            as_of: r.as_of,
            lang: r.lang.into(),
            establishments: r.establishments.into_iter().map(Into::into).collect(),
            dossiers: r.dossiers.into_iter().map(Into::into).collect(),
            waves: r.waves.map(|ws| ws.into_iter().map(Into::into).collect()),
        })
    }
}

impl From<core::CampaignRequest> for CampaignRequest {
    fn from(r: core::CampaignRequest) -> Self {
        CampaignRequest {
            edition: EditionRef::from(r.edition),
            as_of: r.as_of,
            lang: r.lang.into(),
            editions: r.editions.into_iter().map(Edition::from).collect(),
            establishments: r.establishments.into_iter().map(Establishment::from).collect(),
            dossiers: r.dossiers.into_iter().map(Dossier::from).collect(),
            waves: r.waves.map(|ws| ws.into_iter().map(Wave::from).collect()),
        }
    }
}

impl TryFrom<DossierRequest> for core::DossierRequest {
    type Error = EcoleNumeriqueError;

    /// Errors name the place under `establishment` and `dossier`.
    fn try_from(r: DossierRequest) -> Result<Self> {
        Ok(core::DossierRequest {
            edition: r.edition.into_core("edition")?,
            editions: editions_into_core(r.editions)?,
            as_of: r.as_of,
            lang: r.lang.into(),
            establishment: r.establishment.into(),
            dossier: r.dossier.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> CampaignRequest {
        CampaignRequest {
            edition: EditionRef::Id { id: "EN2021".into() },
            as_of: NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(),
            lang: Lang::En,
            editions: vec![],
            establishments: vec![Establishment {
                fase: 10,
                name: "Ecole".into(),
                offers: vec![],
                implantations: vec![Implantation { fase: 11, region: Region::Wallonia }],
                laureate_years: vec![2015],
            }],
            dossiers: vec![Dossier::from(core::Dossier {
                id: "A".into(),
                establishment: 10,
                ..Default::default()
            })],
            waves: Some(vec![Wave {
                id: "W".into(),
                order_on: NaiveDate::from_ymd_opt(2022, 2, 1).unwrap(),
                capacity: HashMap::from([("nas".into(), 3)]),
            }]),
        }
    }

    #[test]
    fn a_request_round_trips_through_core() {
        let ours = request();
        let theirs = core::CampaignRequest::try_from(ours.clone()).unwrap();
        assert_eq!(CampaignRequest::from(theirs), ours);
    }

    #[test]
    fn any_long_is_a_fase_number() {
        let mut r = request();
        r.dossiers[0].establishment = -5;
        r.dossiers[0].implantations = vec![i64::MIN, i64::MAX];
        r.establishments[0].implantations[0].fase = i64::from(u32::MAX) + 1;
        let theirs = core::CampaignRequest::try_from(r.clone()).unwrap();
        assert_eq!(theirs.dossiers[0].establishment, -5);
        assert_eq!(theirs.dossiers[0].implantations, [i64::MIN, i64::MAX]);
        assert_eq!(theirs.establishments[0].implantations[0].fase, 1 << 32);
        assert_eq!(CampaignRequest::from(theirs), r);
    }
}
