//! Reading plain Python objects (dict, list, tuple, str, int, float, bool, None) as a serde
//! [`Deserializer`], so that core's own request types read them with core's own rules and error
//! paths (`dossiers[3].signed_on`) — no JSON round trip.
//!
//! The only things added here are type conversions:
//! - a `datetime.date`, or a timezone-aware `datetime.datetime` (taken to its Brussels civil
//!   date by core's [`brussels_date`]), reads as the `YYYY-MM-DD` string core expects; a naive
//!   `datetime` is refused: its instant is unknown;
//! - pandas' missing values (a float NaN, `pandas.NaT`, `pandas.NA`), what a frame's
//!   `to_dict("records")` gives for an empty cell, read as `None` (SPEC §9: absent);
//! - an integer of another library (numpy's `int64`, anything with `__index__`) reads as the
//!   integer it is, and numpy's `bool_` as a bool.
//!
//! [`brussels_date`]: ecole_numerique::dates::brussels_date

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::dict::BoundDictIterator;
use pyo3::types::{
    PyBool, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::edition::PyEdition;

/// A deserialization error: a message for a person (core adds the path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError(pub String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError(format!("invalid type: {}, expected {}", PyUnexpected(unexpected), python_words(expected)))
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError(format!("invalid value: {}, expected {}", PyUnexpected(unexpected), python_words(expected)))
    }
}

/// What serde calls a value, in Python's words: `None`, a `dict`, a `list` (serde says "unit
/// value", "map", "sequence").
struct PyUnexpected<'a>(de::Unexpected<'a>);

impl fmt::Display for PyUnexpected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            de::Unexpected::Unit | de::Unexpected::Option => f.write_str("None"),
            de::Unexpected::Map => f.write_str("dict"),
            de::Unexpected::Seq => f.write_str("list"),
            de::Unexpected::Float(v) => write!(f, "float `{v:?}`"),
            other => other.fmt(f),
        }
    }
}

/// What a reader expects, in Python's words: a list, a dict (Rust's type names are put into
/// words for the whole message, by core's `plain_words`, where the error gets its path).
fn python_words(expected: &dyn de::Expected) -> String {
    expected.to_string().replace("a sequence", "a list").replace("a map", "a dict")
}

impl From<PyErr> for DeError {
    fn from(err: PyErr) -> Self {
        DeError(err.to_string())
    }
}

/// Why a Python value is not a civil date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// A `datetime` without a time zone: which day it is in Brussels is unknown.
    Naive(String),
    /// Neither a date, a datetime nor a string.
    NotADate(String),
    /// A string that is not a real `YYYY-MM-DD` date (core's message).
    Text(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Naive(shown) => write!(
                f,
                "naive datetime `{shown}` refused: it has no time zone, so its Brussels date is \
                 unknown; pass a datetime.date, a `YYYY-MM-DD` string or a timezone-aware datetime"
            ),
            DateError::NotADate(type_name) => write!(
                f,
                "expected a date (datetime.date, `YYYY-MM-DD` string or timezone-aware \
                 datetime), got {type_name}"
            ),
            DateError::Text(message) => f.write_str(message),
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "an object".into())
}

/// The civil date of a `datetime.date` or of a timezone-aware `datetime.datetime` (its Brussels
/// date, by core's `brussels_date`); `Ok(None)` for any other type.
pub fn date_of_object(obj: &Bound<'_, PyAny>) -> Result<Option<NaiveDate>, DateError> {
    if let Ok(dt) = obj.cast::<PyDateTime>() {
        return datetime_to_brussels(dt).map(Some);
    }
    if obj.is_instance_of::<PyDate>() {
        let ymd: (i32, u32, u32) = (attr(obj, "year")?, attr(obj, "month")?, attr(obj, "day")?);
        return NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2)
            .map(Some)
            .ok_or_else(|| DateError::Text(format!("{ymd:?} is not a real date")));
    }
    Ok(None)
}

/// The civil date of any accepted form: `datetime.date`, aware `datetime`, `YYYY-MM-DD` string
/// (read by core's `parse_date`).
pub fn civil_date(obj: &Bound<'_, PyAny>) -> Result<NaiveDate, DateError> {
    if let Some(date) = date_of_object(obj)? {
        return Ok(date);
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = utf8(text).map_err(|e| DateError::Text(e.0))?;
        return ecole_numerique::dates::parse_date(&text).map_err(DateError::Text);
    }
    Err(DateError::NotADate(type_name(obj)))
}

