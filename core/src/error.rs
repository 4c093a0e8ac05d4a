//! Typed errors. Each names the place of the bad input as a path such as
//! `dossiers[3].signed_on` or `editions[0].grid.lines[2].id`.
//!
//! Only a request that cannot be read at all is an error (a value that cannot be read, an
//! invalid edition document, a duplicate); a dossier's rule-level faults (an unknown
//! establishment or item, a wrong quantity, an impossible chronology) are failed checks in
//! that dossier's report (SPEC §9).

use std::fmt;

/// Why a request or an edition document could not be used.
///
/// ```
/// use ecole_numerique::{evaluate_json, Error};
/// let err = evaluate_json(r#"{"edition": "EN1999", "as_of": "2022-01-01"}"#).unwrap_err();
/// assert!(matches!(err, Error::UnknownEdition { .. }));
/// assert_eq!(err.path(), "edition");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The request cannot be read: malformed JSON, a wrong type or unknown enum value, an
    /// impossible date, a duplicate id or FASE number, a negative capacity, an unknown field.
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
    },
    /// An edition document that does not hold together (SPEC §3 validation).
    #[error("invalid edition{}: {detail}", at(.path))]
    InvalidEdition {
        /// Where, e.g. `editions[1].declaration.closes`.
        path: String,
        /// What is wrong, for a person.
        detail: String,
    },
}

/// A name that is not one of an enumeration's (`"nl"` for a [`Lang`](crate::Lang)), from
/// `str::parse`.
///
/// ```
/// use ecole_numerique::{Lang, Level};
/// assert_eq!("de".parse::<Lang>(), Ok(Lang::De));
/// assert_eq!(Level::Primaire.to_string(), "primaire");
/// let err = "nl".parse::<Lang>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown name `nl`, expected one of fr, de, en");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name `{name}`, expected one of {}", expected.join(", "))]
pub struct UnknownName {
    /// The name given.
    pub name: String,
    /// The names that are known.
    pub expected: &'static [&'static str],
}

/// `` at `path` `` for a message, or nothing for the document as a whole (an empty path).
pub fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at `{path}`")
    }
}

/// The three kinds of [`Error`], as a stable name for bindings and conformance vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// [`Error::InvalidRequest`]: `invalid_request`.
    InvalidRequest,
    /// [`Error::UnknownEdition`]: `unknown_edition`.
    UnknownEdition,
    /// [`Error::InvalidEdition`]: `invalid_edition`.
    InvalidEdition,
}

impl ErrorKind {
    /// The stable snake_case name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::UnknownEdition => "unknown_edition",
            ErrorKind::InvalidEdition => "invalid_edition",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidRequest { .. } => ErrorKind::InvalidRequest,
            Error::UnknownEdition { .. } => ErrorKind::UnknownEdition,
            Error::InvalidEdition { .. } => ErrorKind::InvalidEdition,
        }
    }

    /// The path of the bad input (`dossiers[3].signed_on`).
    pub fn path(&self) -> &str {
        match self {
            Error::InvalidRequest { path, .. }
            | Error::UnknownEdition { path, .. }
            | Error::InvalidEdition { path, .. } => path,
        }
    }

    /// What is wrong, without the path.
    pub fn detail(&self) -> String {
        match self {
            Error::InvalidRequest { detail, .. } | Error::InvalidEdition { detail, .. } => detail.clone(),
            Error::UnknownEdition { id, .. } => format!("unknown edition `{id}`"),
        }
    }

    pub(crate) fn request(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::InvalidRequest { path: path.into(), detail: detail.into() }
    }

    pub(crate) fn edition(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::InvalidEdition { path: path.into(), detail: detail.into() }
    }

    /// The same error with a path that starts with `from` (a whole part of it: `dossiers[0]`
    /// in `dossiers[0].edition`, not in `dossiers[0]x`) starting with `to` instead.
    pub(crate) fn rerooted(self, from: &str, to: &str) -> Self {
        self.with_path(|path| match path.strip_prefix(from) {
            Some(rest) if rest.is_empty() || rest.starts_with(['.', '[']) => format!("{to}{rest}"),
            _ => path,
        })
    }

    /// Puts `prefix` in front of the path (`grid.max_points` under `editions[1]`).
    pub fn under(self, prefix: &str) -> Self {
        self.with_path(|path| join_path(prefix, &path))
    }

    /// The same error with its path changed by `change`.
    fn with_path(self, change: impl FnOnce(String) -> String) -> Self {
        match self {
            Error::InvalidRequest { path, detail } => Error::InvalidRequest { path: change(path), detail },
            Error::UnknownEdition { path, id } => Error::UnknownEdition { path: change(path), id },
            Error::InvalidEdition { path, detail } => Error::InvalidEdition { path: change(path), detail },
        }
    }
}

/// Joins two path parts: `a` + `b` gives `a.b`, `a` + `[0].b` gives `a[0].b`.
pub fn join_path(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_string()
    } else if path.is_empty() {
        prefix.to_string()
    } else if path.starts_with('[') {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}.{path}")
    }
}

/// Marks a serde error raised while reading an edition document nested in a request, so that
/// [`from_path_error`] can report it as [`Error::InvalidEdition`] with the full path.
pub(crate) const EDITION_MARK: char = '\u{1}';

