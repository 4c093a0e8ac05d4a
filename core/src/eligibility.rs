//! Eligibility (SPEC §4; seed "1. Bon à savoir" and "Dates clés").
//!
//! The checks are reported in this order: `dossier.establishment`, `eligibility.level`,
//! `eligibility.region`, `eligibility.never_laureate`, `eligibility.declaration_window`,
//! `eligibility.one_per_establishment`. The ranking of the last one needs every dossier of the
//! request and is done by the campaign engine with [`rank_one_per_establishment`].

use chrono::NaiveDate;

use crate::campaign::{Dossier, Establishment, Fase};
use crate::edition::Edition;
use crate::messages::Msg;
use crate::rules::{Finding, Param};

fn ed(edition: &Edition) -> (&'static str, Param<'_>) {
    ("edition", Param::Str(&edition.id))
}

/// `eligibility.level`: "Pour les écoles: maternelles, primaires, secondaires, enseignement
/// ordinaire ou spécialisé, enseignement secondaire de promotion sociale" — the establishment
/// offers at least one eligible (level, kind) pair of the edition.
pub fn level<'a>(establishment: &Establishment, edition: &'a Edition) -> Finding<'a> {
    let ok = offers_eligible_level(establishment, edition);
    Finding::new(if ok { Msg::LevelPass } else { Msg::LevelFail }, [ed(edition)])
}

/// Whether [`level`] passes.
pub fn offers_eligible_level(establishment: &Establishment, edition: &Edition) -> bool {
    establishment.offers.iter().any(|o| edition.offers(*o))
}

/// `eligibility.region`: at least one implantation of the dossier lies in a region of the
/// edition. The dossier's implantations are the FASE numbers it lists among its
/// establishment's implantations; a dossier that lists none concerns all of them. A listed
/// FASE that is not an implantation of the establishment lies in no region; it is named in
/// the check's message, passed or failed, so that it is not silently dropped (SPEC §9).
pub fn region<'a>(establishment: &Establishment, dossier: &Dossier, edition: &'a Edition) -> Finding<'a> {
    let ok = in_region(establishment, dossier, edition);
    let mut strangers: Vec<Fase> = strangers(establishment, dossier).collect();
    if strangers.is_empty() {
        return Finding::new(if ok { Msg::RegionPass } else { Msg::RegionFail }, [ed(edition)]);
    }
    strangers.sort_unstable();
    strangers.dedup();
    let fases = strangers.iter().map(Fase::to_string).collect::<Vec<_>>().join(", ");
    let msg = if ok { Msg::RegionPassStrangers } else { Msg::RegionFailStrangers };
    Finding::new(msg, [ed(edition), ("fases", Param::Text(fases))])
}

/// The FASE numbers the dossier lists that are not implantations of its establishment.
fn strangers<'a>(establishment: &'a Establishment, dossier: &'a Dossier) -> impl Iterator<Item = Fase> + 'a {
    dossier
        .implantations
        .iter()
        .copied()
        .filter(|&fase| !establishment.implantations.iter().any(|i| i.fase == fase))
}

/// Whether every FASE number the dossier lists is an implantation of its establishment.
pub fn lists_only_its_implantations(establishment: &Establishment, dossier: &Dossier) -> bool {
    strangers(establishment, dossier).next().is_none()
}

/// Whether [`region`] passes.
pub fn in_region(establishment: &Establishment, dossier: &Dossier, edition: &Edition) -> bool {
    let concerned = |fase: Fase| dossier.implantations.is_empty() || dossier.implantations.contains(&fase);
    establishment.implantations.iter().any(|i| concerned(i.fase) && edition.regions.contains(&i.region))
}

