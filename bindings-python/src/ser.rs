//! Writing core's report types (anything `Serialize`) as plain Python objects: dict, list, str,
//! int, bool, None — the same document `evaluate_json` writes, without a JSON round trip.
//!
//! A campaign report repeats the same strings many times (field names, rule ids, sources, most
//! messages, stages, editions, dates), so each distinct string is made into a Python `str` once
//! per call and shared: this is what keeps a 10,000-dossier report fast to build.

use std::fmt;
use std::hash::Hasher;
use std::rc::Rc;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};

/// A serialization error (none is expected from core's report types).
#[derive(Debug)]
pub struct SerError(pub String);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

impl From<PyErr> for SerError {
    fn from(err: PyErr) -> Self {
        SerError(err.to_string())
    }
}

/// FxHash (as in rustc): fast, and safe here because the tables below never chain.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn fx_hash(text: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// Slots of the name cache (core's report types have a few dozen field names).
const NAME_SLOTS: usize = 1 << 9;

/// Largest value cache: a direct-mapped table (a new string evicts the old one in its slot),
/// so that lookups stay O(1) and memory bounded whatever the input.
const MAX_VALUE_SLOTS: usize = 1 << 15;

/// Strings already made during one conversion.
pub struct Strings<'py> {
    py: Python<'py>,
    /// Field and variant names: `&'static str` of core's types, keyed by address (direct-mapped).
    names: Vec<Option<(&'static str, Bound<'py, PyString>)>>,
    /// Values (rule ids, sources, messages, stages, dates...), keyed by content.
    values: Vec<Option<(Box<str>, Bound<'py, PyString>)>>,
    /// The shape of each struct seen, keyed by the struct name's address (direct-mapped).
    shapes: Vec<Option<Shape<'py>>>,
    /// A buffer for values written with `Display` (dates).
    scratch: String,
}

/// The fields of a struct as first written, and a dict with those keys (values `None`) that the
/// next values of the same struct copy: a copied dict is already the right size, and each
/// field then replaces a value instead of growing the table.
struct Shape<'py> {
    name: &'static str,
    fields: Fields,
    template: Bound<'py, PyDict>,
}

/// The field names of a struct, in order.
type Fields = Rc<[&'static str]>;

/// Slots of the shape cache (core's report has about ten struct types).
const SHAPE_SLOTS: usize = 1 << 6;

impl<'py> Strings<'py> {
    /// An empty cache for about `distinct` different values (a report of N dossiers repeats
    /// rule ids, sources, stages and dates, and has about one distinct message per dossier).
    pub fn new(py: Python<'py>, distinct: usize) -> Self {
        let slots = distinct.saturating_mul(2).clamp(64, MAX_VALUE_SLOTS).next_power_of_two();
        Strings {
            py,
            names: vec![None; NAME_SLOTS],
            values: vec![None; slots],
            shapes: (0..SHAPE_SLOTS).map(|_| None).collect(),
            scratch: String::new(),
        }
    }

    fn name(&mut self, name: &'static str) -> Bound<'py, PyString> {
        let slot = ((name.as_ptr() as usize) >> 2) % NAME_SLOTS;
        if let Some((cached, s)) = &self.names[slot] {
            if std::ptr::eq(*cached, name) {
                return s.clone();
            }
        }
        let s = PyString::intern(self.py, name);
        self.names[slot] = Some((name, s.clone()));
        s
    }

    fn shape_slot(name: &'static str) -> usize {
        ((name.as_ptr() as usize) >> 2) % SHAPE_SLOTS
    }

    /// A fresh dict for a value of the struct `name`, with the fields it will have.
    fn struct_dict(&self, name: &'static str) -> PyResult<(Bound<'py, PyDict>, Option<Fields>)> {
        match &self.shapes[Self::shape_slot(name)] {
            Some(shape) if std::ptr::eq(shape.name, name) => {
                Ok((shape.template.copy()?, Some(Rc::clone(&shape.fields))))
            }
            _ => Ok((PyDict::new(self.py), None)),
        }
    }

    /// Remembers the shape of the struct `name`, as just written.
    fn remember_shape(&mut self, name: &'static str, fields: Vec<&'static str>) -> PyResult<()> {
        let template = PyDict::new(self.py);
        for field in &fields {
            template.set_item(self.name(field), self.py.None())?;
        }
        self.shapes[Self::shape_slot(name)] = Some(Shape { name, fields: fields.into(), template });
        Ok(())
    }

    fn value(&mut self, text: &str) -> Bound<'py, PyString> {
        let slot = (fx_hash(text) as usize) & (self.values.len() - 1);
        if let Some((cached, s)) = &self.values[slot] {
            if **cached == *text {
                return s.clone();
            }
        }
        let s = PyString::new(self.py, text);
        self.values[slot] = Some((text.into(), s.clone()));
        s
    }
}

/// Converts a value to Python objects.
pub fn to_python<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let mut strings = Strings::new(py, 0);
    to_python_with(&mut strings, value)
}

/// Converts a value to Python objects, sharing `strings` with other conversions.
pub fn to_python_with<'py, T: Serialize + ?Sized>(
    strings: &mut Strings<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(PySer { strings }).map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.0))
}

struct PySer<'a, 'py> {
    strings: &'a mut Strings<'py>,
}

type Out<'py> = Result<Bound<'py, PyAny>, SerError>;

