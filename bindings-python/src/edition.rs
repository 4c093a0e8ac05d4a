//! `Edition`, `Grid` and `GridLine`: read-only Python views of core's editions (SPEC §3).
//! Every value is read from core's [`Edition`]; nothing is computed here but type conversions.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use ecole_numerique::{Edition, GridLine};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyIterator, PyList};

use crate::errors::to_py_err;
use crate::ser::to_python;

/// A Python `datetime.date` for a civil date.
pub fn py_date(py: Python<'_>, date: NaiveDate) -> PyResult<Bound<'_, PyDate>> {
    // Month and day always fit in a u8.
    PyDate::new(py, date.year(), date.month() as u8, date.day() as u8)
}

/// One yearly call for projects, e.g. `EN2021` (read-only). Build one with `Edition.builtin`
/// or `Edition.from_json`; both validate the edition as core does.
#[pyclass(frozen, module = "ecole_numerique", name = "Edition")]
pub struct PyEdition {
    pub(crate) inner: Arc<Edition>,
}

#[pymethods]
impl PyEdition {
    /// A built-in edition by id (`"EN2021"`); `UnknownEditionError` otherwise.
    #[staticmethod]
    fn builtin(py: Python<'_>, id: String) -> PyResult<Self> {
        let edition = Edition::builtin(&id).map_err(|e| to_py_err(py, &e))?;
        Ok(PyEdition { inner: Arc::new(edition) })
    }

    /// Reads and validates an edition document (JSON text); `InvalidEditionError` names the
    /// bad field.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        let edition = py.detach(|| Edition::from_json(&text)).map_err(|e| to_py_err(py, &e))?;
        Ok(PyEdition { inner: Arc::new(edition) })
    }

    /// Ids of the built-in editions.
    #[staticmethod]
    fn ids() -> Vec<String> {
        Edition::builtin_ids()
    }

    /// Identifier, e.g. `"EN2021"`.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Year of the call.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year
    }

    /// A pilot edition.
    #[getter]
    fn pilot(&self) -> bool {
        self.inner.pilot
    }

    /// The edition that takes carried-over dossiers, if any.
    #[getter]
    fn next(&self) -> Option<&str> {
        self.inner.next.as_deref()
    }

    /// First day of the declaration window.
    #[getter]
    fn declaration_opens<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        py_date(py, self.inner.declaration.opens)
    }

    /// Last day of the declaration window (inclusive).
    #[getter]
    fn declaration_closes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        py_date(py, self.inner.declaration.closes)
    }

    /// The dossier deadline, as written.
    #[getter]
    fn dossier_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        py_date(py, self.inner.dossier_deadline)
    }

    /// Whether the deadline day itself is still in time.
    #[getter]
    fn deadline_inclusive(&self) -> bool {
        self.inner.deadline_inclusive
    }

    /// The last day a dossier can still be confirmed (core's `last_day_to_confirm`).
    #[getter]
    fn last_day_to_confirm<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDate>> {
        py_date(py, self.inner.last_day_to_confirm())
    }

    /// Establishments laureate in one of these years are not eligible.
    #[getter]
    fn excluded_laureate_years(&self) -> Vec<i32> {
        self.inner.excluded_laureate_years.clone()
    }

    /// Projects allowed per establishment (FASE) and edition.
    #[getter]
    fn max_projects_per_establishment(&self) -> u32 {
        self.inner.max_projects_per_establishment
    }

    /// Eligible `(level, kind)` pairs.
    #[getter]
    fn eligible_offers<'py>(&self, py: Python<'py>) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
        self.inner
            .eligible_offers
            .iter()
            .map(|o| Ok((to_python(py, &o.level)?, to_python(py, &o.kind)?)))
            .collect()
    }

    /// Regions an implantation must lie in.
    #[getter]
    fn regions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.regions)
    }

    /// Years of prudent and reasonable use after the reception.
    #[getter]
    fn commitment_years(&self) -> u32 {
        self.inner.commitment_years
    }

    /// The points grid.
    #[getter]
    fn grid(&self) -> PyGrid {
        PyGrid { edition: Arc::clone(&self.inner) }
    }

    /// Provenance per value (`"seed"` or `"assumed"`), by field name.
    #[getter]
    fn provenance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.provenance)
    }

    /// Citation of the source per value, by field name.
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.sources)
    }

    /// SHA-256 (hex) of the edition's canonical serialization, as in reports.
    #[getter]
    fn fingerprint(&self) -> String {
        self.inner.fingerprint()
    }

    /// The edition document as JSON text (the shape `from_json` reads).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The edition document as plain Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &*self.inner)
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    /// Pickled as its edition document, read back by `Edition.from_json` (so an edition can
    /// go to another process).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py.get_type::<PyEdition>().getattr("from_json")?;
        Ok((from_json, (self.inner.to_json(),)))
    }

    /// An edition is read-only: its copy is itself.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    fn __hash__(&self) -> u64 {
        // Equal editions have equal fingerprints.
        let fingerprint = self.inner.fingerprint();
        u64::from_str_radix(&fingerprint[..16], 16).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        let e = &self.inner;
        format!(
            "Edition('{}', year={}, declaration={}..{}, dossier_deadline={}{}, next={}, \
             grid={} points/{} lines)",
            e.id,
            e.year,
            e.declaration.opens,
            e.declaration.closes,
            e.dossier_deadline,
            if e.deadline_inclusive { "" } else { " (exclusive)" },
            e.next.as_deref().map(|n| format!("'{n}'")).unwrap_or_else(|| "None".into()),
            e.grid.max_points,
            e.grid.lines.len(),
        )
    }
}

