//! The points grid (SPEC §5; seed "Les points: 50 points maximum par projet" and
//! "4. Matériel à disposition des écoles").
//!
//! A line is **per unit** (points × quantity, the equipment of the seed's §4) or **rated** (an
//! assessor awards 0…max points). An unknown item, or a line whose quantity is not valid,
//! counts 0 points; an unknown item's quantity is checked as per unit. Extra purchases at SPW
//! prices are listed apart and never count.

use crate::text::Text;

use crate::campaign::{EquipmentLine, Points, PointsLine};
use crate::edition::{Edition, Grid, GridLine};
use crate::messages::Msg;
use crate::rules::{Finding, Param};

/// The count of one dossier's equipment on a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCount {
    /// Points, as reported.
    pub points: Points,
    /// Items that name no grid line, in request order.
    pub unknown_items: Vec<String>,
    /// `item (quantity)` for each line whose quantity is not valid.
    pub bad_quantities: Vec<String>,
}

/// Whether `quantity` is valid on `line` (`None`: unknown item, checked as per unit):
/// a whole number ≥ 1 per unit, 0…max on a rated line.
pub fn quantity_is_valid(line: Option<&GridLine>, quantity: i64) -> bool {
    match line {
        Some(l) if l.rated => (0..=i64::from(l.points)).contains(&quantity),
        _ => quantity >= 1,
    }
}

/// Points a line counts: points × quantity per unit (saturating), the quantity itself on a
/// rated line, 0 for an unknown item or a wrong quantity.
pub fn line_points(line: Option<&GridLine>, quantity: i64) -> i64 {
    match line {
        Some(l) if quantity_is_valid(Some(l), quantity) => {
            if l.rated {
                quantity
            } else {
                i64::from(l.points).saturating_mul(quantity)
            }
        }
        _ => 0,
    }
}

/// Counts the equipment (and lists the extra lines) of a dossier on `grid`.
///
/// ```
/// use ecole_numerique::{grid::count, Edition, EquipmentLine};
/// let en2021 = Edition::builtin("EN2021").unwrap();
/// let line = |item: &str, quantity| EquipmentLine { item: item.into(), quantity };
/// let c = count(&en2021.grid, &[line("interactive-board", 2), line("macbook", 6)], &[]);
/// assert_eq!((c.points.total, c.points.max, c.points.remaining), (54, 50, -4));
/// ```
pub fn count(grid: &Grid, equipment: &[EquipmentLine], extra: &[EquipmentLine]) -> GridCount {
    count_with(grid, equipment, extra, &mut Vec::new())
}

/// [`count`], the lines made in `scratch` (emptied first, left empty) and then moved to a
/// vector of their exact number: the grid's shared names are cloned (an atomic count each)
/// in memory that is hot in cache, and the report's cold memory is written in one move, not
/// line by line between two atomics.
pub(crate) fn count_with(
    grid: &Grid,
    equipment: &[EquipmentLine],
    extra: &[EquipmentLine],
    scratch: &mut Vec<PointsLine>,
) -> GridCount {
    let mut unknown_items = Vec::new();
    let mut bad_quantities = Vec::new();
    // Extra purchases (`counted` false) never count, but what is wrong with them is reported all
    // the same (SPEC §9: "nothing is silently dropped"): an unknown item, a quantity below 1.
    let mut point_line = |e: &EquipmentLine, counted: bool| {
        let line = grid.line(&e.item);
        // An absent item reads as the empty id; messages write it `""` so that it shows.
        let shown = if e.item.is_empty() { "\"\"" } else { e.item.as_str() };
        if line.is_none() {
            unknown_items.push(shown.to_string());
        }
        let valid = if counted { quantity_is_valid(line, e.quantity) } else { e.quantity >= 1 };
        if !valid {
            bad_quantities.push(format!("{shown} ({})", e.quantity));
        }
        PointsLine {
            item: line.map_or_else(|| Text::from(e.item.as_str()), |l| l.id.clone()),
            lot: line.map(|l| l.lot.clone()),
            quantity: e.quantity,
            points: if counted { line_points(line, e.quantity) } else { 0 },
        }
    };
    scratch.clear();
    scratch.extend(equipment.iter().map(|e| point_line(e, true)));
    let mut lines = Vec::with_capacity(scratch.len());
    lines.append(scratch);
    let extra: Vec<PointsLine> = extra.iter().map(|e| point_line(e, false)).collect();
    let total = lines.iter().fold(0i64, |total, l| total.saturating_add(l.points));
    let max = i64::from(grid.max_points);
    GridCount {
        points: Points { total, max, remaining: max.saturating_sub(total), lines, extra },
        unknown_items,
        bad_quantities,
    }
}

