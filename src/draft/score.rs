//! The last stage of `draft`: how sure each proposal is, from the rule that made it. `review`
//! lists the least certain first, so a reviewer's time goes where the rules guess most.
//!
//! The figures are a ranking, not probabilities: a gazetteer name or a capitalised name with
//! its acronym is nearly always right; a capitalised name headed by a channel noun mostly; a
//! lower-case channel a verb creates, a list item's leading phrase or a launched object less
//! often; participants that are the parties' governments because the sentence names no body
//! are a guess, so they lower the mechanism's figure.

use super::names::Named;

/// Each rule's base figure, by the start of its name, from how often its proposals matched a
/// key across the six keyed sets (dev and held-out 1–5, `cargo bench --bench draft_keys --
/// --detail`): the named rules almost never draft noise, the verb-phrase rules of
/// [`super::verbal`] seldom, a list item's leading phrase or a launched object about half the
/// time. A capitalised name is scored apart (with its acronym 0.9, else 0.8).
const RULES: [(&str, f64); 21] = [
    ("a listed ", 0.7),
    // Gazetteer forums whose members are the parties, and a party's seat at a grouping's table.
    (super::extract::OWN_FORUM_RULE, 0.75),
    (super::names::DIALOGUE_PARTNER_RULE, 0.7),
    (super::extract::EACH_COUNTRY_RULE, 0.65),
    ("a channel the text creates", 0.65),
    ("officials who will meet", 0.6),
    ("meetings of", 0.6),
    ("a channel between named bodies", 0.6),
    ("a trilateral or bilateral channel", 0.6),
    ("financing for a named recipient", 0.6),
    ("assistance for a named recipient", 0.6),
    ("a mission to a named place", 0.6),
    ("an exercise called by its name", 0.6),
    ("a programme called by a one-word name", 0.6),
    ("a memorandum with what it is for", 0.6),
    (super::verbal::PARTNER_RULE, 0.6),
    (super::verbal::CONSULT_RULE, 0.55),
    ("list item naming a channel", 0.55),
    (super::verbal::SHARING_RULE, 0.5),
    // Plain prose: "including through personnel exchanges" may describe a means, not a
    // standing channel.
    ("a channel the text works through", 0.5),
    ("a list item that launches", 0.4),
];

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
    } else {
        RULES
            .iter()
            .find(|(start, _)| rule.starts_with(start))
            .map_or(0.4, |(_, base)| *base)
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
    } else if why == super::extract::QUALIFIED_RULE {
        // The name is the gazetteer's; the country is the one the text writes beside it.
        0.7
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