fn attr<T>(obj: &Bound<'_, PyAny>, name: &str) -> Result<T, DateError>
where
    T: for<'a, 'py> FromPyObject<'a, 'py>,
{
    obj.getattr(name)
        .and_then(|v| v.extract::<T>().map_err(Into::into))
        .map_err(|e| DateError::Text(e.to_string()))
}

fn datetime_to_brussels(dt: &Bound<'_, PyDateTime>) -> Result<NaiveDate, DateError> {
    let obj = dt.as_any();
    let shown = || obj.str().map(|s| s.to_string()).unwrap_or_default();
    // `utcoffset()` works for every tzinfo (fixed offsets, zoneinfo, pytz); None means naive.
    let offset = obj.call_method0("utcoffset").map_err(|e| DateError::Text(e.to_string()))?;
    if offset.is_none() {
        return Err(DateError::Naive(shown()));
    }
    let offset_micros: i64 = attr::<i64>(&offset, "days")? * 86_400_000_000
        + attr::<i64>(&offset, "seconds")? * 1_000_000
        + attr::<i64>(&offset, "microseconds")?;
    let date = NaiveDate::from_ymd_opt(attr(obj, "year")?, attr(obj, "month")?, attr(obj, "day")?)
        .ok_or_else(|| DateError::Text(format!("`{}` is not a real date", shown())))?;
    let wall = date
        .and_hms_micro_opt(
            attr(obj, "hour")?,
            attr(obj, "minute")?,
            attr(obj, "second")?,
            attr(obj, "microsecond")?,
        )
        .ok_or_else(|| DateError::Text(format!("`{}` is not a real time", shown())))?;
    let offset = chrono::Duration::microseconds(offset_micros);
    let utc = wall - offset;
    let instant = chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(utc, chrono::Utc);
    Ok(ecole_numerique::dates::brussels_date(&instant))
}

/// Slots of the key cache: a direct-mapped table keyed by the key object's address.
const KEY_SLOTS: usize = 1 << 10;

/// The text of dict keys already read. The keys of a request's dicts are few distinct `str`
/// objects shared by every dict (`json.loads` and Python literals share them), so each is
/// turned into UTF-8 once per call. An entry holds a reference to its key object, so the
/// address cannot be reused for another object while the entry lives.
pub struct Keys<'py> {
    slots: RefCell<Vec<Option<KeyEntry<'py>>>>,
}

/// A key object and its text.
type KeyEntry<'py> = (Bound<'py, PyString>, Rc<str>);

impl<'py> Keys<'py> {
    /// An empty cache.
    pub fn new() -> Self {
        Keys { slots: RefCell::new(vec![None; KEY_SLOTS]) }
    }

    fn text(&self, key: &Bound<'py, PyString>) -> Result<Rc<str>, DeError> {
        let address = key.as_ptr() as usize;
        let slot = (address >> 4) % KEY_SLOTS;
        if let Some((cached, text)) = &self.slots.borrow()[slot] {
            if cached.as_ptr() as usize == address {
                return Ok(Rc::clone(text));
            }
        }
        let text: Rc<str> = Rc::from(&*utf8(key)?);
        self.slots.borrow_mut()[slot] = Some((key.clone(), Rc::clone(&text)));
        Ok(text)
    }
}

/// Whether `obj` is `None` or one of pandas' missing values: a float NaN, `pandas.NaT` (a
/// `datetime` that is no instant) or `pandas.NA`, all of which read as `None`.
fn is_missing(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // The types of most values, and the plain date types (`pandas.NaT` is a `datetime` of
    // its own type), at the cost of one type check each.
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyInt>()
        || obj.is_exact_instance_of::<PyDate>()
        || obj.is_exact_instance_of::<PyDateTime>()
        || obj.is_instance_of::<PyList>()
    {
        return false;
    }
    let (module, name) = type_path(obj);
    module.starts_with("pandas") && (name == "NaTType" || name == "NAType")
}

/// The module and the name of `obj`'s type (`("numpy", "bool_")`); empty when unknown. Asked
/// only of values that are none of the built-in types read first.
fn type_path(obj: &Bound<'_, PyAny>) -> (String, String) {
    let kind = obj.get_type();
    let module = kind.getattr("__module__").and_then(|m| m.extract::<String>()).unwrap_or_default();
    let name = kind.name().map(|n| n.to_string()).unwrap_or_default();
    (module, name)
}

/// The UTF-8 text of a Python `str`.
fn utf8<'py>(s: &Bound<'py, PyString>) -> Result<Utf8<'py>, DeError> {
    Ok(Utf8(s.encode_utf8()?))
}