/// The points grid of an edition (read-only).
#[pyclass(frozen, module = "ecole_numerique", name = "Grid")]
pub struct PyGrid {
    edition: Arc<Edition>,
}

#[pymethods]
impl PyGrid {
    /// Maximum points per project.
    #[getter]
    fn max_points(&self) -> u32 {
        self.edition.grid.max_points
    }

    /// The lines, in the edition's order.
    #[getter]
    fn lines<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let lines: Vec<PyGridLine> = self.edition.grid.lines.iter().map(PyGridLine::from).collect();
        PyList::new(py, lines)
    }

    /// The line of an item, or `None`.
    fn line(&self, item: String) -> Option<PyGridLine> {
        self.edition.grid.line(&item).map(PyGridLine::from)
    }

    fn __len__(&self) -> usize {
        self.edition.grid.lines.len()
    }

    /// Whether the grid has a line of this item id (`"nas" in grid`); anything but a `str` is
    /// not an item id.
    fn __contains__(&self, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        match item.cast::<pyo3::types::PyString>() {
            Ok(id) => Ok(self.edition.grid.line(&id.to_cow()?).is_some()),
            Err(_) => Ok(false),
        }
    }

    /// Iterates over the lines, as `lines` lists them.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        self.lines(py)?.try_iter()
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.edition.grid == other.edition.grid
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.edition.grid.max_points.hash(&mut hasher);
        for line in &self.edition.grid.lines {
            line.id.hash(&mut hasher);
        }
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "Grid(max_points={}, lines=[{}])",
            self.edition.grid.max_points,
            self.edition.grid.lines.iter().map(|l| &*l.id).collect::<Vec<_>>().join(", ")
        )
    }
}

/// One line of a grid (read-only).
#[pyclass(frozen, module = "ecole_numerique", name = "GridLine")]
pub struct PyGridLine {
    /// Item id named by dossiers (`"tablet-android"`).
    #[pyo3(get)]
    id: String,
    /// Category of equipment.
    #[pyo3(get)]
    category: String,
    /// Framework-contract lot.
    #[pyo3(get)]
    lot: String,
    /// Points per unit, or the maximum of a rated line.
    #[pyo3(get)]
    points: u32,
    /// A rated line: the quantity is the points awarded.
    #[pyo3(get)]
    rated: bool,
    /// `"seed"`, `"assumed"` or `None`.
    #[pyo3(get)]
    provenance: Option<String>,
}

impl PyGridLine {
    /// What equality and hashing compare: every field.
    fn key(&self) -> (&str, &str, &str, u32, bool, Option<&str>) {
        (&self.id, &self.category, &self.lot, self.points, self.rated, self.provenance.as_deref())
    }
}

impl From<&GridLine> for PyGridLine {
    fn from(line: &GridLine) -> Self {
        let provenance = line
            .provenance
            .and_then(|p| serde_json::to_value(p).ok())
            .and_then(|v| v.as_str().map(str::to_string));
        PyGridLine {
            id: line.id.to_string(),
            category: line.category.clone(),
            lot: line.lot.to_string(),
            points: line.points,
            rated: line.rated,
            provenance,
        }
    }
}

#[pymethods]
impl PyGridLine {
    fn __eq__(&self, other: &Self) -> bool {
        self.key() == other.key()
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.key().hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "GridLine(id='{}', category='{}', lot='{}', points={}{})",
            self.id,
            self.category,
            self.lot,
            self.points,
            if self.rated { ", rated=True" } else { "" }
        )
    }
}
