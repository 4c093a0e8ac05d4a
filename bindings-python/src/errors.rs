//! Core's typed errors as Python exceptions, and the guard that turns a Rust panic into one.
//!
//! The exception classes are written in Python (`ecole_numerique/_errors.py`, so that they are
//! plain, documented, picklable classes); this module only picks the class for core's
//! [`ErrorKind`] and fills in the message, the path and the detail.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ecole_numerique::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

/// The Python module that defines the exception classes.
const ERRORS_MODULE: &str = "ecole_numerique._errors";

/// The exception classes, by name.
fn class<'py>(py: Python<'py>, name: &'static str) -> PyResult<Bound<'py, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = MODULE.get_or_try_init(py, || PyModule::import(py, ERRORS_MODULE).map(Into::into))?;
    Ok(module.bind(py).getattr(name)?.cast_into::<PyType>()?)
}

fn raise(py: Python<'_>, name: &'static str, message: String, path: &str, detail: String) -> PyErr {
    match class(py, name).and_then(|cls| cls.call1((message, path, detail))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

/// The Python exception for one of core's errors.
pub fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    let name = match err.kind() {
        ErrorKind::InvalidRequest => "InvalidRequestError",
        ErrorKind::UnknownEdition => "UnknownEditionError",
        ErrorKind::InvalidEdition => "InvalidEditionError",
    };
    raise(py, name, err.to_string(), err.path(), err.detail())
}

/// An invalid-request error raised by the binding itself (an argument of `evaluate_dossier`).
pub fn invalid_request(py: Python<'_>, path: &str, detail: impl Into<String>) -> PyErr {
    to_py_err(py, &Error::InvalidRequest { path: path.to_string(), detail: detail.into() })
}

/// Runs `f`; a panic becomes an `InternalError` (an `EcoleNumeriqueError` and a
/// `RuntimeError`) instead of unwinding into the interpreter.
///
/// The closure may run without the GIL: the panic is caught there and turned into an exception
/// only once the GIL is held again, by [`raise_panic`].
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "a panic without a message".to_string()
        }
    })
}

/// The `InternalError` for a caught panic.
pub fn raise_panic(py: Python<'_>, message: String) -> PyErr {
    raise(
        py,
        "InternalError",
        format!("internal error in ecole-numerique (please report it): {message}"),
        "",
        message,
    )
}
