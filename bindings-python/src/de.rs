//! Reading plain Python objects (dict, list, tuple, str, int, float, bool, None) as a serde
//! [`Deserializer`], so that core's own request types read them with core's own rules and error
//! paths (`dossiers[3].signed_on`) — no JSON round trip.
//!
//! The only thing added here is a type conversion: a `datetime.date`, or a timezone-aware
//! `datetime.datetime` (taken to its Brussels civil date by core's [`brussels_date`]), reads as
//! the `YYYY-MM-DD` string core expects. A naive `datetime` is refused: its instant is unknown.
//!
//! [`brussels_date`]: ecole_numerique::dates::brussels_date

use std::fmt;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

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
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an object".into())
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
        let text = text.to_cow().map_err(|e| DateError::Text(e.to_string()))?;
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
    let offset = obj
        .call_method0("utcoffset")
        .map_err(|e| DateError::Text(e.to_string()))?;
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

/// A serde deserializer over one Python object.
pub struct PyDe<'py> {
    obj: Bound<'py, PyAny>,
}

impl<'py> PyDe<'py> {
    /// Reads `obj`.
    pub fn new(obj: Bound<'py, PyAny>) -> Self {
        PyDe { obj }
    }

    fn unexpected(&self) -> DeError {
        DeError(format!(
            "unsupported Python type `{}`: expected dict, list, tuple, str, int, float, bool, \
             None, datetime.date or a timezone-aware datetime",
            type_name(&self.obj)
        ))
    }
}

impl<'de, 'py> de::Deserializer<'de> for PyDe<'py> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let obj = &self.obj;
        // Most frequent types first: str, dict, bool, int, list.
        if let Ok(s) = obj.cast_exact::<PyString>() {
            return visitor.visit_str(&s.to_cow()?);
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return visitor.visit_map(DictAccess::new(d));
        }
        if obj.is_none() {
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
            return Err(DeError(format!("integer `{}` is out of range", obj)));
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return visitor.visit_seq(SeqAccess {
                items: l.as_any().clone(),
                len: l.len(),
                index: 0,
            });
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return visitor.visit_seq(SeqAccess {
                items: t.as_any().clone(),
                len: t.len(),
                index: 0,
            });
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return visitor.visit_str(&s.to_cow()?);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        match date_of_object(obj) {
            Ok(Some(date)) => visitor.visit_string(date.format("%Y-%m-%d").to_string()),
            Ok(None) => Err(self.unexpected()),
            Err(e) => Err(DeError(e.to_string())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.obj.is_none() {
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
            let text: String = s.to_cow()?.into_owned();
            return visitor.visit_enum(text.into_deserializer());
        }
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// Items of a list or tuple.
struct SeqAccess<'py> {
    items: Bound<'py, PyAny>,
    len: usize,
    index: usize,
}

impl<'de, 'py> de::SeqAccess<'de> for SeqAccess<'py> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.index >= self.len {
            return Ok(None);
        }
        let item = self.items.get_item(self.index)?;
        self.index += 1;
        seed.deserialize(PyDe::new(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len - self.index)
    }
}

/// Entries of a dict, in insertion order.
struct DictAccess<'py> {
    items: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    index: usize,
}

impl<'py> DictAccess<'py> {
    fn new(dict: &Bound<'py, PyDict>) -> Self {
        DictAccess {
            items: dict.iter().collect(),
            index: 0,
        }
    }
}

impl<'de, 'py> de::MapAccess<'de> for DictAccess<'py> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.items.get(self.index) {
            Some((key, _)) => seed.deserialize(PyDe::new(key.clone())).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self
            .items
            .get(self.index)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| DeError("a dict value was asked for past the end".into()))?;
        self.index += 1;
        seed.deserialize(PyDe::new(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}
