//! Procurement waves (SPEC §7; seed step 9 "Commandes": "Toutes les candidatures confirmées
//! sont transformées en projets. Le SPW s'occupe de commander le matériel (vagues)").
//!
//! Waves are tried in (`order_on`, `id`) order. Every confirmed project takes part, whatever
//! its edition; projects are taken by (confirmation date, FASE, dossier id) and each goes
//! whole into the earliest wave that orders on or after its confirmation and has room for all
//! its equipment lines (an item without a capacity is unlimited). A project no wave can take
//! is unscheduled, never dropped. The plan does not depend on the input order.
//!
//! A project's confirmation date is the day it became a confirmed project (see
//! [`Project::confirmed_on`]): for a dossier confirmed only after a carry-over, not before
//! the day it entered that edition, so that no wave that ordered without it takes it later.

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use crate::campaign::{Fase, OrderLine, Wave, WavePlan};

/// A confirmed project, as the planner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project<'a> {
    /// Position of the dossier in the request (the order of every list in the report).
    pub index: usize,
    /// Dossier id.
    pub id: &'a str,
    /// FASE of its establishment.
    pub fase: Fase,
    /// The day it became a confirmed project: its signature day or, for a dossier confirmed
    /// only after a carry-over, the day it entered the edition it is confirmed in, if later
    /// (the campaign engine's reading of SPEC §7's "confirmation").
    pub confirmed_on: NaiveDate,
    /// (item, lot, units): per-unit lines only, one per item (summed), sorted by item.
    pub lines: Vec<(&'a str, &'a str, i64)>,
}

/// The plan: for each wave (in (`order_on`, `id`) order) its projects' indexes, and the
/// indexes of the unscheduled projects, all in request order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The waves with their projects and order lines.
    pub waves: Vec<WavePlan>,
    /// Wave position (in `waves`) per project index.
    pub assigned: FxHashMap<usize, usize>,
    /// Indexes of the projects no wave can take, in request order.
    pub unscheduled: Vec<usize>,
}

/// Where a text is (its address and length).
type Address = (usize, usize);