/// UTF-8 bytes made by Python (the stable ABI of Python 3.9 cannot lend a `str`'s own buffer).
struct Utf8<'py>(Bound<'py, PyBytes>);

impl std::ops::Deref for Utf8<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        // Python's UTF-8 codec only makes valid UTF-8; checked all the same (no unsafe here).
        std::str::from_utf8(self.0.as_bytes()).unwrap_or_default()
    }
}

/// How deep dicts, lists and tuples may nest, as in serde_json (128): deeper, the request is
/// refused, where reading on would overflow the stack (a dict that contains itself, under a
/// key an edition document ignores, is endlessly deep).
const MAX_DEPTH: usize = 128;

/// A serde deserializer over one Python object.
pub struct PyDe<'a, 'py> {
    obj: Bound<'py, PyAny>,
    keys: &'a Keys<'py>,
    /// How many dicts, lists and tuples hold `obj`.
    depth: usize,
}

impl<'a, 'py> PyDe<'a, 'py> {
    /// Reads `obj`, sharing the key cache `keys` (make one per call with [`Keys::new`]).
    pub fn new(obj: Bound<'py, PyAny>, keys: &'a Keys<'py>) -> Self {
        PyDe { obj, keys, depth: 0 }
    }

    /// Reads `obj`, held by `depth` containers.
    fn nested(obj: Bound<'py, PyAny>, keys: &'a Keys<'py>, depth: usize) -> Self {
        PyDe { obj, keys, depth }
    }

    /// The depth of what `obj` holds, if it may hold anything.
    fn inner_depth(&self) -> Result<usize, DeError> {
        if self.depth >= MAX_DEPTH {
            return Err(DeError(format!("nested more than {MAX_DEPTH} levels deep")));
        }
        Ok(self.depth + 1)
    }

    /// The plain Python value of another library's scalar: the `int` of anything with
    /// `__index__` (numpy's integers), the `bool` of numpy's `bool_`; `None` for the rest.
    /// Asked only of a value that is none of the types read above.
    fn foreign(&self) -> Result<Option<Bound<'py, PyAny>>, DeError> {
        let obj = &self.obj;
        let (module, name) = type_path(obj);
        if module == "numpy" && (name == "bool_" || name == "bool") {
            return Ok(Some(PyBool::new(obj.py(), obj.is_truthy()?).to_owned().into_any()));
        }
        if obj.get_type().hasattr("__index__")? && !obj.is_instance_of::<PyBool>() {
            // As `operator.index`: the result must be an `int` (read as such, never as the
            // object again, which could recurse without end).
            // A numpy array has `__index__` too, and it raises TypeError unless the array is
            // one integer: that is an unsupported type; any other exception is the object's own.
            let index = match obj.call_method0("__index__") {
                Ok(index) => index,
                Err(err) if err.is_instance_of::<pyo3::exceptions::PyTypeError>(obj.py()) => {
                    return Err(self.unexpected())
                }
                Err(err) => return Err(err.into()),
            };
            if !index.is_instance_of::<PyInt>() {
                return Err(DeError(format!(
                    "`{}.__index__` returned {}, not an int",
                    type_name(obj),
                    type_name(&index)
                )));
            }
            return Ok(Some(index));
        }
        Ok(None)
    }

    fn unexpected(&self) -> DeError {
        let (module, _) = type_path(&self.obj);
        let hint = if module == "numpy" || module.starts_with("pandas") {
            " (convert a numpy array or a pandas object with `.tolist()`)"
        } else {
            ""
        };
        DeError(format!(
            "unsupported Python type `{}`: expected a dict or mapping, list, tuple, str, int, \
             float, bool, None, datetime.date or a timezone-aware datetime{hint}",
            type_name(&self.obj)
        ))
    }
}

