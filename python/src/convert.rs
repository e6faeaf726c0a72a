//! Python arguments → the core's inputs. Nothing here knows a rule of the domain: it maps
//! `str`/`bytes`/`datetime`/`timedelta`/`int`/`dict`/sequences onto what the core's
//! functions take, once.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyDict,
    PyFloat, PyInt, PyList, PyString, PyTimeAccess, PyTuple,
};
use serde_json::{Map, Value};

use kubetoken::{
    Duration, Error, ListInput, TextInput, TimeInput, Timestamp, TokenInput, TtlInput,
    not_unicode_text,
};

use crate::errors::{KtError, KtResult};

/// The UTF-8 of a `str`. A `str` with a lone surrogate is not Unicode text: the core's
/// `invalid_options` (`kubetoken::not_unicode_text`), as in every door, not Python's
/// `UnicodeEncodeError`.
pub fn text<'a>(s: &'a Bound<'_, PyString>) -> KtResult<Cow<'a, str>> {
    // A conversion error (`KtError::Py`), like a wrong type: it fails the call, also
    // inside one item of a list of Secrets (whose decoding errors are per item).
    s.to_cow()
        .map_err(|_| KtError::Py(KtError::from(not_unicode_text()).into()))
}

/// A `str` argument (`&str` with the rule of [`text`]).
pub struct Str<'a>(Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Str<'a> {
    type Error = PyErr;

    fn extract(ob: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        ob.cast::<PyString>()?;
        match <Cow<'a, str>>::extract(ob) {
            Ok(c) => Ok(Str(c)),
            Err(_) => Err(KtError::from(not_unicode_text()).into()),
        }
    }
}

/// Any argument, checked on the way in for the one rule every argument shares: a `str`
/// with a lone surrogate is `invalid_options` (see [`text`]), before any argument's value
/// is read (pyo3 converts every argument before the function body runs).
pub struct Checked<'a, 'py>(pyo3::Borrowed<'a, 'py, PyAny>);

impl<'py> std::ops::Deref for Checked<'_, 'py> {
    type Target = Bound<'py, PyAny>;
    fn deref(&self) -> &Bound<'py, PyAny> {
        &self.0
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Checked<'a, 'py> {
    type Error = PyErr;

    fn extract(ob: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = ob.cast::<PyString>()
            && s.to_str().is_err()
        {
            return Err(KtError::from(not_unicode_text()).into());
        }
        Ok(Checked(ob))
    }
}

/// A `list`/`tuple` of `str` (each by the rule of [`text`]); `None` if an item is not a
/// `str`.
fn str_items(obj: &Bound<'_, PyAny>) -> KtResult<Option<Vec<String>>> {
    let mut out = Vec::with_capacity(obj.len()?);
    for item in obj.try_iter()? {
        let item = item?;
        match item.cast::<PyString>() {
            Ok(s) => out.push(text(s)?.into_owned()),
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(out))
}

pub fn type_error(msg: String) -> KtError {
    KtError::Py(PyTypeError::new_err(msg))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// A time: an RFC3339 `str` or a timezone-aware `datetime.datetime`. A naive `datetime`
/// is `invalid_timestamp` (we never guess a zone).
pub fn time(obj: &Bound<'_, PyAny>) -> KtResult<Timestamp> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Timestamp::parse_rfc3339(&text(s)?)?);
    }
    if let Ok(d) = obj.cast::<PyDateTime>() {
        let offset = obj.call_method0(pyo3::intern!(obj.py(), "utcoffset"))?;
        if offset.is_none() {
            return Err(Error::InvalidTimestamp(
                "naive datetime (no tzinfo): pass a timezone-aware datetime, \
                 e.g. datetime.now(timezone.utc)"
                    .to_owned(),
            )
            .into());
        }
        if let Some(t) = datetime_fields(d, &offset) {
            return Ok(t);
        }
        let iso = obj.call_method0("isoformat")?;
        return Ok(Timestamp::parse_rfc3339(&text(iso.cast::<PyString>()?)?)?);
    }
    Err(type_error(format!(
        "expected an RFC3339 str or a timezone-aware datetime, got {}",
        type_name(obj)
    )))
}

/// The fields of an aware `datetime` and its `utcoffset()` as the core's timestamp, or
/// `None` when they are not plain RFC3339 fields (then `isoformat` text decides).
fn datetime_fields(d: &Bound<'_, PyDateTime>, offset: &Bound<'_, PyAny>) -> Option<Timestamp> {
    let offset = offset.cast::<PyDelta>().ok()?;
    if offset.get_microseconds() != 0 {
        return None;
    }
    let offset = offset
        .get_days()
        .checked_mul(86_400)?
        .checked_add(offset.get_seconds())?;
    Timestamp::from_fields(
        d.get_year(),
        d.get_month().into(),
        d.get_day().into(),
        d.get_hour().into(),
        d.get_minute().into(),
        d.get_second().into(),
        d.get_microsecond().checked_mul(1000)?,
        offset,
    )
}

/// `now`: the given time, or the system clock.
pub fn now_or_clock(obj: Option<&Bound<'_, PyAny>>) -> KtResult<Timestamp> {
    match obj {
        Some(o) if !o.is_none() => time(o),
        _ => Ok(clock()),
    }
}

/// The current time from the system clock.
pub fn clock() -> Timestamp {
    let nanos = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(before) => -i128::try_from(before.duration().as_nanos()).unwrap_or(i128::MAX),
    };
    Timestamp::from_unix_nanos(nanos)
}