impl<'a, 'py> PySer<'a, 'py> {
    fn int<T: IntoPyObject<'py>>(self, v: T) -> Out<'py> {
        Ok(v.into_bound_py_any(self.strings.py)?)
    }
}

impl<'a, 'py> ser::Serializer for PySer<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = ListOut<'a, 'py>;
    type SerializeTuple = ListOut<'a, 'py>;
    type SerializeTupleStruct = ListOut<'a, 'py>;
    type SerializeTupleVariant = ser::Impossible<Bound<'py, PyAny>, SerError>;
    type SerializeMap = DictOut<'a, 'py>;
    type SerializeStruct = StructOut<'a, 'py>;
    type SerializeStructVariant = ser::Impossible<Bound<'py, PyAny>, SerError>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(PyBool::new(self.strings.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.int(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        let mut buf = [0u8; 4];
        Ok(self.strings.value(v.encode_utf8(&mut buf)).into_any())
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(self.strings.value(v).into_any())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Out<'py> {
        // Dates come this way: written into a reused buffer rather than a new String each.
        use std::fmt::Write as _;
        let mut text = std::mem::take(&mut self.strings.scratch);
        text.clear();
        write!(text, "{value}").map_err(|e| SerError(e.to_string()))?;
        let out = self.strings.value(&text);
        self.strings.scratch = text;
        Ok(out.into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(pyo3::types::PyBytes::new(self.strings.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.strings.py.None().into_bound(self.strings.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Out<'py> {
        Ok(self.strings.name(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let dict = PyDict::new(self.strings.py);
        let key = self.strings.name(variant);
        let value = value.serialize(PySer { strings: self.strings })?;
        dict.set_item(key, value)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<ListOut<'a, 'py>, SerError> {
        Ok(ListOut { items: Vec::with_capacity(len.unwrap_or(0)), strings: self.strings })
    }
    fn serialize_tuple(self, len: usize) -> Result<ListOut<'a, 'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<ListOut<'a, 'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, SerError> {
        Err(SerError(format!("tuple variant {name}::{variant} is not supported")))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<DictOut<'a, 'py>, SerError> {
        Ok(DictOut { dict: PyDict::new(self.strings.py), strings: self.strings, key: None })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<StructOut<'a, 'py>, SerError> {
        let (dict, shape) = self.strings.struct_dict(name)?;
        let recording = if shape.is_none() { Some(Vec::with_capacity(len)) } else { None };
        Ok(StructOut { dict, strings: self.strings, name, shape, written: 0, recording })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, SerError> {
        Err(SerError(format!("struct variant {name}::{variant} is not supported")))
    }
}

/// A list being filled (made at its end, at its final size).
pub struct ListOut<'a, 'py> {
    items: Vec<Bound<'py, PyAny>>,
    strings: &'a mut Strings<'py>,
}

impl<'py> ListOut<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let item = value.serialize(PySer { strings: self.strings })?;
        self.items.push(item);
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        Ok(PyList::new(self.strings.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for ListOut<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for ListOut<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for ListOut<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// A dict being filled.
pub struct DictOut<'a, 'py> {
    dict: Bound<'py, PyDict>,
    strings: &'a mut Strings<'py>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeMap for DictOut<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(PySer { strings: self.strings })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self.key.take().ok_or_else(|| SerError("a map value without its key".into()))?;
        let value = value.serialize(PySer { strings: self.strings })?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

/// A dict being filled with the fields of a struct.
pub struct StructOut<'a, 'py> {
    dict: Bound<'py, PyDict>,
    strings: &'a mut Strings<'py>,
    name: &'static str,
    /// The fields the dict was made with (copied from the struct's shape), if any.
    shape: Option<Fields>,
    /// Fields written so far.
    written: usize,
    /// The fields, in order, of the first value of this struct (to remember its shape).
    recording: Option<Vec<&'static str>>,
}

impl<'py> StructOut<'_, 'py> {
    /// The value does not follow the shape (a skipped or an extra field): rebuilds the dict
    /// with the fields written so far, in their order, and goes on without the shape.
    fn leave_shape(&mut self) -> PyResult<()> {
        if let Some(fields) = self.shape.take() {
            let fresh = PyDict::new(self.strings.py);
            for field in fields.iter().take(self.written) {
                let key = self.strings.name(field);
                if let Some(value) = self.dict.get_item(&key)? {
                    fresh.set_item(key, value)?;
                }
            }
            self.dict = fresh;
        }
        Ok(())
    }
}

impl<'py> ser::SerializeStruct for StructOut<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        let value = value.serialize(PySer { strings: self.strings })?;
        let follows = match &self.shape {
            Some(fields) => fields.get(self.written).is_some_and(|f| std::ptr::eq(*f, key)),
            None => true,
        };
        if !follows {
            self.leave_shape()?;
        }
        let key_object = self.strings.name(key);
        self.dict.set_item(key_object, value)?;
        self.written += 1;
        if let Some(recording) = &mut self.recording {
            recording.push(key);
        }
        Ok(())
    }
    fn end(mut self) -> Out<'py> {
        if self.shape.as_ref().is_some_and(|fields| fields.len() != self.written) {
            self.leave_shape()?;
        }
        if let Some(fields) = self.recording.take() {
            self.strings.remember_shape(self.name, fields)?;
        }
        Ok(self.dict.into_any())
    }
}