impl GridCount {
    /// `grid.known_item`: every line (extra lines included) names a grid line.
    pub fn known_item<'a>(&self, edition: &'a Edition) -> Finding<'a> {
        let ed = ("edition", Param::Str(&edition.id));
        if self.unknown_items.is_empty() {
            Finding::new(Msg::KnownItemPass, [ed])
        } else {
            Finding::new(Msg::KnownItemFail, [ed, ("items", Param::Text(self.unknown_items.join(", ")))])
        }
    }

    /// `grid.quantity`: a whole number ≥ 1 per unit, 0…max on a rated line (≥ 1 on an extra
    /// line).
    pub fn quantity<'a>(&self) -> Finding<'a> {
        if self.bad_quantities.is_empty() {
            Finding::new(Msg::QuantityPass, [])
        } else {
            Finding::new(Msg::QuantityFail, [("items", Param::Text(self.bad_quantities.join(", ")))])
        }
    }

    /// `grid.max_points`: total ≤ maximum.
    pub fn max_points<'a>(&self) -> Finding<'a> {
        let p = &self.points;
        let (total, max) = (("total", Param::Int(p.total)), ("max", Param::Int(p.max)));
        if p.total <= p.max {
            Finding::new(Msg::MaxPointsPass, [total, max, ("remaining", Param::Int(p.remaining))])
        } else {
            Finding::new(
                Msg::MaxPointsFail,
                [total, max, ("over", Param::Int(p.total.saturating_sub(p.max)))],
            )
        }
    }

    /// The three grid checks, in report order.
    pub fn findings<'a>(&self, edition: &'a Edition) -> [Finding<'a>; 3] {
        [self.known_item(edition), self.quantity(), self.max_points()]
    }

    /// Whether the three grid checks pass.
    pub fn passes(&self) -> bool {
        self.unknown_items.is_empty()
            && self.bad_quantities.is_empty()
            && self.points.total <= self.points.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::GridLine;

    fn en2021() -> Edition {
        Edition::builtin("EN2021").unwrap()
    }
    fn line(item: &str, quantity: i64) -> EquipmentLine {
        EquipmentLine { item: item.into(), quantity }
    }

    #[test]
    fn per_unit_lines_count_points_times_quantity() {
        let c = count(&en2021().grid, &[line("tablet-android", 20), line("interactive-board", 1)], &[]);
        assert_eq!(c.points.lines.iter().map(|l| l.points).collect::<Vec<_>>(), [20, 12]);
        assert_eq!((c.points.total, c.points.remaining), (32, 18));
        assert_eq!(c.points.lines[1].lot.as_deref(), Some("projection"));
        assert!(c.passes());
    }

    #[test]
    fn max_points_boundary_49_50_51() {
        let e = en2021();
        // 49: 49 Android tablets; 50: one more; 51: one more again.
        for (n, ok) in [(49, true), (50, true), (51, false)] {
            let c = count(&e.grid, &[line("tablet-android", n)], &[]);
            assert_eq!(c.max_points().passed, ok, "{n}");
            assert_eq!(c.points.remaining, 50 - n);
            assert_eq!(c.passes(), ok);
        }
    }

    #[test]
    fn unknown_items_and_bad_quantities_count_zero() {
        let e = en2021();
        let c = count(
            &e.grid,
            &[line("hoverboard", 3), line("macbook", 0), line("chromebook", -2), line("nas", 1)],
            &[],
        );
        assert_eq!(c.points.lines.iter().map(|l| l.points).collect::<Vec<_>>(), [0, 0, 0, 4]);
        assert_eq!(c.unknown_items, ["hoverboard"]);
        assert_eq!(c.bad_quantities, ["macbook (0)", "chromebook (-2)"]);
        assert!(!c.known_item(&e).passed);
        assert!(!c.quantity().passed);
        assert!(c.max_points().passed);
        assert_eq!(c.points.lines[0].lot, None);
    }

    #[test]
    fn an_empty_item_is_unknown_and_shown() {
        let c = count(&en2021().grid, &[line("", 1)], &[]);
        assert_eq!(c.unknown_items, ["\"\""]);
        assert_eq!(c.points.lines[0].item.as_ref(), "");
        let c = count(&en2021().grid, &[line("", 0)], &[]);
        assert_eq!(c.bad_quantities, ["\"\" (0)"]);
    }

    #[test]
    fn an_unknown_item_quantity_is_checked_as_per_unit() {
        let c = count(&en2021().grid, &[line("hoverboard", 0)], &[]);
        assert_eq!(c.bad_quantities, ["hoverboard (0)"]);
        let c = count(&en2021().grid, &[line("hoverboard", 1)], &[]);
        assert!(c.bad_quantities.is_empty());
    }

    #[test]
    fn huge_quantities_saturate_and_fail_the_maximum() {
        let c = count(&en2021().grid, &[line("interactive-board", i64::MAX), line("macbook", i64::MAX)], &[]);
        assert_eq!(c.points.total, i64::MAX);
        assert!(!c.max_points().passed);
        assert_eq!(c.points.remaining, 50 - i64::MAX);
    }

    #[test]
    fn rated_lines_take_zero_to_max() {
        let grid = crate::edition::Grid::new(
            50,
            vec![GridLine {
                id: "objective-1".into(),
                category: "objectives".into(),
                lot: "assessment".into(),
                points: 10,
                rated: true,
                provenance: None,
            }],
        );
        for (q, ok, pts) in [(-1, false, 0), (0, true, 0), (10, true, 10), (11, false, 0)] {
            let c = count(&grid, &[line("objective-1", q)], &[]);
            assert_eq!(c.bad_quantities.is_empty(), ok, "{q}");
            assert_eq!(c.points.total, pts, "{q}");
        }
    }

    #[test]
    fn what_is_wrong_with_extra_lines_is_reported() {
        let c = count(&en2021().grid, &[line("nas", 1)], &[line("jetpack", 1), line("macbook", 0)]);
        assert_eq!(c.unknown_items, ["jetpack"]);
        assert_eq!(c.bad_quantities, ["macbook (0)"]);
        assert_eq!(c.points.total, 4);
    }

    #[test]
    fn extra_lines_are_listed_apart_and_never_count() {
        let c = count(&en2021().grid, &[line("nas", 1)], &[line("macbook", 30)]);
        assert_eq!(c.points.total, 4);
        assert_eq!(c.points.extra.len(), 1);
        assert_eq!((c.points.extra[0].points, c.points.extra[0].quantity), (0, 30));
        assert!(c.passes());
    }

    #[test]
    fn an_empty_request_passes_with_all_points_left() {
        let c = count(&en2021().grid, &[], &[]);
        assert!(c.passes());
        assert_eq!(c.points.remaining, 50);
    }
}