/// The nanoseconds of a `timedelta`, or `invalid_duration` outside Go's range.
fn timedelta_nanos(d: &Bound<'_, PyDelta>) -> KtResult<i64> {
    let nanos = i128::from(d.get_days()) * 86_400_000_000_000
        + i128::from(d.get_seconds()) * 1_000_000_000
        + i128::from(d.get_microseconds()) * 1_000;
    i64::try_from(nanos).map_err(|_| {
        Error::InvalidDuration(
            "timedelta is outside Go's Duration range (about ±292 years)".to_owned(),
        )
        .into()
    })
}

/// A duration: a Go duration `str` (`"24h"`, `"90m"`, `"0"`) or a `timedelta`.
pub fn duration(obj: &Bound<'_, PyAny>) -> KtResult<Duration> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Duration::parse_go(&text(s)?)?);
    }
    if let Ok(d) = obj.cast::<PyDelta>() {
        return Ok(Duration::from_nanos(timedelta_nanos(d)?));
    }
    Err(type_error(format!(
        "expected a Go duration str or a timedelta, got {}",
        type_name(obj)
    )))
}

/// Bytes or text (`str` is its UTF-8 encoding): PEM bundles, JWS content and secrets,
/// ciphertexts. Borrowed where Python allows it.
pub fn bytes<'a>(obj: &'a Bound<'_, PyAny>) -> KtResult<Cow<'a, [u8]>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(match text(s)? {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        });
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Cow::Owned(b.to_vec()));
    }
    Err(type_error(format!(
        "expected str or bytes, got {}",
        type_name(obj)
    )))
}

/// Optional bytes (`None` = not given).
pub fn opt_bytes<'a>(obj: Option<&'a Bound<'_, PyAny>>) -> KtResult<Option<Cow<'a, [u8]>>> {
    match obj {
        Some(o) if !o.is_none() => Ok(Some(bytes(o)?)),
        _ => Ok(None),
    }
}

/// A manifest (Secret, ConfigMap, List, kubeconfig) as the core reads it.
pub enum Manifest<'a> {
    /// JSON or YAML text as bytes (a `str` as its UTF-8), parsed by the core (which
    /// refuses non-UTF-8 with a typed error).
    Text(Cow<'a, [u8]>),
    /// A parsed object (`dict`).
    Value(Value),
}

/// A manifest argument: JSON/YAML `str`/`bytes`, or a parsed `dict` (a `list` is a
/// `TypeError`, as in the other doors: no manifest is an array; lists of Secrets are
/// read by [`secrets`]).
pub fn manifest<'a>(obj: &'a Bound<'_, PyAny>) -> KtResult<Manifest<'a>> {
    if obj.cast::<PyDict>().is_ok() {
        return Ok(Manifest::Value(to_json(obj, 0)?));
    }
    if obj.cast::<PyString>().is_ok()
        || obj.cast::<PyBytes>().is_ok()
        || obj.cast::<PyByteArray>().is_ok()
    {
        return Ok(Manifest::Text(bytes(obj)?));
    }
    Err(type_error(format!(
        "expected a manifest as JSON/YAML str or bytes, or a dict, got {}",
        type_name(obj)
    )))
}

