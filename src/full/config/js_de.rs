//! A serde `Deserializer` that reads a config straight from a JS value, in place of
//! serde-wasm-bindgen: smaller for the one job it has here (2 KB brotli less on the full stage).
//! Its error type describes a wrong value itself, as serde's `Unexpected` Display would pull in
//! float and `{:?}` formatting; and whole numbers are integers, so `42` is not `42.0` in messages. Messages use JSON's
//! words (number, array, object), since that is what a site writes.
//!
//! Errors carry the path of the field at fault (`categories[1].cookies[0].name`), added as they
//! return through each array and object: serde_path_to_error did that for 7 KB brotli more.
//! Structs are read as maps of all their properties, so `deny_unknown_fields` sees every unknown
//! one (serde-wasm-bindgen read only the declared fields).

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt::{self, Display};

use js_sys::{Array, Number, Object};
use serde::de::{self, DeserializeSeed, Expected, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

use super::faults::Source;
use super::{ConfigError, ConfigInput};

/// A config value that does not fit its field.
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// Where, innermost first: object keys, and array indexes as `[1]`.
    within: Vec<String>,
}

impl Error {
    /// The path of the field at fault, `categories[1].label`; empty for the whole value.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.within.iter().rev() {
            if !path.is_empty() && !segment.starts_with('[') {
                path.push('.');
            }
            path.push_str(segment);
        }
        path
    }

    fn within(mut self, segment: String) -> Self {
        self.within.push(segment);
        self
    }

    // Not inlined: the callers are generic, one copy per field type.
    #[inline(never)]
    fn at_index(self, index: u32) -> Self {
        self.within(format!("[{index}]"))
    }

    #[inline(never)]
    fn at_key(self, key: &mut String) -> Self {
        self.within(core::mem::take(key))
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

// By hand: a derived Debug would format the message with `{:?}`, escaping and all.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::core::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Self {
            message: message.to_string(),
            within: Vec::new(),
        }
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        // The field's name is in the path (see `Entries`).
        Self::custom("is not a known field (check the spelling; the README lists every field)")
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self::custom(format_args!(
            "invalid type: {}, expected {}",
            Described(unexpected),
            in_json(expected)
        ))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {}",
            Described(unexpected),
            in_json(expected)
        ))
    }
}

/// What serde's derived code expects, in the words of the JSON a site writes: "an object", not
/// "struct ToolbarInput" or "a map"; "a whole number", not "u32".
fn in_json(expected: &dyn Expected) -> String {
    let expected = expected.to_string();
    match expected.as_str() {
        "a map" => "an object".into(),
        "a sequence" => "an array".into(),
        "u8" | "u16" | "u32" | "u64" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        _ if expected.starts_with("struct ") => "an object".into(),
        _ => expected,
    }
}

/// A wrong value in serde's words, without serde's Display (see the module's documentation):
/// JavaScript writes the numbers and quotes the strings.
struct Described<'a>(Unexpected<'a>);

impl Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let js = |value: JsValue, text: Result<js_sys::JsString, JsValue>| {
            text.ok()
                .and_then(|t| t.as_string())
                .unwrap_or_else(|| value.as_string().unwrap_or_default())
        };
        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(n) => write!(f, "number `{n}`"),
            Unexpected::Signed(n) => write!(f, "number `{n}`"),
            Unexpected::Float(n) => {
                let text = js(JsValue::UNDEFINED, Number::from(n).to_string_with_radix(10));
                write!(f, "number `{text}`")
            }
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => {
                let value = JsValue::from_str(s);
                let text = js(value.clone(), js_sys::JSON::stringify(&value));
                write!(f, "string {text}")
            }
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Seq => f.write_str("an array"),
            Unexpected::Map => f.write_str("an object"),
            Unexpected::Other(other) => f.write_str(other),
            _ => f.write_str("a value of another kind"),
        }
    }
}

/// A JS value to deserialise.
pub struct JsDe(pub JsValue);

/// A config read from a JS value, a field at a time when fields do not fit (see [`super::faults::read`]).
impl Source for JsDe {
    fn read(&self) -> Result<ConfigInput, ConfigError> {
        ConfigInput::deserialize(JsDe(self.0.clone()))
            .map_err(|e| ConfigError::new(e.path(), e.message))
    }