/// The path of a serde error, down to the field when the error is a missing or a duplicate
/// field: serde reports `missing field `grid`` (`duplicate field `as_of``) at the object that
/// lacks it (has it twice), and SPEC §3 and §9 ask for the place to be named
/// (`editions[0].grid`, `as_of`).
pub fn error_path(path: &str, message: &str) -> String {
    let missing = ["missing field `", "duplicate field `"]
        .iter()
        .find_map(|start| message.strip_prefix(start))
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field);
    match missing {
        Some(field) => join_path(path, field),
        None => path.to_string(),
    }
}

/// What serde names by Rust's types, in words for a person: `expected u32` becomes `expected
/// a whole number from 0 to 4294967295`, `integer `N` as i128` becomes `integer `N``, and a
/// key that is not a string is `expected a field name`. Other text is kept as it is.
pub fn plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        (" as i128", ""),
        (" as u128", ""),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("expected u64", "expected a whole number from 0 to 18446744073709551615"),
        ("expected i32", "expected a whole number from -2147483648 to 2147483647"),
        ("expected i64", "expected a whole number from -9223372036854775808 to 9223372036854775807"),
        ("expected field identifier", "expected a field name"),
    ];
    let mut out = message.to_string();
    for (rust, words) in WORDS {
        if out.contains(rust) {
            out = out.replace(rust, words);
        }
    }
    out
}

/// Turns a serde error with its path into a typed [`Error`].
pub(crate) fn from_path_error<E: fmt::Display>(err: serde_path_to_error::Error<E>) -> Error {
    let outer = path_string(err.path());
    let message = plain_words(&err.inner().to_string());
    from_parts(&outer, &message)
}

fn from_parts(outer: &str, message: &str) -> Error {
    // serde_json appends " at line L column C"; keep it, it helps a person find the place.
    if let Some(rest) = message.strip_prefix(EDITION_MARK) {
        let mut parts = rest.splitn(2, EDITION_MARK);
        let inner = parts.next().unwrap_or_default();
        let detail = parts.next().unwrap_or_default();
        // The outer tracker usually followed the document already; else join the two paths.
        let path = if outer.ends_with(inner) { outer.to_string() } else { join_path(outer, inner) };
        return Error::edition(error_path(&path, detail), strip_marks(detail));
    }
    Error::request(error_path(outer, message), strip_marks(message))
}

fn strip_marks(s: &str) -> String {
    s.replace(EDITION_MARK, "")
}

/// A serde_path_to_error path written as core writes paths: `a.b[3].c`, and `` for the root
/// (serde_path_to_error itself writes `?` there). Bindings reading core's types with their
/// own deserializers use it so that their paths read the same.
pub fn path_string(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(variant);
            }
            Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_path_handles_indexes_and_empty_parts() {
        assert_eq!(join_path("dossiers", "[3].signed_on"), "dossiers[3].signed_on");
        assert_eq!(join_path("edition", "grid.max_points"), "edition.grid.max_points");
        assert_eq!(join_path("", "as_of"), "as_of");
        assert_eq!(join_path("edition", ""), "edition");
    }

    #[test]
    fn a_missing_field_is_named_in_the_path() {
        assert_eq!(error_path("dossiers[0]", "missing field `id` at line 3 column 5"), "dossiers[0].id");
        assert_eq!(error_path("", "missing field `as_of`"), "as_of");
        assert_eq!(error_path("dossiers[0]", "invalid type: null"), "dossiers[0]");
        assert_eq!(error_path("dossiers[0]", "duplicate field `id` at line 1 column 9"), "dossiers[0].id");
        let msg = format!("{EDITION_MARK}{EDITION_MARK}missing field `grid`");
        assert_eq!(from_parts("editions[0]", &msg).path(), "editions[0].grid");
    }

    #[test]
    fn a_message_names_its_place_unless_it_is_the_whole_document() {
        assert_eq!(Error::request("as_of", "bad").to_string(), "invalid request at `as_of`: bad");
        assert_eq!(Error::request("", "bad").to_string(), "invalid request: bad");
        assert_eq!(Error::edition("", "bad").to_string(), "invalid edition: bad");
        let unknown = Error::UnknownEdition { path: String::new(), id: "X".into() };
        assert_eq!(unknown.to_string(), "unknown edition `X`");
    }

    #[test]
    fn rust_type_names_are_put_into_words() {
        assert_eq!(
            plain_words("invalid value: integer `-7`, expected u32 at line 1 column 9"),
            "invalid value: integer `-7`, expected a whole number from 0 to 4294967295 at line 1 column 9"
        );
        assert_eq!(
            plain_words("invalid type: integer `1` as i128, expected i32"),
            "invalid type: integer `1`, expected a whole number from -2147483648 to 2147483647"
        );
        assert_eq!(plain_words("expected field identifier"), "expected a field name");
        assert_eq!(plain_words("expected a string"), "expected a string");
        let request = r#"{"as_of": "2022-01-01", "edition": {"id": "X", "commitment_years": -7}}"#;
        let err = crate::evaluate_json(request).unwrap_err();
        assert_eq!(err.path(), "edition.commitment_years", "{err}");
        assert!(err.detail().contains("expected a whole number from 0 to 4294967295"), "{err}");
    }

    #[test]
    fn edition_marked_messages_become_invalid_edition() {
        let msg = format!("{EDITION_MARK}grid.max_points{EDITION_MARK}invalid type");
        let err = from_parts("editions[1]", &msg);
        assert_eq!(err, Error::edition("editions[1].grid.max_points", "invalid type"));
        assert_eq!(from_parts("as_of", "bad").kind(), ErrorKind::InvalidRequest);
    }
}
