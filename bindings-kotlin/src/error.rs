//! The errors Kotlin sees: core's typed errors (`invalid_request`, `unknown_edition`,
//! `invalid_edition`), each with the path of the bad input, plus `Internal` for a Rust panic.
//!
//! In Kotlin this is the sealed class `EcoleNumeriqueException` with one nested class per
//! variant. No field is called `message`: Kotlin's `Throwable.message` would clash with it.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ecole_numerique::error::at;

/// Why a call failed. Mirrors [`ecole_numerique::Error`] variant for variant, and adds
/// [`EcoleNumeriqueError::Internal`] so that a panic in Rust reaches Kotlin as an exception of
/// the same family instead of ending the process.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum EcoleNumeriqueError {
    /// The request cannot be read: malformed JSON, a wrong type or unknown enum value, an
    /// impossible date, a duplicate id or FASE number, a negative capacity, an unknown field,
    /// or (typed API) a date after year 9999, which a report could not write.
    #[error("invalid request{}: {detail}", at(.path))]
    InvalidRequest {
        /// Where, e.g. `dossiers[3].signed_on`; empty for the document as a whole.
        path: String,
        /// What is wrong, for a person.
        detail: String,
    },
    /// An edition id that is neither built in nor supplied by the request.
    #[error("unknown edition `{id}`{}", at(.path))]
    UnknownEdition {
        /// Where the id was written, e.g. `edition` or `dossiers[0].edition`.
        path: String,
        /// The id that was not found.
        id: String,
        /// What is wrong, for a person.
        detail: String,
    },
    /// An edition document that does not hold together (SPEC §3), or (typed API) a number of
    /// an edition out of range.
    #[error("invalid edition{}: {detail}", at(.path))]
    InvalidEdition {
        /// Where, e.g. `editions[1].declaration.closes`.
        path: String,
        /// What is wrong, for a person.
        detail: String,
    },
    /// A panic inside the Rust library: a bug to report, never a fault of the input.
    #[error("internal error in ecole-numerique: {detail}")]
    Internal {
        /// The panic's text.
        detail: String,
    },
}

impl From<ecole_numerique::Error> for EcoleNumeriqueError {
    fn from(error: ecole_numerique::Error) -> Self {
        use ecole_numerique::Error as E;
        let detail = error.detail();
        match error {
            E::InvalidRequest { path, detail } => Self::InvalidRequest { path, detail },
            E::UnknownEdition { path, id } => Self::UnknownEdition { path, id, detail },
            E::InvalidEdition { path, detail } => Self::InvalidEdition { path, detail },
        }
    }
}

impl EcoleNumeriqueError {
    pub(crate) fn request(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::InvalidRequest { path: path.into(), detail: detail.into() }
    }

    pub(crate) fn edition(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::InvalidEdition { path: path.into(), detail: detail.into() }
    }
}

/// The result of every exported function.
pub type Result<T, E = EcoleNumeriqueError> = std::result::Result<T, E>;

/// Runs `f`, turning a panic into [`EcoleNumeriqueError::Internal`]. uniffi would catch it
/// too (as Kotlin's `InternalException`); catching it here keeps it in the same family.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        Err(EcoleNumeriqueError::Internal { detail })
    })
}

/// Joins a path prefix and a field: `dossiers[3]` + `signed_on` = `dossiers[3].signed_on`.
pub(crate) fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else if field.is_empty() {
        prefix.to_string()
    } else if field.starts_with('[') {
        format!("{prefix}{field}")
    } else {
        format!("{prefix}.{field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_kind_path_and_detail() {
        let e = ecole_numerique::Error::UnknownEdition { path: "edition".into(), id: "EN1999".into() };
        match EcoleNumeriqueError::from(e) {
            EcoleNumeriqueError::UnknownEdition { path, id, detail } => {
                assert_eq!((path.as_str(), id.as_str()), ("edition", "EN1999"));
                assert!(detail.contains("EN1999"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_panic_becomes_internal() {
        let r: Result<()> = guard(|| panic!("boom {}", 1));
        assert_eq!(r, Err(EcoleNumeriqueError::Internal { detail: "boom 1".into() }));
        let r: Result<()> = guard(|| panic!("static"));
        assert_eq!(r, Err(EcoleNumeriqueError::Internal { detail: "static".into() }));
    }

    #[test]
    fn join_handles_indexes_and_empty_parts() {
        assert_eq!(join("dossiers", "[3]"), "dossiers[3]");
        assert_eq!(join("dossiers[3]", "signed_on"), "dossiers[3].signed_on");
        assert_eq!(join("", "as_of"), "as_of");
        assert_eq!(join("edition", ""), "edition");
    }
}
