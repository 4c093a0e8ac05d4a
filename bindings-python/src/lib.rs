//! Python bindings of `ecole-numerique` (the module `ecole_numerique._native`).
//!
//! Conversion only: Python objects are read by core's own serde types (through [`de::PyDe`]),
//! core evaluates with the GIL released, and the report is written back as plain Python objects
//! (through [`ser`]). No rule, date or value of the Ecole Numérique call lives here.
//!
//! The public Python API is `python/ecole_numerique/__init__.py`, which wraps this module.

mod de;
mod edition;
mod errors;
mod ser;

use std::time::Instant;

use ecole_numerique::error::{error_path, join_path, path_string};
use ecole_numerique::{
    CampaignRequest, Dossier, DossierRequest, Edition, EditionRef, Establishment, Lang, Stage,
};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyMapping, PyString, PyTuple};
use serde::Deserialize;

use crate::de::{Keys, PyDe};
use crate::edition::{py_date, PyEdition, PyGrid, PyGridLine};
use crate::errors::{guard, invalid_request, raise_panic, to_py_err};
use crate::ser::{to_python, to_python_with, Strings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs core's work without the GIL, catching a panic; core's error becomes a Python exception.
fn run_detached<T: Send, E: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> Result<T, E> + Send,
    error: impl FnOnce(Python<'_>, E) -> PyErr,
) -> PyResult<T> {
    match py.detach(|| guard(work)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => Err(error(py, err)),
        Err(panic) => Err(raise_panic(py, panic)),
    }
}

/// Runs a conversion that needs the GIL, catching a panic.
fn run_attached<T>(py: Python<'_>, work: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    guard(work).unwrap_or_else(|panic| Err(raise_panic(py, panic)))
}

/// Reads a campaign request from plain Python objects, with core's error paths.
///
/// The request is read once without tracking paths (the fast way: a path is a string per dict
/// key); only a request that fails is read again through core's `from_deserializer`, which
/// names the place of the error as for JSON.
fn read_request(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<CampaignRequest> {
    run_attached(py, || {
        let fast = <CampaignRequest as Deserialize>::deserialize(PyDe::new(request.clone(), &Keys::new()));
        match fast {
            Ok(parsed) => Ok(parsed),
            Err(_) => CampaignRequest::from_deserializer(PyDe::new(request.clone(), &Keys::new()))
                .map_err(|e| to_py_err(py, &e)),
        }
    })
}

/// Writes a report as Python objects. Python's cyclic garbage collector is paused meanwhile:
/// the report is a tree of fresh containers, and a collection pass in the middle of building
/// hundreds of thousands of them would only walk the heap for nothing.
fn write_report<'py>(
    py: Python<'py>,
    report: &ecole_numerique::CampaignReport,
) -> PyResult<Bound<'py, PyAny>> {
    let gc = PyModule::import(py, "gc")?;
    let was_enabled = gc.call_method0("isenabled")?.is_truthy()?;
    if was_enabled {
        gc.call_method0("disable")?;
    }
    let mut strings = Strings::new(py, report.dossiers.len());
    let written = run_attached(py, || to_python_with(&mut strings, report));
    if was_enabled {
        gc.call_method0("enable")?;
    }
    written
}

/// Evaluates a campaign request given as plain Python objects (the document of SPEC §9) and
/// returns the report as plain Python objects.
#[pyfunction]
fn evaluate<'py>(py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let request = read_request(py, request)?;
    let report = run_detached(py, || ecole_numerique::evaluate(&request), |py, e| to_py_err(py, &e))?;
    let written = write_report(py, &report);
    // Core's values are dropped without the GIL: a large campaign frees much memory.
    py.detach(move || drop((request, report)));
    written
}

