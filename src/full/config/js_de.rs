//! The browser's reader of a config: straight from a JS value into a [`ConfigInput`], by hand.
//! serde's derived visitors over a deserializer of ours did this for 3,498 B brotli more Wasm (the
//! drop glue of every early return, a copy per field type); this reader does the one job, with
//! serde's words. Native tests read through serde_json and the derived `Deserialize` (tests.rs);
//! the browser's wording is tested in tests/browser.rs.
//!
//! Messages use JSON's words (number, array, object), since that is what a site writes; whole
//! numbers are integers, so `42` is not `42.0` in messages. A wrong value is described here, as
//! serde's `Unexpected` Display would pull in float and `{:?}` formatting. Errors carry the path of
//! the field at fault (`categories[1].cookies[0].name`), added as they return through each array
//! and object. Objects are read entry by entry, in the config's order: the first entry that does
//! not fit is the one reported, and an unknown field is refused before its value is read.

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt::{self, Display};

use js_sys::{Array, Number, Object};
use wasm_bindgen::{JsCast, JsValue};

use super::faults::Source;
use super::schema::{
    BasisInput, CategoryInput, CookieInput, LanguageInput, Pairs, ServiceInput, SettingInput,
    ToolbarInput,
};
use super::{ConfigError, ConfigInput};
use crate::core::consent_mode::Setting;

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

impl Error {
    /// A message about the value itself (the path is added on the way out).
    fn new(message: String) -> Self {
        Self {
            message,
            within: Vec::new(),
        }
    }

    /// A value of the wrong kind, as serde words it: `invalid type: number `1`, expected a string`.
    #[inline(never)]
    fn invalid_type(unexpected: Unexpected<'_>, expected: &str) -> Self {
        Self::new(format!(
            "invalid type: {}, expected {expected}",
            Described(unexpected)
        ))
    }

    /// A value of the right kind that is not allowed, as serde words it.
    #[inline(never)]
    fn invalid_value(unexpected: Unexpected<'_>, expected: &str) -> Self {
        Self::new(format!(
            "invalid value: {}, expected {expected}",
            Described(unexpected)
        ))
    }

    /// An object without one of its required fields.
    fn missing(field: &str) -> Self {
        Self::new(format!("missing field `{field}`"))
    }

    /// A field no object of the config has (its name is in the path).
    fn unknown() -> Self {
        Self::new(
            "is not a known field (check the spelling; the README lists every field)".to_owned(),
        )
    }
}

/// A value that does not fit, by kind, as serde's `Unexpected` names it.
enum Unexpected<'a> {
    Unit,
    Bool(bool),
    /// A whole number.
    Signed(i64),
    /// Any other number.
    Float(f64),
    Str(&'a str),
    /// An array.
    Seq,
    /// Any other object.
    Map,
    /// A function, a symbol or a bigint.
    Other,
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
            Unexpected::Signed(n) => write!(f, "number `{n}`"),
            Unexpected::Float(n) => {
                let text = js(JsValue::UNDEFINED, Number::from(n).to_string_with_radix(10));
                write!(f, "number `{text}`")
            }
            Unexpected::Str(s) => {
                let value = JsValue::from_str(s);
                let text = js(value.clone(), js_sys::JSON::stringify(&value));
                write!(f, "string {text}")
            }
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Seq => f.write_str("an array"),
            Unexpected::Map => f.write_str("an object"),
            Unexpected::Other => f.write_str("a value of another kind"),
        }
    }
}

/// A JS value to read.
pub struct JsDe(pub JsValue);

/// A config read from a JS value, a field at a time when fields do not fit (see [`super::faults::read`]).
impl Source for JsDe {
    fn read(&self) -> Result<ConfigInput, ConfigError> {
        ConfigInput::read(JsDe(self.0.clone())).map_err(|e| ConfigError::new(e.path(), e.message))
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
    #[inline(never)]
    fn wrong(&self, expected: &str) -> Error {
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
            Unexpected::Other
        };
        Error::invalid_type(unexpected, expected)
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

    /// Reads an object's entries in order: `field` reads each by name; a key that is not a string
    /// (a `Map`'s) is named as not `key` (serde's words: a struct's "field identifier", a map's "a
    /// string"). An error of an entry gets the entry's key in its path.
    fn fields(
        self,
        key: &str,
        field: &mut dyn FnMut(&str, JsDe) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let Some(entries) = self.entries() else {
            return Err(self.wrong("an object"));
        };
        for pair in entries.iter() {
            let pair: Array = pair.unchecked_into();
            let name = JsDe(pair.get(0));
            let text = name.0.as_string();
            let read = match &text {
                Some(text) => field(text, JsDe(pair.get(1))),
                None => Err(name.wrong(key)),
            };
            // A `Map`'s keys need not be strings; serde_path_to_error wrote `?` for those too.
            let mut text = text.unwrap_or_else(|| "?".to_owned());
            read.map_err(|e| e.at_key(&mut text))?;
        }
        Ok(())
    }

    /// Reads an array's items (or, as serde-wasm-bindgen did, another iterable object's, such as
    /// a `Set`'s) with `item`; an error of an item gets `[index]` in its path.
    fn items<T>(self, item: fn(JsDe) -> Result<T, Error>) -> Result<Vec<T>, Error> {
        let iterable = self.0.is_object()
            && js_sys::Reflect::has(&self.0, &js_sys::Symbol::iterator()).unwrap_or(false);
        if !Array::is_array(&self.0) && !iterable {
            return Err(self.wrong("an array"));
        }
        let items = Array::from(&self.0);
        let mut read = Vec::new();
        for index in 0..items.length() {
            read.push(item(JsDe(items.get(index))).map_err(|e| e.at_index(index))?);
        }
        Ok(read)
    }
}

/// A config's value read from JS, or why it does not fit.
trait Read: Sized {
    fn read(value: JsDe) -> Result<Self, Error>;
}

/// A field that may be left out: `null` and `undefined` are left out too.
impl<T: Read> Read for Option<T> {
    fn read(value: JsDe) -> Result<Self, Error> {
        if value.is_nullish() {
            Ok(None)
        } else {
            T::read(value).map(Some)
        }
    }
}

impl Read for String {
    fn read(value: JsDe) -> Result<Self, Error> {
        value.0.as_string().ok_or_else(|| value.wrong("a string"))
    }
}

impl Read for bool {
    fn read(value: JsDe) -> Result<Self, Error> {
        value.0.as_bool().ok_or_else(|| value.wrong("a boolean"))
    }
}

impl Read for u32 {
    fn read(value: JsDe) -> Result<Self, Error> {
        const EXPECTED: &str = "a whole number, 0 or more";
        match value.0.as_f64() {
            Some(n) if Number::is_safe_integer(&value.0) => u32::try_from(n as i64)
                .map_err(|_| Error::invalid_value(Unexpected::Signed(n as i64), EXPECTED)),
            _ => Err(value.wrong(EXPECTED)),
        }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(value: JsDe) -> Result<Self, Error> {
        value.items(T::read)
    }
}

/// `texts` and `consentTypes`: see [`Pairs`].
impl Read for Pairs {
    fn read(value: JsDe) -> Result<Self, Error> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        value.fields("a string", &mut |key, value| {
            let value = String::read(value)?;
            match pairs.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
                Ok(i) => pairs[i].1 = value,
                Err(i) => pairs.insert(i, (key.to_owned(), value)),
            }
            Ok(())
        })?;
        Ok(Pairs(pairs))
    }
}

