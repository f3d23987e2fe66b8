//! Reading ids out of `review`'s flag values, where an id may itself hold the `=` or `.` that
//! separates the parts (`--rename c=d=NEW`, `--set a.b.name=X`).
//!
//! A value is split where the dataset has the id: of every way to split it, the ones whose id
//! parts name elements of the dataset are its readings. One reading is used; several are an
//! error naming them; none is split at the first `=` (and the last `.` before it), so the error
//! says which id is unknown with a "did you mean". An id in braces is taken as written:
//! `--rename '{c=d}=NEW'`, `--set '{a.b}.name=X'`, `--merge '{x=y}={z}'`.

use crate::error::{Error, Result};
use crate::model::lookup::IdIndex;
use crate::model::{Dataset, Role};

/// The fields `--set` knows (of one kind of element or another).
const FIELDS: [&str; 10] = [
    "name",
    "short",
    "kind",
    "group",
    "parent",
    "area",
    "frequency",
    "level",
    "note",
    "via",
];

/// The readings of a `LEFT=RIGHT` value.
pub enum Readings {
    /// Exactly one (or the first split, when none names known ids).
    One(String, String),
    /// Several, all naming known ids.
    Several(Vec<(String, String)>),
    /// No `=` with text on both sides.
    Malformed,
}

/// Whether `id` names an element (of any kind) of `dataset`.
pub fn known(dataset: &Dataset, id: &str) -> bool {
    IdIndex::new(dataset).get(id).is_some()
}

/// `text` without the braces around a whole id, unless the braced text is itself an id.
pub fn unbrace<'a>(dataset: &Dataset, text: &'a str) -> &'a str {
    match braced(text) {
        Some(inner) if !known(dataset, text) => inner,
        _ => text,
    }
}

fn braced(text: &str) -> Option<&str> {
    text.strip_prefix('{')?.strip_suffix('}')
}

/// The readings of `text` as `LEFT=RIGHT`, `accept` saying which name known ids.
pub fn pairs(text: &str, accept: impl Fn(&str, &str) -> bool) -> Readings {
    if let Some(rest) = text.strip_prefix('{') {
        return match rest.split_once("}=") {
            Some((left, right)) if !left.is_empty() && !right.is_empty() => {
                Readings::One(left.into(), strip_braces(right).into())
            }
            _ => Readings::Malformed,
        };
    }
    let splits: Vec<(&str, &str)> = text
        .match_indices('=')
        .map(|(at, _)| (&text[..at], strip_braces(&text[at + 1..])))
        .filter(|(left, right)| !left.is_empty() && !right.is_empty())
        .collect();
    let fitting: Vec<(String, String)> = splits
        .iter()
        .filter(|(left, right)| accept(left, right))
        .map(|(left, right)| (left.to_string(), right.to_string()))
        .collect();
    match (fitting.len(), splits.first()) {
        (1, _) => {
            let (left, right) = fitting.into_iter().next().unwrap_or_default();
            Readings::One(left, right)
        }
        (0, Some((left, right))) => Readings::One(left.to_string(), right.to_string()),
        (0, None) => Readings::Malformed,
        _ => Readings::Several(fitting),
    }
}

/// `text` without braces around the whole of it.
fn strip_braces(text: &str) -> &str {
    braced(text)
        .filter(|inner| !inner.is_empty())
        .unwrap_or(text)
}

/// The body and role of `--add-participant`'s `BODY[:ROLE]`, when they name a known body and
/// role.
pub fn participant(dataset: &Dataset, text: &str) -> Option<(String, Role)> {
    if known(dataset, text) {
        return Some((text.to_string(), Role::Participant));
    }
    let (body, role) = text.rsplit_once(':')?;
    let role = Role::try_from(role.to_string()).ok()?;
    known(dataset, body).then(|| (body.to_string(), role))
}

/// `--set ID.FIELD=VALUE` read as (id, field, value); an empty VALUE clears the field.
pub fn assignment(dataset: &Dataset, text: &str) -> Result<(String, String, String)> {
    let malformed = || {
        Error::Usage(format!(
            "--set '{text}': expected ID.FIELD=VALUE (for example m1.frequency=annual; an empty VALUE clears the field; an id holding '.' or '=' goes in braces: '{{a.b}}.name=X')"
        ))
    };
    if let Some(rest) = text.strip_prefix('{') {
        let (id, rest) = rest.split_once("}.").ok_or_else(malformed)?;
        let (field, value) = rest.split_once('=').ok_or_else(malformed)?;
        if id.is_empty() || field.is_empty() {
            return Err(malformed());
        }
        return Ok((id.into(), field.into(), value.into()));
    }
    let mut readings = Vec::new();
    let mut first = None;
    for (equals, _) in text.match_indices('=') {
        let (target, value) = (&text[..equals], &text[equals + 1..]);
        for (dot, _) in target.match_indices('.') {
            let (id, field) = (&target[..dot], &target[dot + 1..]);
            if id.is_empty() || field.is_empty() {
                continue;
            }
            if known(dataset, id) && FIELDS.contains(&field) {
                readings.push((id.to_string(), field.to_string(), value.to_string()));
            }
        }
        if first.is_none() {
            first = target
                .rsplit_once('.')
                .filter(|(id, field)| !id.is_empty() && !field.is_empty())
                .map(|(id, field)| (id.to_string(), field.to_string(), value.to_string()));
        }
    }
    match readings.len() {
        0 => first.ok_or_else(malformed),
        1 => Ok(readings.remove(0)),
        _ => {
            let all: Vec<(String, String)> = readings
                .into_iter()
                .map(|(id, field, value)| (id, format!("{field}={value}")))
                .collect();
            Err(ambiguous("--set", text, &all))
        }
    }
}

/// The error for a value that reads several ways, naming each and the braces that pick one.
pub fn ambiguous(flag: &str, text: &str, readings: &[(String, String)]) -> Error {
    let shown: Vec<String> = readings
        .iter()
        .map(|(id, rest)| format!("id '{id}' with '{rest}'"))
        .collect();
    let (id, rest) = &readings[readings.len() - 1];
    let separator = if flag == "--set" { "." } else { "=" };
    Error::Usage(format!(
        "{flag} '{text}' can be read {} ways, as {}; put the id in braces to say which, for example {flag} '{{{id}}}{separator}{rest}'",
        readings.len(),
        shown.join(" or as ")
    ))
}
