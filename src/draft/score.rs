//! The last stage of `draft`: how sure each proposal is, from the rule that made it. `review`
//! lists the least certain first, so a reviewer's time goes where the rules guess most.
//!
//! The figures are a ranking, not probabilities: a gazetteer name or a capitalised name with
//! its acronym is nearly always right; a capitalised name headed by a channel noun mostly; a
//! lower-case channel a verb creates, a list item's leading phrase or a launched object less
//! often; participants that are the parties' governments because the sentence names no body
//! are a guess, so they lower the mechanism's figure.

use super::names::Named;

/// How sure a drafted mechanism is, from the rule that found it and how its participants were
/// settled (the `how` of [`super::extract::Extractor::participants`]).
pub fn mechanism(found: &Named, how: &str) -> f64 {
    let rule = found.rule.as_str();
    let base = if rule.starts_with("capitalised name") {
        if found.acronym.is_some() {
            0.9
        } else {
            0.8
        }
    } else if rule.starts_with("a channel the text creates") {
        0.65
    } else if [
        "officials who will meet",
        "meetings of",
        "a channel between named bodies",
        "a trilateral or bilateral channel",
        "financing for a named recipient",
        "assistance for a named recipient",
        "a mission to a named place",
        "an exercise called by its name",
        "a programme called by a one-word name",
        "a memorandum with what it is for",
    ]
    .iter()
    .any(|start| rule.starts_with(start))
    {
        0.6
    } else if rule.starts_with("list item naming a channel") {
        0.55
    } else if rule.starts_with("a channel the text works through") {
        // Plain prose: "including through personnel exchanges" may describe a means, not a
        // standing channel.
        0.5
    } else {
        0.4
    };
    let guessed = how.starts_with("no body named");
    round(if guessed { base - 0.1 } else { base })
}

/// How sure a drafted body is, from the reason recorded for it.
pub fn body(why: &str) -> f64 {
    round(if why == "gazetteer name" {
        0.95
    } else if why.starts_with("office title") || why == "counterpart" {
        0.75
    } else if why == "the parties' government" {
        0.9
    } else {
        0.6
    })
}

/// Two decimals, so the same draft writes the same bytes everywhere.
pub fn round(value: f64) -> f64 {
    (value.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(rule: &str, acronym: Option<&str>) -> Named {
        Named {
            start: 0,
            end: 1,
            name: "X".into(),
            acronym: acronym.map(str::to_string),
            kind: "dialogue",
            rule: rule.into(),
        }
    }

    #[test]
    fn named_channels_rank_above_guesses() {
        let strong = mechanism(
            &named("capitalised name ending in 'Dialogue'", Some("XD")),
            "as the sentence names them",
        );
        let plain = mechanism(
            &named("capitalised name ending in 'Dialogue'", None),
            "as the sentence names them",
        );
        let created = mechanism(
            &named("a channel the text creates: 'x'", None),
            "as the sentence names them",
        );
        let guessed = mechanism(
            &named("a channel the text creates: 'x'", None),
            "no body named, so the parties' governments",
        );
        assert!(strong > plain && plain > created && created > guessed);
        assert!(body("gazetteer name") > body("organisation name (head noun and country)"));
        assert_eq!(round(0.123_456), 0.12);
    }
}
