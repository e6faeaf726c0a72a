//! Reading JSON/YAML into `serde_json::Value` under a budget of nodes and bytes, and a
//! Secret list whose items are decoded one at a time as they are read (the whole list is
//! never held as a `Value` tree): the memory of a 100,000-Secret list stays near its
//! input size, and a hostile document is refused when it crosses a cap, before it has
//! been built.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};
use crate::limits::{
    MAX_ITEM_NODES, MAX_LIST_ERRORS, MAX_LIST_ITEM_BYTES, MAX_LIST_ITEMS, MAX_NESTING,
    MIN_NODE_BYTES,
};
use crate::secret::Secret;

/// The marker of a cap crossed inside a deserializer (serde errors carry only text);
/// mapped back to [`Error::InputTooLarge`] by [`too_large`].
const SENTINEL: &str = "kubetoken: cap crossed: ";

/// Which cap a [`SENTINEL`] error stands for.
const CAPS: [(&str, &str); 6] = [
    ("nodes", "manifest or list item (node count)"),
    ("nesting", crate::limits::NESTING),
    ("bytes", "Secret list item"),
    ("items", "Secret list (item count)"),
    ("errors", "Secret list (invalid item count)"),
    (
        "numbers",
        "YAML plain numbers too large for a float (count)",
    ),
];

pub(crate) fn cap_error<E: de::Error>(name: &str, limit: usize) -> E {
    E::custom(format_args!("{SENTINEL}{name}={limit};"))
}

/// The [`Error::InputTooLarge`] a deserializer error stands for, if it is a cap.
pub(crate) fn too_large(message: &str) -> Option<Error> {
    let rest = message.split(SENTINEL).nth(1)?;
    let (name, limit) = rest.split(';').next()?.split_once('=')?;
    let limit = limit.parse().ok()?;
    CAPS.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, what)| Error::InputTooLarge { what, limit })
}

std::thread_local! {
    /// Items the list being read may still hold (all documents of a stream together),
    /// and the cap they started from.
    static ITEMS_LEFT: Cell<(usize, usize)> =
        const { Cell::new((MAX_LIST_ITEMS, MAX_LIST_ITEMS)) };
}

std::thread_local! {
    /// Nodes one value of the document being read may have.
    static NODE_CAP: Cell<usize> = const { Cell::new(MAX_ITEM_NODES) };
}

/// Nodes per value for an input of `len` bytes: [`MAX_ITEM_NODES`], and at most one per
/// [`MIN_NODE_BYTES`] of input (plus 1024): a node costs ~80 bytes decoded, so a dense
/// document (`[0,0,0,...]`) stays within ~10× its size.
fn node_cap(len: usize) -> usize {
    MAX_ITEM_NODES.min(len / MIN_NODE_BYTES + 1024)
}

/// The node cap of the read in progress.
#[cfg(feature = "yaml")]
pub(crate) fn node_cap_now() -> usize {
    NODE_CAP.with(Cell::get)
}

/// Runs `f` (one read of an input of `len` bytes) under the node cap of that size.
pub(crate) fn with_node_cap<T>(len: usize, f: impl FnOnce() -> T) -> T {
    let old = NODE_CAP.with(|c| c.replace(node_cap(len)));
    let out = f();
    NODE_CAP.with(|c| c.set(old));
    out
}

/// Runs `f` (one list read of `len` bytes) with at most `cap` items in all.
pub(crate) fn with_item_cap<T>(len: usize, cap: usize, f: impl FnOnce() -> T) -> T {
    let old = ITEMS_LEFT.with(|c| c.replace((cap, cap)));
    let out = with_node_cap(len, f);
    ITEMS_LEFT.with(|c| c.set(old));
    out
}

/// What one value may cost.
pub(crate) struct Budget {
    nodes: Cell<usize>,
    bytes: Cell<usize>,
    max_nodes: usize,
    /// Levels of mappings and sequences around the value being read.
    depth: Cell<usize>,
}

impl Budget {
    pub(crate) fn new() -> Self {
        Self::at_depth(0)
    }

    /// A budget for a value `depth` levels inside its document.
    fn at_depth(depth: usize) -> Self {
        Budget {
            nodes: Cell::new(0),
            bytes: Cell::new(0),
            max_nodes: NODE_CAP.with(Cell::get),
            depth: Cell::new(depth),
        }
    }