/// `eligibility.never_laureate`: "EN 2021 n'est pas accessible aux établissements lauréats
/// EN 2017, 2018, 2019, 2020".
pub fn never_laureate<'a>(establishment: &Establishment, edition: &'a Edition) -> Finding<'a> {
    let excluded = &edition.excluded_laureate_years;
    if never_laureate_in_excluded_years(establishment, edition) {
        return Finding::new(Msg::NeverLaureatePass, [ed(edition), ("years", Param::Years(excluded))]);
    }
    let mut hits: Vec<i32> =
        establishment.laureate_years.iter().copied().filter(|y| excluded.contains(y)).collect();
    hits.sort_unstable();
    hits.dedup();
    let mut years = String::with_capacity(hits.len() * 6);
    crate::messages::push_years(&mut years, &hits);
    Finding::new(Msg::NeverLaureateFail, [ed(edition), ("years", Param::Text(years))])
}

/// Whether [`never_laureate`] passes.
pub fn never_laureate_in_excluded_years(establishment: &Establishment, edition: &Edition) -> bool {
    !establishment.laureate_years.iter().any(|y| edition.excluded_laureate_years.contains(y))
}

/// The three checks of the establishment against an edition (level, region, never laureate):
/// those run again after a carry-over.
pub fn establishment_fits<'a>(
    establishment: &Establishment,
    dossier: &Dossier,
    edition: &'a Edition,
) -> [Finding<'a>; 3] {
    [
        level(establishment, edition),
        region(establishment, dossier, edition),
        never_laureate(establishment, edition),
    ]
}

/// Where a dossier stands with the declaration window on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declaration {
    /// No declaration dated on or before `as_of`, and the window is still open: the check is
    /// not reported yet; the next action is to declare by the closing date.
    Pending,
    /// Declared inside the window.
    Inside(NaiveDate),
    /// Declared (on or before `as_of`) outside the window.
    Outside(NaiveDate),
    /// The window closed without a declaration.
    Missed,
}

impl Declaration {
    /// The declaration day, when it counts.
    pub fn inside(self) -> Option<NaiveDate> {
        match self {
            Declaration::Inside(d) => Some(d),
            _ => None,
        }
    }
}

/// `eligibility.declaration_window`: "Signaler votre intérêt pour la candidature jusqu'au 17
/// décembre 2021", the window being 1 October … 17 December 2021, both days included. A
/// declaration dated after `as_of` is not known yet.
pub fn declaration(dossier: &Dossier, edition: &Edition, as_of: NaiveDate) -> Declaration {
    match dossier.declared_on.filter(|d| *d <= as_of) {
        Some(d) if edition.declaration.contains(d) => Declaration::Inside(d),
        Some(d) => Declaration::Outside(d),
        None if as_of <= edition.declaration.closes => Declaration::Pending,
        None => Declaration::Missed,
    }
}

/// The finding of the window check; `None` while the declaration is pending.
pub fn declaration_window(state: Declaration, edition: &Edition) -> Option<Finding<'_>> {
    let w = &edition.declaration;
    let (opens, closes) = (("opens", Param::Date(w.opens)), ("closes", Param::Date(w.closes)));
    Some(match state {
        Declaration::Pending => return None,
        Declaration::Inside(d) => Finding::new(Msg::WindowPass, [opens, closes, ("date", Param::Date(d))]),
        Declaration::Outside(d) => {
            Finding::new(Msg::WindowOutside, [opens, closes, ("date", Param::Date(d))])
        }
        Declaration::Missed => Finding::new(Msg::WindowMissed, [opens, closes]),
    })
}

/// A dossier taking part in the `eligibility.one_per_establishment` ranking: it passed every
/// check above, on its starting edition.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// Position in the request.
    pub index: usize,
    /// FASE of its establishment.
    pub fase: Fase,
    /// Id of its starting edition.
    pub edition: &'a str,
    /// Declaration day.
    pub declared_on: NaiveDate,
    /// Dossier id.
    pub id: &'a str,
}