impl<'de, 'a, 'py> de::Deserializer<'de> for PyDe<'a, 'py> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let obj = &self.obj;
        // Most frequent types first: str, dict, bool, int, list.
        if let Ok(s) = obj.cast_exact::<PyString>() {
            return visitor.visit_str(&utf8(s)?);
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            let depth = self.inner_depth()?;
            return visitor.visit_map(DictAccess { entries: d.iter(), value: None, keys: self.keys, depth });
        }
        if is_missing(obj) {
            return visitor.visit_unit();
        }
        if let Ok(b) = obj.cast_exact::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(v) = obj.extract::<i64>() {
                return visitor.visit_i64(v);
            }
            if let Ok(v) = obj.extract::<u64>() {
                return visitor.visit_u64(v);
            }
            // Beyond 64 bits: 128 bits, and beyond those the nearest 128-bit integer (an
            // integer still: core saturates a quantity, refuses a FASE or a year out of range).
            if let Ok(v) = obj.extract::<i128>() {
                return visitor.visit_i128(v);
            }
            let nearest = if obj.lt(0)? { i128::MIN } else { i128::MAX };
            // An error names the integer given, not the nearest one read.
            return visitor.visit_i128(nearest).map_err(|DeError(message)| {
                let given = obj.str().map(|s| s.to_string()).unwrap_or_default();
                DeError(message.replace(&nearest.to_string(), &given))
            });
        }
        if let Ok(l) = obj.cast::<PyList>() {
            let depth = self.inner_depth()?;
            return visitor.visit_seq(SeqAccess::new(Items::List(l.clone()), self.keys, depth));
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            let depth = self.inner_depth()?;
            return visitor.visit_seq(SeqAccess::new(Items::Tuple(t.clone()), self.keys, depth));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return visitor.visit_str(&utf8(s)?);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        match date_of_object(obj) {
            Ok(Some(date)) => return visitor.visit_string(date.format("%Y-%m-%d").to_string()),
            Ok(None) => {}
            Err(e) => return Err(DeError(e.to_string())),
        }
        // Any other mapping (a `types.MappingProxyType`, a user's `Mapping`) reads as a dict.
        if let Ok(mapping) = obj.cast::<PyMapping>() {
            let depth = self.inner_depth()?;
            let dict = PyDict::new(obj.py());
            dict.update(mapping)?;
            return visitor.visit_map(DictAccess {
                entries: dict.iter(),
                value: None,
                keys: self.keys,
                depth,
            });
        }
        // An `Edition` (from `Edition.builtin` or `from_json`) reads as its edition document.
        if let Ok(edition) = obj.cast::<PyEdition>() {
            let document = crate::ser::to_python(obj.py(), &*edition.get().inner)?;
            return PyDe::nested(document, self.keys, self.depth).deserialize_any(visitor);
        }
        if let Some(value) = self.foreign()? {
            return PyDe::nested(value, self.keys, self.depth).deserialize_any(visitor);
        }
        Err(self.unexpected())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if is_missing(&self.obj) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // Core's enums (levels, kinds, regions, stages, languages, signers) are plain strings.
        if let Ok(s) = self.obj.cast::<PyString>() {
            return visitor.visit_enum((&*utf8(s)?).into_deserializer());
        }
        self.deserialize_any(visitor)
    }

    /// A value core ignores (a field an edition document may add) is skipped unread: not
    /// walked, so that its depth or its types never refuse a document JSON accepts.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// A list or a tuple.
enum Items<'py> {
    List(Bound<'py, PyList>),
    Tuple(Bound<'py, PyTuple>),
}

/// Items of a list or tuple.
struct SeqAccess<'a, 'py> {
    items: Items<'py>,
    len: usize,
    index: usize,
    keys: &'a Keys<'py>,
    /// The depth of the items.
    depth: usize,
}

impl<'a, 'py> SeqAccess<'a, 'py> {
    fn new(items: Items<'py>, keys: &'a Keys<'py>, depth: usize) -> Self {
        let len = match &items {
            Items::List(l) => l.len(),
            Items::Tuple(t) => t.len(),
        };
        SeqAccess { items, len, index: 0, keys, depth }
    }
}

impl<'de, 'a, 'py> de::SeqAccess<'de> for SeqAccess<'a, 'py> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        if self.index >= self.len {
            return Ok(None);
        }
        // A list may shrink while it is read (by another thread): get_item then fails cleanly.
        let item = match &self.items {
            Items::List(l) => l.get_item(self.index)?,
            Items::Tuple(t) => t.get_item(self.index)?,
        };
        self.index += 1;
        seed.deserialize(PyDe::nested(item, self.keys, self.depth)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len - self.index)
    }
}

/// Entries of a dict, in insertion order.
struct DictAccess<'a, 'py> {
    entries: BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
    keys: &'a Keys<'py>,
    /// The depth of the keys and values.
    depth: usize,
}

impl<'de, 'a, 'py> de::MapAccess<'de> for DictAccess<'a, 'py> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        if let Ok(text) = key.cast_exact::<PyString>() {
            let text = self.keys.text(text)?;
            let key: de::value::StrDeserializer<'_, DeError> = (&*text).into_deserializer();
            return seed.deserialize(key).map(Some);
        }
        seed.deserialize(PyDe::nested(key, self.keys, self.depth)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value =
            self.value.take().ok_or_else(|| DeError("a dict value was asked for before its key".into()))?;
        seed.deserialize(PyDe::nested(value, self.keys, self.depth))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
