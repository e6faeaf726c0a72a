//! Results → Python objects: one `serde::Serializer` that builds `dict`/`list`/`str`/
//! `int`/`float`/`bool`/`None` directly (no JSON text, no intermediate tree). Any core
//! result that implements `Serialize` converts through it.
//!
//! The top-level mapping of a result that carries a secret is built as an instance of
//! `kubetoken.SecretDict` (a `dict` whose `repr` masks the secret fields); everything
//! nested is a plain `dict`.

use std::fmt::Display;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyType};
use serde::Serialize;
use serde::ser::{self, Impossible};

/// A conversion failure (a Python error while building objects, or a serde message).
pub struct ConvError(PyErr);

impl From<ConvError> for PyErr {
    fn from(e: ConvError) -> PyErr {
        e.0
    }
}

impl From<PyErr> for ConvError {
    fn from(e: PyErr) -> Self {
        ConvError(e)
    }
}

impl std::fmt::Debug for ConvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConvError")
    }
}

impl Display for ConvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot convert a result to Python")
    }
}

impl std::error::Error for ConvError {}

impl ser::Error for ConvError {
    fn custom<T: Display>(msg: T) -> Self {
        ConvError(PyValueError::new_err(msg.to_string()))
    }
}

/// `value` as plain Python objects.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(value.serialize(ToPy { py, top: None })?)
}

/// `value` as Python objects, its top-level mapping an instance of `top` (a `dict`
/// subclass).
pub fn to_py_as<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
    top: &Bound<'py, PyType>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(value.serialize(ToPy {
        py,
        top: Some(top.clone()),
    })?)
}

/// The serializer: `top` is the `dict` subclass for the outermost mapping, if any.
pub struct ToPy<'py> {
    py: Python<'py>,
    top: Option<Bound<'py, PyType>>,
}

impl<'py> ToPy<'py> {
    fn dict(&self) -> PyResult<Bound<'py, PyDict>> {
        match &self.top {
            None => Ok(PyDict::new(self.py)),
            Some(cls) => Ok(cls.call0()?.cast_into::<PyDict>()?),
        }
    }

    fn nested(&self) -> ToPy<'py> {
        ToPy {
            py: self.py,
            top: None,
        }
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, ConvError>;

/// A `list` being filled.
pub struct Seq<'py> {
    py: Python<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

/// A `dict` being filled.
pub struct Map<'py> {
    ser: ToPy<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::Serializer for ToPy<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Impossible<Self::Ok, ConvError>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Impossible<Self::Ok, ConvError>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        Ok(PyInt::new(self.py, v).into_any())
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        Ok(PyInt::new(self.py, v).into_any())
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
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
    fn serialize_unit_variant(self, _n: &'static str, _i: u32, variant: &'static str) -> Out<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let dict = self.dict()?;
        dict.set_item(variant, value.serialize(self.nested())?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, ConvError> {
        Ok(Seq {
            py: self.py,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, ConvError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _n: &'static str, len: usize) -> Result<Seq<'py>, ConvError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, ConvError> {
        Err(ser::Error::custom("tuple variants are not results"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py>, ConvError> {
        let dict = self.dict()?;
        Ok(Map {
            ser: self.nested(),
            dict,
            key: None,
        })
    }
    fn serialize_struct(self, _n: &'static str, len: usize) -> Result<Map<'py>, ConvError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, ConvError> {
        Err(ser::Error::custom("struct variants are not results"))
    }
}

impl<'py> Seq<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        self.items.push(value.serialize(ToPy {
            py: self.py,
            top: None,
        })?);
        Ok(())
    }
    fn finish(self) -> Out<'py> {
        Ok(PyList::new(self.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ConvError> {
        self.key = Some(key.serialize(self.ser.nested())?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <ConvError as ser::Error>::custom("map value without a key"))?;
        self.dict
            .set_item(key, value.serialize(self.ser.nested())?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

/// The field names of the result types as Python strings, made (and hashed) once;
/// keyed by the address and length of the `&'static str` serde hands out.
type FieldNames = std::collections::HashMap<(usize, usize), Py<PyString>>;
static FIELD_NAMES: std::sync::LazyLock<std::sync::Mutex<FieldNames>> =
    std::sync::LazyLock::new(Default::default);

fn field_name<'py>(py: Python<'py>, key: &'static str) -> Bound<'py, PyString> {
    let Ok(mut names) = FIELD_NAMES.lock() else {
        return PyString::new(py, key);
    };
    names
        .entry((key.as_ptr() as usize, key.len()))
        .or_insert_with(|| PyString::intern(py, key).unbind())
        .bind(py)
        .clone()
}

impl<'py> ser::SerializeStruct for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ConvError> {
        let key = field_name(self.ser.py, key);
        self.dict
            .set_item(key, value.serialize(self.ser.nested())?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}