/// `eligibility.one_per_establishment`: "1 projet par FE" — the candidates naming one FASE and
/// starting in one edition are ranked by declaration date (ties: smaller dossier id, string
/// order); the first `max` pass. Returns, for each candidate (in the order given), whether it
/// passed and, when it did not, the ids of the dossiers ranked before it that passed.
pub fn rank_one_per_establishment<'a>(
    candidates: &[Candidate<'a>],
    max_for: impl Fn(&str) -> u32,
) -> Vec<Ranking<'a>> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let key = |c: &Candidate<'a>| (c.fase, c.edition, c.declared_on, c.id);
    order.sort_unstable_by(|&a, &b| key(&candidates[a]).cmp(&key(&candidates[b])));
    let mut out = vec![Ranking { passed: true, others: Vec::new() }; candidates.len()];
    for group in order.chunk_by(|&a, &b| {
        let (a, b) = (&candidates[a], &candidates[b]);
        (a.fase, a.edition) == (b.fase, b.edition)
    }) {
        let max = (max_for(candidates[group[0]].edition) as usize).min(group.len());
        let (winners, losers) = group.split_at(max);
        for &loser in losers {
            out[loser] =
                Ranking { passed: false, others: winners.iter().map(|&w| candidates[w].id).collect() };
        }
    }
    out
}

/// The outcome of the ranking for one candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking<'a> {
    /// It is among the first `max` of its establishment and edition.
    pub passed: bool,
    /// When it is not: the ids of the dossiers that passed, in rank order.
    pub others: Vec<&'a str>,
}