impl Read for SettingInput {
    fn read(value: JsDe) -> Result<Self, Error> {
        const EXPECTED: &str = "true, false or \"auto\"";
        match (value.0.as_bool(), value.0.as_string()) {
            (Some(on), _) => Ok(SettingInput(if on { Setting::On } else { Setting::Off })),
            (_, Some(text)) if text == "auto" => Ok(SettingInput(Setting::Auto)),
            (_, Some(text)) => Err(Error::invalid_value(Unexpected::Str(&text), EXPECTED)),
            _ => Err(value.wrong(EXPECTED)),
        }
    }
}

impl Read for BasisInput {
    fn read(value: JsDe) -> Result<Self, Error> {
        const EXPECTED: &str = "\"consent\" or \"objection\"";
        match value.0.as_string().as_deref() {
            Some("consent") => Ok(BasisInput::Consent),
            Some("objection") => Ok(BasisInput::Objection),
            Some(other) => Err(Error::invalid_value(Unexpected::Str(other), EXPECTED)),
            None => Err(value.wrong(EXPECTED)),
        }
    }
}

/// Reads a field's value into its slot: one copy per type of field, not per field.
#[inline(never)]
fn set<T: Read>(slot: &mut Option<T>, value: JsDe) -> Result<(), Error> {
    *slot = Some(T::read(value)?);
    Ok(())
}

/// Reads a struct of the config: `$name = $field` entries, read in the config's order; a field
/// marked `required` must be there (checked after the entries, in the struct's order, as serde's
/// derived code does).
macro_rules! read_struct {
    ($ty:ident { $($field:ident = $name:literal $(, $required:ident)?;)+ }) => {
        impl Read for $ty {
            fn read(value: JsDe) -> Result<Self, Error> {
                $(let mut $field = None;)+
                value.fields("field identifier", &mut |key, value| {
                    match key {
                        $($name => set(&mut $field, value),)+
                        _ => Err(Error::unknown()),
                    }
                })?;
                Ok(Self {
                    $($field: read_struct!(@take $field, $name $(, $required)?),)+
                })
            }
        }
    };
    (@take $field:ident, $name:literal, required) => {
        $field.ok_or_else(|| Error::missing($name))?
    };
    (@take $field:ident, $name:literal) => {
        $field.flatten()
    };
}

read_struct!(ConfigInput {
    site_name = "siteName";
    revision = "revision";
    cookie_days = "cookieDays";
    settings_url = "settingsUrl";
    policy_url = "policyUrl";
    banner_categories = "bannerCategories";
    reload_on_withdraw = "reloadOnWithdraw";
    categories = "categories";
    texts = "texts";
    banner = "banner";
    toolbar = "toolbar";
    language = "language";
    consent_mode = "consentMode";
    consent_types = "consentTypes";
    receipt_url = "receiptUrl";
    consent_id = "consentId";
    cookie_domain = "cookieDomain";
    warn_undeclared_cookies = "warnUndeclaredCookies";
    audit = "audit";
    theme = "theme";
});

read_struct!(ToolbarInput {
    target = "target";
    page_language = "pageLanguage";
    languages = "languages";
    translate = "translate";
});

read_struct!(LanguageInput {
    code = "code", required;
    name = "name", required;
});

read_struct!(CategoryInput {
    id = "id", required;
    label = "label";
    description = "description";
    cookies = "cookies";
    services = "services";
    hosts = "hosts";
    basis = "basis";
    gpc = "gpc";
    changed_in = "changedIn";
});

read_struct!(ServiceInput {
    id = "id", required;
    label = "label";
    provider = "provider";
    hosts = "hosts";
    cookies = "cookies";
});

read_struct!(CookieInput {
    name = "name", required;
    provider = "provider", required;
    purpose = "purpose", required;
    expiry = "expiry", required;
});