    fn without(&self, name: &str) -> Option<Self> {
        let entries = self.entries()?;
        let kept: Array = entries
            .iter()
            .filter(|pair| Array::from(pair).get(0).as_string().as_deref() != Some(name))
            .collect();
        if kept.length() == entries.length() {
            return None;
        }
        Object::from_entries(&kept)
            .ok()
            .map(|rest| JsDe(rest.into()))
    }
}

impl JsDe {
    fn is_nullish(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }

    /// An error for this value, which is not what `expected` wants.
    fn wrong(&self, expected: &dyn Expected) -> Error {
        let text;
        let unexpected = if self.is_nullish() {
            Unexpected::Unit
        } else if let Some(b) = self.0.as_bool() {
            Unexpected::Bool(b)
        } else if let Some(n) = self.0.as_f64() {
            if Number::is_safe_integer(&self.0) {
                Unexpected::Signed(n as i64)
            } else {
                Unexpected::Float(n)
            }
        } else if let Some(s) = self.0.as_string() {
            text = s;
            Unexpected::Str(&text)
        } else if Array::is_array(&self.0) {
            Unexpected::Seq
        } else if self.0.is_object() {
            Unexpected::Map
        } else {
            Unexpected::Other("a value of another kind")
        };
        de::Error::invalid_type(unexpected, expected)
    }

    /// An object's `[key, value]` pairs: a `Map`'s entries, or a plain object's own properties.
    fn entries(&self) -> Option<Array> {
        if let Some(map) = self.0.dyn_ref::<js_sys::Map>() {
            Some(Array::from(&map.entries()))
        } else if self.0.is_object() && !Array::is_array(&self.0) {
            Some(Object::entries(self.0.unchecked_ref()))
        } else {
            None
        }
    }
}

impl<'de> de::Deserializer<'de> for JsDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_nullish() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = self.0.as_f64() {
            // Whole numbers as integers, so `42` is an integer to serde (and in messages).
            if Number::is_safe_integer(&self.0) {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(s) = self.0.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(&self.0) {
            self.deserialize_seq(visitor)
        } else if self.0.is_object() {
            self.deserialize_map(visitor)
        } else {
            Err(self.wrong(&visitor))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // Arrays, and (as serde-wasm-bindgen did) other iterable objects such as a `Set`.
        let iterable = self.0.is_object()
            && js_sys::Reflect::has(&self.0, &js_sys::Symbol::iterator()).unwrap_or(false);
        if Array::is_array(&self.0) || iterable {
            visitor.visit_seq(Items {
                items: Array::from(&self.0),
                next: 0,
            })
        } else {
            Err(self.wrong(&visitor))
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.entries() {
            Some(entries) => visitor.visit_map(Entries {
                entries,
                next: 0,
                key: String::new(),
                value: JsValue::UNDEFINED,
            }),
            None => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // Strings, booleans and whole numbers read their one kind of value and name any other with
    // `wrong`, as `deserialize_any` would through the visitor's default: the same message without
    // a copy of the whole `deserialize_any` ladder for every field type (serde's derived code
    // asks for these, not for `any`).
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_string(s),
            None => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_f64() {
            // Whole numbers as integers, so `42` is an integer to serde (and in messages).
            Some(n) if Number::is_safe_integer(&self.0) => visitor.visit_i64(n as i64),
            _ => Err(self.wrong(&visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct tuple tuple_struct enum
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let index = self.next;
        self.next += 1;
        seed.deserialize(JsDe(self.items.get(index)))
            .map(Some)
            .map_err(|e| e.at_index(index))
    }
}

/// An object's `[key, value]` pairs, in order.
struct Entries {
    entries: Array,
    next: u32,
    /// The key last read, for the path of an error.
    key: String,
    /// Its value.
    value: JsValue,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let pair: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        let key = pair.get(0);
        // A `Map`'s keys need not be strings; serde_path_to_error wrote `?` for those too.
        self.key = key.as_string().unwrap_or_else(|| "?".to_owned());
        self.value = pair.get(1);
        // An unknown field fails here, and is named by the path.
        seed.deserialize(JsDe(key))
            .map(Some)
            .map_err(|e| e.at_key(&mut self.key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = core::mem::replace(&mut self.value, JsValue::UNDEFINED);
        seed.deserialize(JsDe(value))
            .map_err(|e| e.at_key(&mut self.key))
    }
}