/// `obj` as a `list`/`tuple` (a sequence of manifests), if it is one.
pub fn sequence<'a, 'py>(obj: &'a Bound<'py, PyAny>) -> Option<&'a Bound<'py, PyAny>> {
    (obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok()).then_some(obj)
}

/// A manifest read by the core's `parse` (text) or `from_value` (object).
pub fn read<T>(
    obj: &Bound<'_, PyAny>,
    parse: fn(&[u8]) -> kubetoken::Result<T>,
    from_value: fn(&Value) -> kubetoken::Result<T>,
) -> KtResult<T> {
    Ok(match manifest(obj)? {
        Manifest::Text(t) => parse(&t)?,
        Manifest::Value(v) => from_value(&v)?,
    })
}

/// One Secret manifest.
pub fn secret(obj: &Bound<'_, PyAny>) -> KtResult<kubetoken::Secret> {
    read(
        obj,
        |t| kubetoken::Secret::parse(t),
        kubetoken::Secret::from_value,
    )
}

/// Several Secrets: a sequence of manifests (each decoded on its own), or one List /
/// Secret manifest (text or dict).
pub fn secrets(obj: &Bound<'_, PyAny>) -> KtResult<Vec<kubetoken::Result<kubetoken::Secret>>> {
    use kubetoken::secret::{parse_secret_list, secret_list_from_value};
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            let item = item?;
            out.push(match secret(&item) {
                Ok(s) => Ok(s),
                Err(KtError::Core(e)) => Err(e),
                Err(py) => return Err(py),
            });
        }
        return Ok(out);
    }
    Ok(match manifest(obj)? {
        Manifest::Text(t) => parse_secret_list(&t)?,
        Manifest::Value(v) => secret_list_from_value(&v)?,
    })
}

/// Every Secret of `secrets`, or the first bad one's error.
pub fn all_secrets(obj: &Bound<'_, PyAny>) -> KtResult<Vec<kubetoken::Secret>> {
    Ok(secrets(obj)?
        .into_iter()
        .collect::<kubetoken::Result<Vec<_>>>()?)
}

/// A `list`/`tuple` of `str` (a single `str` is refused: it would iterate by character;
/// so are `bytes` and other iterables, as in the other doors).
pub fn strings(obj: &Bound<'_, PyAny>) -> KtResult<Vec<String>> {
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        return str_items(obj)?.ok_or_else(|| {
            type_error("expected a list of str, got an item that is not a str".to_owned())
        });
    }
    Err(type_error(format!(
        "expected a list or tuple of str, got {}",
        type_name(obj)
    )))
}

/// An optional sequence of `str` (`None` = not given = empty).
pub fn opt_strings(obj: Option<&Bound<'_, PyAny>>) -> KtResult<Vec<String>> {
    match obj {
        Some(o) if !o.is_none() => strings(o),
        _ => Ok(Vec::new()),
    }
}

/// A text option (`token`, `flavour`, `description`): `str`, `bytes`, or a wrong type
/// (the core decides the error).
pub fn text_input(obj: &Bound<'_, PyAny>) -> KtResult<TextInput> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(TextInput::Str(text(s)?.into_owned()));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(TextInput::Bytes(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(TextInput::Bytes(b.to_vec()));
    }
    Ok(TextInput::WrongType)
}

/// A `ttl`: a Go duration `str`, a `timedelta`, an `int` (milliseconds, docs/api.md's
/// JSON form), a `float` (milliseconds, as a JSON number), or a wrong type.
pub fn ttl_input(obj: &Bound<'_, PyAny>) -> KtResult<TtlInput> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(TtlInput::Go(text(s)?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDelta>() {
        let nanos = i128::from(d.get_days()) * 86_400_000_000_000
            + i128::from(d.get_seconds()) * 1_000_000_000
            + i128::from(d.get_microseconds()) * 1_000;
        return Ok(TtlInput::Nanos(nanos));
    }
    if obj.cast::<PyBool>().is_ok() {
        return Ok(TtlInput::WrongType);
    }
    if obj.cast::<PyInt>().is_ok() {
        // Beyond i128 is beyond any Duration: the core's range check refuses it.
        return Ok(TtlInput::Millis(obj.extract::<i128>().unwrap_or(i128::MAX)));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(TtlInput::MillisF64(f.value()));
    }
    Ok(TtlInput::WrongType)
}