/// Evaluates a campaign request written in JSON and returns the JSON report.
///
/// A `str` that is not text (a lone surrogate, which UTF-8 cannot write) is an unreadable
/// request, like malformed JSON.
#[pyfunction]
fn evaluate_json(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<String> {
    let text: String = match text.to_cow() {
        Ok(text) => text.into_owned(),
        Err(e) => return Err(invalid_request(py, "", format!("the request is not valid Unicode text: {e}"))),
    };
    run_detached(py, || ecole_numerique::evaluate_json(&text), |py, e| to_py_err(py, &e))
}

/// Reads one of core's request types from a Python value; errors name `prefix.path`.
fn read_part<T>(py: Python<'_>, prefix: &str, value: &Bound<'_, PyAny>) -> PyResult<T>
where
    T: for<'de> Deserialize<'de>,
{
    run_attached(py, || {
        serde_path_to_error::deserialize::<_, T>(PyDe::new(value.clone(), &Keys::new())).map_err(|e| {
            let detail = ecole_numerique::error::plain_words(&e.inner().to_string());
            invalid_request(py, &join_path(prefix, &error_path(&path_string(e.path()), &detail)), detail)
        })
    })
}

/// Reads and validates an edition document given as Python objects, as a campaign request's
/// `edition` or `editions[i]` is: any error is an invalid edition at `place.path`.
fn read_edition(py: Python<'_>, place: &str, value: &Bound<'_, PyAny>) -> PyResult<Edition> {
    run_attached(py, || {
        Edition::from_deserializer(PyDe::new(value.clone(), &Keys::new()))
            .map_err(|e| to_py_err(py, &e.under(place)))
    })
}

/// Evaluates one dossier of one establishment; returns the dossier's report (with the
/// edition fingerprint) as plain Python objects.
#[pyfunction]
#[pyo3(signature = (dossier, establishment, as_of, edition, lang, editions))]
fn evaluate_dossier<'py>(
    py: Python<'py>,
    dossier: &Bound<'py, PyAny>,
    establishment: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    edition: &Bound<'py, PyAny>,
    lang: &Bound<'py, PyAny>,
    editions: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let dossier: Dossier = read_part(py, "dossier", dossier)?;
    let establishment: Establishment = read_part(py, "establishment", establishment)?;
    let as_of = de::civil_date(as_of).map_err(|e| invalid_request(py, "as_of", e.to_string()))?;
    // The edition as in a campaign request (an id or an edition document), or an `Edition`.
    let edition = if let Ok(e) = edition.cast::<PyEdition>() {
        EditionRef::Document(Box::new(Edition::clone(&e.get().inner)))
    } else if let Ok(id) = edition.cast::<PyString>() {
        EditionRef::Id(id.to_cow()?.into_owned())
    } else if edition.is_instance_of::<PyMapping>() {
        EditionRef::Document(Box::new(read_edition(py, "edition", edition)?))
    } else {
        return Err(invalid_request(
            py,
            "edition",
            format!(
                "expected an edition id (str), an edition document (dict) or an Edition, got {}",
                edition.get_type().name()?
            ),
        ));
    };
    // `None` reads as absent, as in a campaign request: French.
    let lang: Lang = if lang.is_none() { Lang::default() } else { read_part(py, "lang", lang)? };
    let mut extra = Vec::new();
    let not_a_list = || {
        let got = editions.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        invalid_request(py, "editions", format!("expected a list of editions, got {got}"))
    };
    // A str is iterable, by its characters: not a list of editions.
    if editions.is_instance_of::<PyString>() || editions.is_instance_of::<PyMapping>() {
        return Err(not_a_list());
    }
    let items = editions.try_iter().map_err(|_| not_a_list())?;
    for (i, item) in items.enumerate() {
        let item = item?;
        let place = format!("editions[{i}]");
        match item.cast::<PyEdition>() {
            Ok(e) => extra.push(Edition::clone(&e.get().inner)),
            Err(_) if item.is_instance_of::<PyMapping>() => extra.push(read_edition(py, &place, &item)?),
            Err(_) => {
                return Err(invalid_request(
                    py,
                    &place,
                    format!(
                        "expected an Edition or an edition document (dict), got {}",
                        item.get_type().name()?
                    ),
                ))
            }
        }
    }
    let request = DossierRequest { edition, editions: extra, as_of, lang, establishment, dossier };
    let report = run_detached(py, || ecole_numerique::evaluate_dossier(&request), |py, e| to_py_err(py, &e))?;
    run_attached(py, || to_python(py, &report))
}

/// The civil date the library reads from a `datetime.date`, a `YYYY-MM-DD` string or a
/// timezone-aware `datetime` (its date in Brussels); a naive `datetime` is refused.
#[pyfunction]
fn civil_date<'py>(py: Python<'py>, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDate>> {
    let date = de::civil_date(value).map_err(|e| invalid_request(py, "", e.to_string()))?;
    // An instant near the end of year 9999 (or the start of year 1) can fall on a Brussels
    // day that Python's `date` cannot hold.
    py_date(py, date).map_err(|_| {
        invalid_request(
            py,
            "",
            format!("its Brussels date, {date}, is beyond Python's dates (years 1 to 9999)"),
        )
    })
}

/// Benchmark hook: times the three steps of `evaluate` (reading the Python request, core's
/// evaluation, writing the Python report), `rounds` times; seconds per step and round.
#[pyfunction]
fn _time_steps(py: Python<'_>, request: &Bound<'_, PyAny>, rounds: usize) -> PyResult<Vec<(f64, f64, f64)>> {
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        let parsed = read_request(py, request)?;
        let read = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let report = run_detached(py, || ecole_numerique::evaluate(&parsed), |py, e| to_py_err(py, &e))?;
        let core = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let written = write_report(py, &report)?;
        py.detach(move || drop((parsed, report)));
        let write = start.elapsed().as_secs_f64();
        drop(written);
        times.push((read, core, write));
    }
    Ok(times)
}

/// Benchmark hook: core's deterministic sample campaign (`sample::campaign`, the one of core's
/// benchmark and of the campaign demo) as plain Python objects.
#[pyfunction]
fn _sample_campaign(py: Python<'_>, establishments: usize) -> PyResult<Bound<'_, PyAny>> {
    let request = ecole_numerique::sample::campaign(establishments);
    to_python(py, &request)
}

/// Test hook: panics inside the same guard as the real entry points, to show that a panic
/// surfaces as `InternalError` and never aborts the interpreter.
#[pyfunction]
fn _panic(py: Python<'_>, message: String) -> PyResult<()> {
    run_detached(py, || -> Result<(), String> { panic!("{message}") }, |py, e| invalid_request(py, "", e))
}

/// The native part of the `ecole_numerique` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_json, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_dossier, m)?)?;
    m.add_function(wrap_pyfunction!(civil_date, m)?)?;
    m.add_function(wrap_pyfunction!(_time_steps, m)?)?;
    m.add_function(wrap_pyfunction!(_sample_campaign, m)?)?;
    m.add_function(wrap_pyfunction!(_panic, m)?)?;
    m.add_class::<PyEdition>()?;
    m.add_class::<PyGrid>()?;
    m.add_class::<PyGridLine>()?;
    let stages: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
    m.add("STAGES", PyTuple::new(py, stages)?)?;
    m.add("LIBRARY_VERSION", ecole_numerique::LIBRARY_VERSION)?;
    Ok(())
}