/// A wave's order lines: units summed per (lot, item), sorted by lot then item.
///
/// The engine's projects name their items and lots by the grid's own text, so the sum is kept
/// by address (no string comparison per line); text at other addresses is merged by value
/// once sorted.
fn order_lines(members: &[&Project<'_>]) -> Vec<OrderLine> {
    let key = |s: &str| (s.as_ptr() as usize, s.len());
    let mut place: FxHashMap<(Address, Address), usize> = FxHashMap::default();
    let mut sums: Vec<(&str, &str, i64)> = Vec::new();
    for p in members {
        for &(item, lot, q) in &p.lines {
            let at = *place.entry((key(lot), key(item))).or_insert_with(|| {
                sums.push((lot, item, 0));
                sums.len() - 1
            });
            sums[at].2 = sums[at].2.saturating_add(q);
        }
    }
    sums.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut lines: Vec<OrderLine> = Vec::with_capacity(sums.len());
    for (lot, item, quantity) in sums {
        match lines.last_mut() {
            Some(last) if last.lot == lot && last.item == item => {
                last.quantity = last.quantity.saturating_add(quantity);
            }
            _ => lines.push(OrderLine { item: item.to_string(), lot: lot.to_string(), quantity }),
        }
    }
    lines
}

/// Plans the projects into the waves.
///
/// ```
/// use ecole_numerique::waves::{plan, Project};
/// use ecole_numerique::Wave;
/// use chrono::NaiveDate;
/// let day = |m, d| NaiveDate::from_ymd_opt(2022, m, d).unwrap();
/// let wave = Wave { id: "W1".into(), order_on: day(3, 1), capacity: [("nas".to_string(), 1)].into() };
/// let project = |index, id: &'static str| Project {
///     index, id, fase: 1, confirmed_on: day(2, 1),
///     lines: vec![("nas", "other", 1)],
/// };
/// let p = plan(&[wave], vec![project(0, "A"), project(1, "B")]);
/// assert_eq!(p.waves[0].projects, ["A"]);
/// assert_eq!(p.unscheduled, [1]);
/// ```
pub fn plan(waves: &[Wave], mut projects: Vec<Project<'_>>) -> Plan {
    let mut order: Vec<&Wave> = waves.iter().collect();
    order.sort_by(|a, b| a.order_on.cmp(&b.order_on).then_with(|| a.id.cmp(&b.id)));
    projects.sort_unstable_by(|a, b| (a.confirmed_on, a.fase, a.id).cmp(&(b.confirmed_on, b.fase, b.id)));
    // The items some wave limits, numbered; room left per wave and numbered item (`None`:
    // no capacity in that wave, unlimited).
    let mut limited: FxHashMap<&str, usize> = FxHashMap::default();
    for w in &order {
        for item in w.capacity.keys() {
            let next = limited.len();
            limited.entry(item.as_str()).or_insert(next);
        }
    }
    let mut room: Vec<Vec<Option<i64>>> = order
        .iter()
        .map(|w| {
            let mut left = vec![None; limited.len()];
            for (item, units) in &w.capacity {
                if let Some(&i) = limited.get(item.as_str()) {
                    left[i] = Some(*units);
                }
            }
            left
        })
        .collect();
    let mut members: Vec<Vec<&Project>> = vec![Vec::new(); order.len()];
    let mut assigned = FxHashMap::with_capacity_and_hasher(projects.len(), Default::default());
    let mut unscheduled = Vec::new();
    let mut needs: Vec<(usize, i64)> = Vec::new();
    for project in &projects {
        // The project's limited items, looked up once.
        needs.clear();
        needs.extend(project.lines.iter().filter_map(|&(item, _, q)| Some((*limited.get(item)?, q.max(0)))));
        // One need per item, whatever the lines: an item given twice needs the room of both
        // (and a line below zero, which the engine never plans, needs no room).
        needs.sort_unstable_by_key(|&(i, _)| i);
        needs.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = kept.1.saturating_add(later.1);
            }
            same
        });
        let fits = |w: usize, room: &[Option<i64>]| {
            order[w].order_on >= project.confirmed_on
                && needs.iter().all(|&(i, q)| room[i].is_none_or(|left| q <= left))
        };
        match (0..order.len()).find(|&w| fits(w, &room[w])) {
            Some(w) => {
                for &(i, q) in &needs {
                    if let Some(left) = &mut room[w][i] {
                        *left = left.saturating_sub(q);
                    }
                }
                members[w].push(project);
                assigned.insert(project.index, w);
            }
            None => unscheduled.push(project.index),
        }
    }
    unscheduled.sort_unstable();
    let waves = order
        .iter()
        .zip(members.iter_mut())
        .map(|(wave, members)| {
            members.sort_by_key(|p| p.index);
            WavePlan {
                id: wave.id.clone(),
                order_on: wave.order_on,
                projects: members.iter().map(|p| p.id.to_string()).collect(),
                lines: order_lines(members),
            }
        })
        .collect();
    Plan { waves, assigned, unscheduled }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, m, d).unwrap()
    }
    fn wave(id: &str, on: NaiveDate, cap: &[(&str, i64)]) -> Wave {
        Wave { id: id.into(), order_on: on, capacity: cap.iter().map(|(k, v)| (k.to_string(), *v)).collect() }
    }
    fn project<'a>(
        index: usize,
        id: &'a str,
        fase: Fase,
        on: NaiveDate,
        lines: &[(&'a str, &'a str, i64)],
    ) -> Project<'a> {
        Project { index, id, fase, confirmed_on: on, lines: lines.to_vec() }
    }

    /// The same item and lot written at other addresses (not the grid's text) still make one
    /// order line; lines are sorted by lot, then item.
    #[test]
    fn order_lines_sum_by_value_whatever_the_text_s_address() {
        let texts: Vec<String> =
            ["tablets", "tablet-android", "tablets", "tablet-android", "computers", "macbook"]
                .iter()
                .map(|t| t.to_string())
                .collect();
        let (lot1, item1, lot2, item2) = (&texts[0], &texts[1], &texts[2], &texts[3]);
        assert!(!std::ptr::eq(item1.as_str(), item2.as_str()));
        let p = plan(
            &[wave("W", day(3, 1), &[])],
            vec![
                project(0, "a", 1, day(2, 1), &[(item1, lot1, 3), (&texts[5], &texts[4], 1)]),
                project(1, "b", 2, day(2, 1), &[(item2, lot2, 4)]),
                project(2, "c", 3, day(2, 1), &[(item1, lot1, i64::MAX)]),
            ],
        );
        let lines: Vec<_> =
            p.waves[0].lines.iter().map(|l| (l.lot.as_str(), l.item.as_str(), l.quantity)).collect();
        assert_eq!(lines, [("computers", "macbook", 1), ("tablets", "tablet-android", i64::MAX)]);
        let p = plan(
            &[wave("W", day(3, 1), &[])],
            vec![
                project(0, "a", 1, day(2, 1), &[(item1, lot1, 3)]),
                project(1, "b", 2, day(2, 1), &[(item2, lot2, 4)]),
            ],
        );
        assert_eq!(p.waves[0].lines.len(), 1);
        assert_eq!(p.waves[0].lines[0].quantity, 7);
    }

    /// A project built by hand may name an item on two lines: the room it needs is their sum;
    /// and no quantity, however odd, overflows the room left.
    #[test]
    fn an_item_on_two_lines_needs_the_room_of_both() {
        let waves = [wave("W1", day(3, 1), &[("nas", 1)]), wave("W2", day(4, 1), &[("nas", 2)])];
        let p =
            plan(&waves, vec![project(0, "a", 1, day(2, 1), &[("nas", "other", 1), ("nas", "other", 1)])]);
        assert_eq!((p.waves[0].projects.len(), &p.waves[1].projects[..]), (0, &["a".to_string()][..]));
        assert_eq!(p.waves[1].lines[0].quantity, 2);
        let p = plan(
            &waves,
            vec![
                project(0, "odd", 1, day(2, 1), &[("nas", "other", i64::MIN)]),
                project(1, "huge", 2, day(2, 2), &[("nas", "other", i64::MAX), ("nas", "other", i64::MAX)]),
            ],
        );
        assert_eq!(p.waves[0].projects, ["odd"]);
        assert_eq!(p.unscheduled, [1]);
    }

    #[test]
    fn a_wave_never_orders_before_the_confirmation() {
        let waves = [wave("early", day(1, 31), &[]), wave("late", day(2, 1), &[])];
        // Confirmed the day before, of, and after the early wave.
        let p = plan(
            &waves,
            vec![
                project(0, "before", 1, day(1, 30), &[]),
                project(1, "same", 2, day(1, 31), &[]),
                project(2, "after", 3, day(2, 1), &[]),
                project(3, "too-late", 4, day(2, 2), &[]),
            ],
        );
        assert_eq!(p.waves[0].projects, ["before", "same"]);
        assert_eq!(p.waves[1].projects, ["after"]);
        assert_eq!(p.unscheduled, [3]);
    }

    #[test]
    fn capacity_is_filled_first_fit_by_confirmation_fase_id() {
        let waves = [wave("W2", day(4, 1), &[("tablet", 10)]), wave("W1", day(3, 1), &[("tablet", 10)])];
        let p = plan(
            &waves,
            vec![
                project(0, "c", 5, day(2, 2), &[("tablet", "tablets", 6)]),
                project(1, "b", 9, day(2, 1), &[("tablet", "tablets", 6)]),
                project(2, "a", 9, day(2, 1), &[("tablet", "tablets", 4), ("nas", "other", 2)]),
                project(3, "d", 1, day(2, 3), &[("tablet", "tablets", 11)]),
            ],
        );
        assert_eq!(p.waves[0].id, "W1", "waves in (order_on, id) order");
        // a (2-1, fase 9, "a") then b (2-1, fase 9, "b") fill W1; c goes to W2; d fits nowhere.
        assert_eq!(p.waves[0].projects, ["b", "a"], "request order in the output");
        assert_eq!(p.waves[1].projects, ["c"]);
        assert_eq!(p.unscheduled, [3]);
        let lines: Vec<_> =
            p.waves[0].lines.iter().map(|l| (l.lot.as_str(), l.item.as_str(), l.quantity)).collect();
        assert_eq!(lines, [("other", "nas", 2), ("tablets", "tablet", 10)]);
    }

    #[test]
    fn a_project_goes_whole_or_not_at_all() {
        let waves = [wave("W1", day(3, 1), &[("tablet", 5), ("nas", 1)])];
        let p = plan(
            &waves,
            vec![project(0, "a", 1, day(2, 1), &[("tablet", "tablets", 3), ("nas", "other", 2)])],
        );
        assert!(p.waves[0].projects.is_empty());
        assert!(p.waves[0].lines.is_empty());
        assert_eq!(p.unscheduled, [0]);
    }

    #[test]
    fn zero_capacity_takes_only_projects_without_that_item() {
        let waves = [wave("W1", day(3, 1), &[("tablet", 0)])];
        let p = plan(
            &waves,
            vec![
                project(0, "a", 1, day(2, 1), &[("tablet", "tablets", 1)]),
                project(1, "b", 2, day(2, 1), &[("nas", "other", 1)]),
            ],
        );
        assert_eq!(p.waves[0].projects, ["b"]);
        assert_eq!(p.unscheduled, [0]);
    }

    #[test]
    fn no_waves_leaves_everyone_unscheduled() {
        let p = plan(&[], vec![project(1, "a", 1, day(2, 1), &[]), project(0, "b", 1, day(2, 1), &[])]);
        assert!(p.waves.is_empty());
        assert_eq!(p.unscheduled, [0, 1]);
    }
}