    /// One more level (a mapping or sequence) for the length of `f`.
    fn nested<T, E: de::Error>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let d = self.depth.get() + 1;
        if d > MAX_NESTING {
            return Err(cap_error("nesting", MAX_NESTING));
        }
        self.depth.set(d);
        let out = f();
        self.depth.set(d - 1);
        out
    }

    fn node<E: de::Error>(&self) -> std::result::Result<(), E> {
        let n = self.nodes.get() + 1;
        self.nodes.set(n);
        if n > self.max_nodes {
            return Err(cap_error("nodes", self.max_nodes));
        }
        Ok(())
    }

    fn text<E: de::Error>(&self, len: usize) -> std::result::Result<(), E> {
        self.node()?;
        let b = self.bytes.get().saturating_add(len);
        self.bytes.set(b);
        if b > MAX_LIST_ITEM_BYTES {
            return Err(cap_error("bytes", MAX_LIST_ITEM_BYTES));
        }
        Ok(())
    }
}

/// A `serde_json::Value` read under a [`Budget`] (same values as `Value`'s own
/// `Deserialize`).
pub(crate) struct BoundedValue<'b>(pub(crate) &'b Budget);

impl<'de> DeserializeSeed<'de> for BoundedValue<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BoundedValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Value, E> {
        self.0.node()?;
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Value, E> {
        self.0.node()?;
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        self.0.node()?;
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> std::result::Result<Value, E> {
        self.0.node()?;
        use serde::Deserialize as _;
        Number::deserialize(de::value::I128Deserializer::<E>::new(v)).map(Value::Number)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> std::result::Result<Value, E> {
        self.0.node()?;
        use serde::Deserialize as _;
        Number::deserialize(de::value::U128Deserializer::<E>::new(v)).map(Value::Number)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        self.0.node()?;
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Value, E> {
        self.0.text(v.len())?;
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Value, E> {
        self.0.text(v.len())?;
        Ok(Value::String(v))
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<Value, E> {
        self.0.node()?;
        Ok(Value::Null)
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Value, E> {
        self.0.node()?;
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        self.0.node()?;
        self.0.nested(|| {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element_seed(BoundedValue(self.0))? {
                out.push(v);
            }
            Ok(Value::Array(out))
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        self.0.node()?;
        self.0.nested(|| {
            let mut out = Map::new();
            while let Some(k) = map.next_key::<String>()? {
                self.0.text(k.len())?;
                let v = map.next_value_seed(BoundedValue(self.0))?;
                out.insert(k, v);
            }
            Ok(Value::Object(out))
        })
    }
}

/// One manifest as a `Value`, within [`MAX_ITEM_NODES`] nodes (its bytes are capped by
/// the caller).
pub(crate) struct Document(pub(crate) Value);

impl<'de> serde::Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        BoundedValue(&Budget::new()).deserialize(d).map(Document)
    }
}

/// The `items` of a Secret list document, each decoded as it is read.
pub(crate) enum Items {
    /// A sequence: one slot per item.
    Decoded(Vec<Result<Secret>>),
    /// `null`.
    Null,
    /// Something else (its kind, for the message when the document is a list).
    Other(&'static str),
}

/// One document of `kubectl get secrets -o json|yaml` output: `items` decoded item by
/// item, every other top-level key kept as a `Value` (under the budget of one item).
pub(crate) struct ListDocument {
    /// `items`, when present.
    pub(crate) items: Option<Items>,
    /// The other top-level keys; `None` when the document is not a mapping (its kind).
    pub(crate) rest: std::result::Result<Map<String, Value>, &'static str>,
}

/// Decodes one list item into its slot (`items[i]: ...` on error); counts the errors.
fn decode_item(i: usize, v: &Value) -> Result<Secret> {
    Secret::from_value(v).map_err(|e| match e {
        Error::InvalidSecret(m) => Error::InvalidSecret(format!("items[{i}]: {m}")),
        other => other,
    })
}

/// Every item of an already-parsed list, with the same caps as the streaming reader.
pub(crate) fn decode_items(items: &[Value]) -> Result<Vec<Result<Secret>>> {
    let mut out = SecretItems::with_len(items.len())?;
    for item in items {
        out.push(item)?;
    }
    Ok(out.finish())
}

/// The items of a Secret list handed over one at a time (a binding's sequence of parsed
/// manifests, so the whole list is never one `Value`): each decoded as an item of a
/// `List`'s `items`, with the same caps and `items[i]: ` messages.
pub struct SecretItems {
    out: Vec<Result<Secret>>,
    errors: usize,
}

impl SecretItems {
    /// A list of `len` items (over [`MAX_LIST_ITEMS`] is `input_too_large`).
    pub fn with_len(len: usize) -> Result<Self> {
        crate::limits::check_count("Secret list (item count)", len, MAX_LIST_ITEMS)?;
        Ok(SecretItems {
            out: Vec::with_capacity(len),
            errors: 0,
        })
    }

    /// Decodes the next item into its slot; too many items or bad items refuse the list.
    pub fn push(&mut self, item: &Value) -> Result<()> {
        let i = self.out.len();
        crate::limits::check_count("Secret list (item count)", i + 1, MAX_LIST_ITEMS)?;
        let r = decode_item(i, item);
        if r.is_err() {
            self.errors += 1;
            crate::limits::check_count(
                "Secret list (invalid item count)",
                self.errors,
                MAX_LIST_ERRORS,
            )?;
        }
        self.out.push(r);
        Ok(())
    }

    /// Every item, in order.
    pub fn finish(self) -> Vec<Result<Secret>> {
        self.out
    }
}

struct ItemsSeed;

impl<'de> DeserializeSeed<'de> for ItemsSeed {
    type Value = Items;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Items, D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! other_kind {
    ($($name:ident($($t:ty)?) => $kind:expr),* $(,)?) => {
        $(fn $name<E: de::Error>(self $(, _: $t)?) -> std::result::Result<Self::Value, E> {
            Ok(Self::Value::from_kind($kind))
        })*
    };
}

trait FromKind {
    fn from_kind(kind: &'static str) -> Self;
}

impl FromKind for Items {
    fn from_kind(kind: &'static str) -> Self {
        if kind == "null" {
            Items::Null
        } else {
            Items::Other(kind)
        }
    }
}

impl FromKind for ListDocument {
    fn from_kind(kind: &'static str) -> Self {
        ListDocument {
            items: None,
            rest: Err(kind),
        }
    }
}

impl<'de> Visitor<'de> for ItemsSeed {
    type Value = Items;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of Secrets")
    }
    other_kind! {
        visit_bool(bool) => "a boolean", visit_i64(i64) => "a number", visit_u64(u64) => "a number",
        visit_f64(f64) => "a number", visit_str(&str) => "a string", visit_unit() => "null",
        visit_none() => "null",
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Items, D::Error> {
        self.deserialize(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Items, A::Error> {
        // Inside the list's mapping and this one.
        let budget = Budget::at_depth(2);
        while map.next_key_seed(BoundedValue(&budget))?.is_some() {
            map.next_value_seed(BoundedValue(&budget))?;
        }
        Ok(Items::Other("an object"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Items, A::Error> {
        let mut out = Vec::new();
        let mut errors = 0usize;
        loop {
            // Inside the list's mapping and the `items` sequence.
            let budget = Budget::at_depth(2);
            let Some(v) = seq.next_element_seed(BoundedValue(&budget))? else {
                break;
            };
            let (left, cap) = ITEMS_LEFT.with(Cell::get);
            if left == 0 {
                return Err(cap_error("items", cap));
            }
            ITEMS_LEFT.with(|c| c.set((left - 1, cap)));
            let r = decode_item(out.len(), &v);
            if r.is_err() {
                errors += 1;
                if errors > MAX_LIST_ERRORS {
                    return Err(cap_error("errors", MAX_LIST_ERRORS));
                }
            }
            out.push(r);
        }
        Ok(Items::Decoded(out))
    }
}

struct ListVisitor;

impl<'de> serde::Deserialize<'de> for ListDocument {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(ListVisitor)
    }
}

impl<'de> Visitor<'de> for ListVisitor {
    type Value = ListDocument;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Secret list")
    }
    other_kind! {
        visit_bool(bool) => "a boolean", visit_i64(i64) => "a number", visit_u64(u64) => "a number",
        visit_f64(f64) => "a number", visit_str(&str) => "a string", visit_unit() => "null",
        visit_none() => "null",
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let budget = Budget::at_depth(1);
        while seq.next_element_seed(BoundedValue(&budget))?.is_some() {}
        Ok(ListDocument::from_kind("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let budget = Budget::at_depth(1);
        let mut rest = Map::new();
        let mut items = None;
        while let Some(k) = map.next_key::<String>()? {
            if k == "items" {
                // Duplicate keys: the last one wins (Go's encoding/json; YAML rejects them).
                items = Some(map.next_value_seed(ItemsSeed)?);
            } else {
                budget.text(k.len())?;
                let v = map.next_value_seed(BoundedValue(&budget))?;
                rest.insert(k, v);
            }
        }
        Ok(ListDocument {
            items,
            rest: Ok(rest),
        })
    }
}