/// The finding of the one-per-establishment check.
pub fn one_per_establishment<'a>(passed: bool, others: &[&str], edition: &'a Edition) -> Finding<'a> {
    let max = ("max", Param::Int(i64::from(edition.max_projects_per_establishment)));
    if passed {
        Finding::new(Msg::OnePerPass, [ed(edition), max])
    } else {
        Finding::new(Msg::OnePerFail, [ed(edition), max, ("others", Param::Text(others.join(", ")))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::Implantation;
    use crate::edition::{Kind, Level, Offer, Region};

    fn en2021() -> Edition {
        Edition::builtin("EN2021").unwrap()
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn school(offers: Vec<Offer>, regions: &[(Fase, Region)], laureate: Vec<i32>) -> Establishment {
        Establishment {
            fase: 1,
            name: "x".into(),
            offers,
            implantations: regions.iter().map(|&(fase, region)| Implantation { fase, region }).collect(),
            laureate_years: laureate,
        }
    }
    fn primary() -> Vec<Offer> {
        vec![Offer { level: Level::Primaire, kind: Kind::Ordinaire }]
    }

    #[test]
    fn level_passes_with_one_eligible_pair_and_fails_without() {
        let e = en2021();
        assert!(level(&school(primary(), &[], vec![]), &e).passed);
        let mixed = vec![
            Offer { level: Level::Superieur, kind: Kind::Ordinaire },
            Offer { level: Level::Secondaire, kind: Kind::PromotionSociale },
        ];
        assert!(level(&school(mixed, &[], vec![]), &e).passed);
        let higher = vec![Offer { level: Level::Superieur, kind: Kind::PromotionSociale }];
        assert!(!level(&school(higher, &[], vec![]), &e).passed);
        let prim_social = vec![Offer { level: Level::Primaire, kind: Kind::PromotionSociale }];
        assert!(!level(&school(prim_social, &[], vec![]), &e).passed);
        assert!(!level(&school(vec![], &[], vec![]), &e).passed);
    }

    #[test]
    fn region_looks_at_the_dossiers_implantations() {
        let e = en2021();
        let s = school(primary(), &[(11, Region::Brussels), (12, Region::Wallonia)], vec![]);
        let mut dossier = Dossier { id: "a".into(), establishment: 1, ..Default::default() };
        assert!(region(&s, &dossier, &e).passed, "none listed: all implantations");
        dossier.implantations = vec![11];
        assert!(!region(&s, &dossier, &e).passed, "only the Brussels one");
        dossier.implantations = vec![11, 12];
        assert!(region(&s, &dossier, &e).passed);
        dossier.implantations = vec![99];
        assert!(!region(&s, &dossier, &e).passed, "not an implantation of the school");
        let nowhere = school(primary(), &[], vec![]);
        dossier.implantations = vec![];
        assert!(!region(&nowhere, &dossier, &e).passed);
    }

    #[test]
    fn never_laureate_checks_the_excluded_years_only() {
        let e = en2021();
        assert!(never_laureate(&school(primary(), &[], vec![]), &e).passed);
        assert!(never_laureate(&school(primary(), &[], vec![2016, 2021]), &e).passed);
        for year in [2017, 2018, 2019, 2020] {
            let f = never_laureate(&school(primary(), &[], vec![year]), &e);
            assert!(!f.passed, "{year}");
            assert_eq!(f.params.get("years"), Some(&Param::Text(year.to_string())));
        }
    }

    #[test]
    fn the_window_boundaries_and_as_of() {
        let e = en2021();
        let dossier =
            |on| Dossier { id: "a".into(), establishment: 1, declared_on: Some(on), ..Default::default() };
        let late = d(2022, 1, 10);
        assert_eq!(declaration(&dossier(d(2021, 9, 30)), &e, late), Declaration::Outside(d(2021, 9, 30)));
        assert_eq!(declaration(&dossier(d(2021, 10, 1)), &e, late), Declaration::Inside(d(2021, 10, 1)));
        assert_eq!(declaration(&dossier(d(2021, 10, 2)), &e, late), Declaration::Inside(d(2021, 10, 2)));
        assert_eq!(declaration(&dossier(d(2021, 12, 16)), &e, late), Declaration::Inside(d(2021, 12, 16)));
        assert_eq!(declaration(&dossier(d(2021, 12, 17)), &e, late), Declaration::Inside(d(2021, 12, 17)));
        assert_eq!(declaration(&dossier(d(2021, 12, 18)), &e, late), Declaration::Outside(d(2021, 12, 18)));
        // A declaration after as_of is not known yet.
        assert_eq!(declaration(&dossier(d(2021, 11, 5)), &e, d(2021, 11, 4)), Declaration::Pending);
        // No declaration: pending up to the closing day, missed the day after.
        let none = Dossier { id: "a".into(), establishment: 1, ..Default::default() };
        assert_eq!(declaration(&none, &e, d(2021, 12, 16)), Declaration::Pending);
        assert_eq!(declaration(&none, &e, d(2021, 12, 17)), Declaration::Pending);
        assert_eq!(declaration(&none, &e, d(2021, 12, 18)), Declaration::Missed);
        assert!(declaration_window(Declaration::Pending, &e).is_none());
        assert!(!declaration_window(Declaration::Missed, &e).unwrap().passed);
        assert!(declaration_window(Declaration::Inside(d(2021, 10, 1)), &e).unwrap().passed);
    }

    #[test]
    fn ranking_by_date_then_id_per_fase_and_edition() {
        let c = |index, fase, edition, on, id| Candidate { index, fase, edition, declared_on: on, id };
        let cands = [
            c(0, 1, "EN2021", d(2021, 10, 5), "b"),
            c(1, 1, "EN2021", d(2021, 10, 5), "a"),
            c(2, 1, "EN2021", d(2021, 10, 1), "z"),
            c(3, 2, "EN2021", d(2021, 11, 1), "c"),
            c(4, 1, "EN2022", d(2022, 10, 1), "d"),
        ];
        let r = rank_one_per_establishment(&cands, |_| 1);
        assert!(r[2].passed, "earliest declaration wins");
        assert_eq!(r[1], Ranking { passed: false, others: vec!["z"] });
        assert!(!r[0].passed);
        assert!(r[3].passed, "another establishment");
        assert!(r[4].passed, "another edition");
        let r2 = rank_one_per_establishment(&cands, |_| 2);
        assert!(r2[2].passed && r2[1].passed && !r2[0].passed, "tie broken by the smaller id");
        assert_eq!(r2[0].others, ["z", "a"]);
    }
}