/// A time input (`expires`, an op's `now`): an RFC3339 `str`, an aware `datetime`, a
/// naive one (`InvalidTime`: we never guess a zone), or a wrong type.
pub fn time_input(obj: &Bound<'_, PyAny>) -> KtResult<TimeInput> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(TimeInput::Rfc3339(text(s)?.into_owned()));
    }
    if obj.cast::<PyDateTime>().is_ok() {
        return Ok(match time(obj) {
            Ok(t) => TimeInput::Time(t),
            Err(KtError::Core(_)) => TimeInput::InvalidTime,
            Err(py) => return Err(py),
        });
    }
    Ok(TimeInput::WrongType)
}

/// An op's `now`: as given, or the system clock.
pub fn now_input(obj: Option<&Bound<'_, PyAny>>) -> KtResult<TimeInput> {
    match obj {
        Some(o) if !o.is_none() => time_input(o),
        _ => Ok(TimeInput::Time(clock())),
    }
}

/// A list option (`usages`, `groups`): a `list`/`tuple` of `str`, one comma-separated
/// `str`, or a wrong type.
pub fn list_input(obj: &Bound<'_, PyAny>) -> KtResult<ListInput> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(ListInput::Comma(text(s)?.into_owned()));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let len = obj.len()?;
        return Ok(match str_items(obj)? {
            Some(v) => ListInput::List(v),
            None => ListInput::NotStrings { len },
        });
    }
    Ok(ListInput::WrongType)
}

fn given<'a, 'py>(o: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    o.filter(|o| !o.is_none())
}

/// The token options given as keyword arguments (`None` = not given), unchecked: the
/// core's `TokenInput::resolve` checks them in its documented precedence.
pub fn token_input(
    token: Option<&Bound<'_, PyAny>>,
    flavour: Option<&Bound<'_, PyAny>>,
    description: Option<&Bound<'_, PyAny>>,
    ttl: Option<&Bound<'_, PyAny>>,
    expires: Option<&Bound<'_, PyAny>>,
    usages: Option<&Bound<'_, PyAny>>,
    groups: Option<&Bound<'_, PyAny>>,
) -> KtResult<TokenInput> {
    Ok(TokenInput {
        token: given(token).map(text_input).transpose()?,
        flavour: given(flavour).map(text_input).transpose()?,
        description: given(description).map(text_input).transpose()?,
        ttl: given(ttl).map(ttl_input).transpose()?,
        expires: given(expires).map(time_input).transpose()?,
        usages: given(usages).map(list_input).transpose()?,
        groups: given(groups).map(list_input).transpose()?,
        unknown: Vec::new(),
    })
}

/// A plain Python object (dict/list/tuple/str/int/float/bool/None; `datetime`/`date` as
/// ISO text, as a YAML loader produces them) → JSON, for the core's manifest readers.
/// `depth` is the number of containers around `obj` in the argument (0 for the argument
/// itself); a container deeper than the core's `MAX_NESTING` (or a cycle) is
/// `input_too_large`, as in every door.
pub fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> KtResult<Value> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(text(s)?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        kubetoken::limits::check_nesting(depth + 1)?;
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = match k.cast::<PyString>() {
                Ok(s) => text(s)?.into_owned(),
                Err(_) => text(&k.str()?)?.into_owned(),
            };
            map.insert(key, to_json(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(type_error("integer out of range for a manifest".to_owned()));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        kubetoken::limits::check_nesting(depth + 1)?;
        let mut out = Vec::with_capacity(l.len());
        for item in l.iter() {
            out.push(to_json(&item, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        kubetoken::limits::check_nesting(depth + 1)?;
        let mut out = Vec::with_capacity(t.len());
        for item in t.iter() {
            out.push(to_json(&item, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if obj.cast::<PyDateTime>().is_ok() || obj.cast::<pyo3::types::PyDate>().is_ok() {
        let iso = obj.call_method0("isoformat")?;
        return Ok(Value::String(text(iso.cast::<PyString>()?)?.into_owned()));
    }
    Err(type_error(format!(
        "cannot put a {} into a manifest",
        type_name(obj)
    )))
}
