//! A deterministic sample campaign, for the demo, the benchmarks and the bindings' examples:
//! establishments and dossiers in every stage, with waves. Sample data only; no rule lives
//! here.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::campaign::*;
use crate::edition::{Edition, Kind, Level, Offer, Region, Window};
use crate::messages::Lang;

/// A small deterministic generator (64-bit LCG), so that the sample is the same everywhere.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The EN 2023 edition used by the sample (an assumed edition: the rules of EN 2021 with
/// dates of its own), so that some dossiers are still before their declaration on the
/// sample's `as_of`.
pub fn sample_en2023() -> Option<Edition> {
    let mut e = Edition::builtin("EN2021").ok()?;
    e.id = "EN2023".into();
    e.year = 2023;
    e.pilot = false;
    e.next = Some("EN2024".into());
    e.declaration = Window { opens: date(2023, 5, 1), closes: date(2023, 10, 13) };
    e.dossier_deadline = date(2024, 3, 29);
    e.excluded_laureate_years = vec![2019, 2020, 2021, 2022];
    e.provenance.clear();
    e.sources.clear();
    Some(e)
}

/// The sample campaign: `establishments` schools (about one dossier each, a few with two),
/// evaluated on 2023-06-15 with six waves.
///
/// ```
/// let request = ecole_numerique::sample::campaign(300);
/// let report = ecole_numerique::evaluate(&request).unwrap();
/// assert!(report.dossiers.len() >= 300);
/// ```
pub fn campaign(establishments: usize) -> CampaignRequest {
    let mut rng = Lcg(2021);
    let mut schools = Vec::with_capacity(establishments);
    let mut dossiers = Vec::with_capacity(establishments + establishments / 20);
    let levels = [
        Offer { level: Level::Maternel, kind: Kind::Ordinaire },
        Offer { level: Level::Primaire, kind: Kind::Ordinaire },
        Offer { level: Level::Primaire, kind: Kind::Specialise },
        Offer { level: Level::Secondaire, kind: Kind::Ordinaire },
        Offer { level: Level::Secondaire, kind: Kind::PromotionSociale },
    ];
    let items = [
        ("tablet-android", 10..30),
        ("tablet-apple", 5..15),
        ("chromebook", 4..12),
        ("laptop-windows", 2..8),
        ("interactive-board", 1..3),
        ("microbit-set", 1..4),
        ("nas", 1..2),
        ("wifi-access-point", 1..6),
    ];
    for i in 0..establishments {
        let fase = 10_000 + 10 * i as i64;
        let bucket = i % 13;
        let offer = if bucket == 0 && i % 26 == 0 {
            Offer { level: Level::Superieur, kind: Kind::Ordinaire }
        } else {
            levels[rng.below(levels.len() as u64) as usize]
        };
        let region = if bucket == 0 && i % 26 == 13 { Region::Brussels } else { Region::Wallonia };
        schools.push(Establishment {
            fase,
            name: format!(
                "Ecole {:03} de {}",
                i,
                ["Namur", "Liège", "Mons", "Eupen", "Arlon", "Wavre"][i % 6]
            ),
            offers: vec![offer],
            implantations: vec![Implantation { fase: fase + 1, region }],
            laureate_years: if bucket == 1 {
                vec![2019]
            } else if i % 7 == 0 {
                vec![2015]
            } else {
                vec![]
            },
        });
        // Equipment within the grid, now and then over it or with a typo.
        let mut equipment = Vec::new();
        let mut budget: i64 = 50;
        for _ in 0..1 + rng.below(3) {
            let (item, range) = &items[rng.below(items.len() as u64) as usize];
            let points = crate::edition::Registry::builtin()
                .get("EN2021")
                .and_then(|e| e.grid.line(item).map(|l| i64::from(l.points)))
                .unwrap_or(1);
            let want = range.start + rng.below((range.end - range.start) as u64) as i64;
            let quantity = want.min(budget / points);
            if quantity >= 1 {
                budget -= quantity * points;
                equipment.push(EquipmentLine { item: item.to_string(), quantity });
            }
        }
        if i % 53 == 5 {
            equipment.push(EquipmentLine { item: "interactive-board".into(), quantity: 4 });
        }
        if i % 61 == 7 {
            equipment.push(EquipmentLine { item: "hoverboard".into(), quantity: 1 });
        }
        let extra =
            if i % 9 == 0 { vec![EquipmentLine { item: "chromebook".into(), quantity: 5 }] } else { vec![] };
        let jitter = |rng: &mut Lcg, max: u64| Days::new(rng.below(max));
        let mut d =
            Dossier { id: format!("EN-{fase}"), establishment: fase, equipment, extra, ..Default::default() };
        let en2023 = matches!(bucket, 2..=6 | 8);
        if en2023 {
            d.edition = Some("EN2023".into());
        }
        // Events of the whole way, dated in order; each bucket stops at its stage.
        let declared = if en2023 {
            date(2023, 5, 2) + jitter(&mut rng, 30)
        } else {
            date(2021, 10, 1) + jitter(&mut rng, 70)
        };
        let contact = declared + Days::new(3 + rng.below(10));
        let surveyed = contact + Days::new(7 + rng.below(20));
        let opened = surveyed + Days::new(2 + rng.below(10));
        let approved = opened + Days::new(20 + rng.below(60));
        let signed = approved + Days::new(1 + rng.below(20));
        let delivered = date(2022, 6, 20) + jitter(&mut rng, 120);
        let visited = delivered + Days::new(2 + rng.below(10));
        let answered = date(2023, 3, 1) + jitter(&mut rng, 90);
        let stage_rank = match bucket {
            2 => 0,
            3 => 1,
            4 => 2,
            5 => 3,
            6 => 4,
            7 => 4,
            8 => 5,
            9 => 6,
            10 => 7,
            11 => 8,
            12 => 9,
            _ => 9,
        };
        if stage_rank >= 1 {
            d.declared_on = Some(declared);
        }
        if stage_rank >= 2 {
            d.first_contact_on = Some(contact);
        }
        if stage_rank >= 3 {
            d.survey = Survey {
                referent: Some(format!("Référent {i}")),
                connectivity_assessed: true,
                infrastructure_assessed: true,
                works_needed: i % 5 == 0,
                po_contacted: i % 5 == 0,
                bandwidth_sufficient: i % 4 != 0,
                means_committed: i % 5 == 0 || i % 4 == 0,
                completed_on: Some(surveyed),
            };
            if i % 47 == 3 {
                d.survey.referent = None; // an incomplete survey
            }
        }
        if stage_rank >= 4 {
            d.space_opened_on = Some(opened);
        }
        if stage_rank >= 5 && bucket != 7 {
            d.cen_approved_on = Some(approved);
            d.expert_approved_on = Some(approved + Days::new(rng.below(2)));
            d.signed_on = Some(signed.min(date(2022, 5, 31)));
            d.signed_by = match i % 3 {
                0 => vec![Signer::Po],
                1 => vec![Signer::Direction],
                _ => vec![Signer::Po, Signer::Direction],
            };
        }
        if stage_rank >= 7 {
            d.delivery = Delivery {
                delivered_on: Some(delivered),
                note_signed: i % 29 != 4,
                boxes_noted: i % 6 != 0,
                unpacked_before_reception: i % 17 == 0,
            };
        }
        if stage_rank >= 8 {
            d.reception = Reception {
                appointment_on: Some(visited - Days::new(rng.below(3))),
                visited_on: Some(visited),
                team_member_present: i % 31 != 2,
                equipment_accessible: true,
            };
        }
        if stage_rank >= 9 {
            d.evaluation = Evaluation {
                questionnaire_on: Some(answered),
                survey_on: Some(answered + Days::new(rng.below(20))),
                shared_on: (i % 2 == 0).then_some(answered + Days::new(30)),
            };
        }
        if bucket == 8 {
            // Confirmed in EN 2023, waiting: the only wave after it orders after the sample's day.
            d.declared_on = Some(date(2023, 5, 2));
            d.first_contact_on = Some(date(2023, 5, 4));
            d.survey.completed_on = Some(date(2023, 5, 10));
            d.space_opened_on = Some(date(2023, 5, 15));
            d.cen_approved_on = Some(date(2023, 6, 1));
            d.expert_approved_on = Some(date(2023, 6, 2));
            d.signed_on = Some(date(2023, 6, 5));
        }
        if i % 71 == 11 {
            d.first_contact_on = d.declared_on.map(|x| x - Days::new(2)); // broken chronology
        }
        dossiers.push(d.clone());
        if i % 40 == 17 {
            // A second dossier of the same establishment: one project per FE.
            let mut twin = d;
            twin.id = format!("EN-{fase}-bis");
            twin.declared_on = twin.declared_on.map(|x| x + Days::new(1));
            dossiers.push(twin);
        }
    }
    let waves = [
        ("V1-2022-02", date(2022, 2, 1), 400, 12),
        ("V2-2022-03", date(2022, 3, 15), 600, 12),
        ("V3-2022-05", date(2022, 5, 2), 600, 6),
        ("V4-2022-06", date(2022, 6, 1), 800, 3),
        ("V5-2022-09", date(2022, 9, 1), 250, 2),
        ("V6-2023-09", date(2023, 9, 1), 150, 8),
    ]
    .into_iter()
    .map(|(id, order_on, tablets, boards)| {
        let scale = (establishments as i64).max(1);
        let mut capacity = BTreeMap::new();
        capacity.insert("tablet-android".to_string(), tablets * scale / 300);
        capacity.insert("interactive-board".to_string(), boards * scale / 300);
        Wave { id: id.to_string(), order_on, capacity }
    })
    .collect();
    CampaignRequest {
        edition: EditionRef::Id("EN2021".into()),
        editions: sample_en2023().into_iter().collect(),
        as_of: date(2023, 6, 15),
        lang: Lang::Fr,
        establishments: schools,
        dossiers,
        waves: Some(waves),
    }
}
