//! Finding the names of mechanisms in a sentence: capitalised names headed by a channel noun
//! ("Quad Vaccine Experts Group", "Indo-Pacific Partnership for Maritime Domain Awareness
//! (IPMDA)"), channels a verb creates ("establish sector-specific contact groups"), officials who
//! meet ("our foreign ministers will meet annually"), and the leading phrase of a list item.

use super::channels::{first_channel, head_kind, whole_word, CHANNELS};
use regex::Regex;
use std::sync::LazyLock;

/// A mechanism named in a sentence: where, its name and kind, and the rule that found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Byte range of the name in the sentence.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The name as written (quotes and brackets removed).
    pub name: String,
    /// The acronym given in brackets right after the name, if any.
    pub acronym: Option<String>,
    /// Mechanism kind from the channel noun.
    pub kind: &'static str,
    /// Which rule found it, for the draft's note.
    pub rule: String,
}

/// Words that link the parts of a capitalised name.
const CONNECTORS: [&str; 8] = ["of", "for", "on", "and", "in", "the", "to", "&"];

/// Lower-case channel nouns that may precede a proper name ("exercise Tarang Shakti").
const NAMED_BY: [&str; 6] = [
    "exercise",
    "operation",
    "programme",
    "program",
    "mission",
    "project",
];

/// Capitalised words that open sentences and clauses (articles, pronouns, prepositions,
/// adverbs), never a name: shared by the mechanism names here and the organisation names of
/// [`super::orgs`].
pub const SENTENCE_OPENERS: [&str; 34] = [
    "The", "This", "These", "That", "Those", "We", "Our", "Today", "Under", "Through", "In", "As",
    "At", "With", "By", "Building", "Since", "Among", "Each", "For", "From", "To", "A", "An",
    "And", "Its", "It", "Their", "Both", "All", "Also", "Further", "On", "Of",
];

/// Words that open a plan's list items and participial clauses ("Recognizing …", "Consolidate
/// …", "Annual …"), on top of [`SENTENCE_OPENERS`]. Not in the organisation grammar's list,
/// and "New" and "Joint" (which open organisation-free channel names, "New Table-Top
/// Exercise") are not here: the two lists differ by what each kind of name may start with.
const LEADING_STOP: [&str; 20] = [
    "Delivering",
    "Going",
    "Together",
    "Individually",
    "Recognizing",
    "Recognising",
    "Acknowledging",
    "Noting",
    "Welcoming",
    "Based",
    "Thanks",
    "Consolidate",
    "Enhance",
    "Promote",
    "Pursue",
    "Establishment",
    "Developing",
    "Participation",
    "Annual",
    "Regular",
];

/// Verbs of headlines and list items: a capitalised name starts after them ("United States
/// and India Elevate Strategic Partnership" names the "Strategic Partnership").
const VERBS: [&str; 24] = [
    "Elevate",
    "Elevates",
    "Elevating",
    "Announce",
    "Announces",
    "Launch",
    "Launches",
    "Launching",
    "Welcome",
    "Welcomes",
    "Strengthen",
    "Strengthens",
    "Deepen",
    "Deepens",
    "Advance",
    "Advances",
    "Expand",
    "Expands",
    "Renew",
    "Renews",
    "Reaffirm",
    "Reaffirms",
    "Establish",
    "Establishes",
];

/// Capitalised names headed by a channel noun.
pub fn capitalised(sentence: &str) -> Vec<Named> {
    let tokens = tokens(sentence);
    let mut found = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut index = 0;
    while index <= tokens.len() {
        let token = tokens.get(index);
        let continues = token.is_some_and(|t| {
            (!t.opens_bracket
                && (t.capital || (!run.is_empty() && CONNECTORS.contains(&t.core.as_str()))))
                || inner_acronym(sentence, &tokens, index, &run)
        });
        // "the Sydney Energy Forum and the Quad Clean Hydrogen Partnership": "and the" starts
        // a second name.
        let second_name = token.is_some_and(|t| t.core == "the")
            && run.last().is_some_and(|&last| tokens[last].core == "and");
        if second_name {
            run.pop();
            finish(sentence, &tokens, &mut run, &mut found);
        } else if continues {
            run.push(index);
            if token.is_some_and(|t| t.breaks && !t.bracketed) {
                finish(sentence, &tokens, &mut run, &mut found);
            }
        } else {
            finish(sentence, &tokens, &mut run, &mut found);
        }
        index += 1;
    }
    found
}

/// "Competitiveness and Resilience (CoRe) Partnership", "Advancing Innovations for Empowering
/// NextGen Agriculture (AI-ENGAGE) initiative": an acronym in brackets inside a name, with the
/// name's head after it (a capitalised word, or a lower-case channel noun), is part of the name.
fn inner_acronym(sentence: &str, tokens: &[Token], index: usize, run: &[usize]) -> bool {
    let (Some(token), Some(next), Some(&last)) =
        (tokens.get(index), tokens.get(index + 1), run.last())
    else {
        return false;
    };
    let head_follows = (next.core.chars().next().is_some_and(char::is_uppercase)
        && !CONNECTORS.contains(&next.core.as_str()))
        || CHANNELS
            .iter()
            .any(|(word, _)| *word == next.core && !word.contains(' '));
    // "the National Aeronautics and Space Administration (NASA) GLOBE … programs": the acronym
    // of an organisation ends it; "Supporting Women Entrepreneurs – (WE) Inspire Program": a
    // dash before the bracket ends the run.
    let organisation = super::orgs::head_kind(&tokens[last].core).is_some()
        && head_kind(&tokens[last].core).is_none();
    token.bracketed
        && !organisation
        && sentence.get(tokens[last].core_end..token.core_start) == Some(" (")
        && !token.core.contains(['(', ')'])
        && is_acronym(&token.core)
        && !tokens[last].breaks
        && !CONNECTORS.contains(&tokens[last].core.as_str())
        && !next.opens_bracket
        && head_follows
}

/// Closes a run of capitalised words: trims it to a name, splits two names joined by "and",
/// finds its head and kind, and records it.
fn finish(sentence: &str, tokens: &[Token], run: &mut Vec<usize>, found: &mut Vec<Named>) {
    let parts = trimmed(tokens, std::mem::take(run));
    if let Some(split) = coordination(tokens, &parts) {
        finish(sentence, tokens, &mut parts[..split].to_vec(), found);
        finish(sentence, tokens, &mut parts[split + 1..].to_vec(), found);
        return;
    }
    let (Some(&first), Some(&last)) = (parts.first(), parts.last()) else {
        return;
    };
    // The head is the last word before the first linking preposition.
    let head_end = parts
        .iter()
        .position(|&i| ["of", "for", "on", "in", "to"].contains(&tokens[i].core.as_str()))
        .unwrap_or(parts.len());
    if head_end == 0 {
        return;
    }
    let Some((start, end_token, kind)) = headed(sentence, tokens, &parts, head_end, found) else {
        return;
    };
    if parts.len() < 2 && end_token == last && start == tokens[first].core_start {
        return; // one capitalised word ("Partnership") is not a name
    }
    let end = tokens[end_token].core_end;
    // An acronym inside the name (see `inner_acronym`) is its acronym, not part of its words.
    let inner = parts
        .iter()
        .copied()
        .find(|&i| i <= end_token && tokens[i].opens_bracket);
    let acronym = inner
        .or_else(|| {
            Some(end_token + 1)
                .filter(|&i| tokens.get(i).is_some_and(|t| t.opens_bracket && t.breaks))
        })
        .map(|i| tokens[i].core.clone())
        .filter(|a| is_acronym(a));
    let written = &sentence[start..end];
    let name = match inner {
        // A name that ends at its acronym ("… Connectivity (MPAC) 2025", the year trimmed).
        Some(i) if i == end_token => sentence[start..tokens[i].core_start - 1]
            .trim_end()
            .to_string(),
        Some(i) => {
            let bracket = &sentence[tokens[i].core_start - 1..];
            let bracket = &bracket[..bracket.find(')').map_or(0, |at| at + 1)];
            written.replacen(&format!(" {bracket}"), "", 1)
        }
        None => written.to_string(),
    };
    found.push(Named {
        start,
        end,
        name: capitalise(&name),
        acronym,
        kind,
        rule: format!(
            "capitalised name ending in '{}'",
            tokens[parts[head_end - 1]].core
        ),
    });
}

/// A run without its trailing connectors, its leading stop words, dates and ordinals, and
/// anything up to a headline verb.
fn trimmed(tokens: &[Token], mut parts: Vec<usize>) -> Vec<usize> {
    while parts
        .last()
        .is_some_and(|&i| CONNECTORS.contains(&tokens[i].core.as_str()))
    {
        parts.pop();
    }
    while parts.first().is_some_and(|&i| {
        let core = tokens[i].core.as_str();
        SENTENCE_OPENERS.contains(&core)
            || LEADING_STOP.contains(&core)
            || crate::model::dates::MONTHS.contains(&core)
            || CONNECTORS.contains(&core)
            || is_ordinal(core)
            || core.ends_with("’s")
            || core.ends_with("'s")
    }) {
        parts.remove(0);
    }
    if let Some(verb) = parts
        .iter()
        .rposition(|&i| VERBS.contains(&tokens[i].core.as_str()))
    {
        parts.drain(..=verb);
    }
    parts
}

/// "the Forum on Clean Energy and Taskforce on Critical Minerals": two names joined by "and"
/// when the part after it has a head of its own near its start; the position of the "and".
fn coordination(tokens: &[Token], parts: &[usize]) -> Option<usize> {
    parts
        .iter()
        .position(|&i| tokens[i].core == "and")
        .filter(|&k| {
            parts[..k]
                .iter()
                .any(|&i| head_kind(&tokens[i].core).is_some())
                && parts[k + 1..]
                    .iter()
                    .take(3)
                    .any(|&i| head_kind(&tokens[i].core).is_some())
        })
}

/// The name's start, its last token and its kind, from the head before `head_end` or, without
/// a channel head, from a lower-case channel noun just before or after the run. `None` when the
/// run names no channel (a name after its first link is then tried on its own).
fn headed(
    sentence: &str,
    tokens: &[Token],
    parts: &[usize],
    head_end: usize,
    found: &mut Vec<Named>,
) -> Option<(usize, usize, &'static str)> {
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let head = &tokens[parts[head_end - 1]];
    // "Task Force" heads a working group ("Force" alone heads an armed service).
    let task_force =
        head.core == "Force" && head_end >= 2 && tokens[parts[head_end - 2]].core == "Task";
    let kind = if task_force {
        Some("working-group")
    } else {
        head_kind(&head.core)
    };
    let start = tokens[first].core_start;
    match kind {
        // "Consultations in Tokyo": a place after the head is not part of the name.
        Some(kind) if parts.get(head_end).is_some_and(|&i| tokens[i].core == "in") => {
            Some((start, parts[head_end - 1], kind))
        }
        Some(kind) => Some((start, last, kind)),
        None if first > 0 && NAMED_BY.contains(&tokens[first - 1].core.as_str()) => {
            // "exercise Tarang Shakti": a lower-case channel noun before a proper name.
            let kind = first_channel(&tokens[first - 1].core).map_or("exercise", |c| c.2);
            Some((tokens[first - 1].core_start, last, kind))
        }
        None => {
            // "Article IV of the 1951 … Mutual Defense Treaty", "Joint Statement of the …
            // Committee": the name may start after the first link — unless it ends in its
            // acronym, which then covers all of it ("Advancing Innovations for … (AI-ENGAGE)
            // initiative").
            if head_end < parts.len() && !tokens[last].opens_bracket {
                let mut rest = parts[head_end + 1..].to_vec();
                finish(sentence, tokens, &mut rest, found);
                return None;
            }
            // "Clean Energy Supply Chains initiative": a lower-case channel noun right after.
            let next = tokens.get(last + 1)?;
            let (_, kind) = CHANNELS
                .iter()
                .find(|(word, _)| *word == next.core && !word.contains(' '))?;
            let joins = parts.len() >= 2
                && (!tokens[last].breaks || tokens[last].opens_bracket)
                && !possessive_at(sentence, tokens[last].core_end)
                && !tokens[last].core.ends_with("ly")
                && !tokens[last].core.contains("-level")
                && next.core != "cooperation";
            joins.then_some((start, last + 1, *kind))
        }
    }
}

fn possessive_at(sentence: &str, end: usize) -> bool {
    sentence[end..].starts_with("’s") || sentence[end..].starts_with("'s")
}

// Words that open an adverbial or a clause ("Over the past year", "Through this corridor",
// "Building on this initiative", "Our joint efforts …"), never a name.
const CLAUSE_OPENERS: [&str; 43] = [
    // Descriptions of a relationship, not names ("Its nuclear-powered submarine program",
    // "Robust partnership between …", "Frank and constructive dialogues").
    "its",
    "their",
    "robust",
    "frank",
    "increased",
    // A name never starts with a link: "Of activities", "And exchange" are pieces of a list.
    "of",
    "and",
    "or",
    "relevant",
    "this",
    "these",
    "that",
    "those",
    "within",
    "it",
    "they",
    "we",
    "as",
    "in",
    "by",
    "during",
    "since",
    "following",
    "while",
    "when",
    "over",
    "to",
    "through",
    "on",
    "under",
    "after",
    "before",
    "from",
    "with",
    "together",
    "today",
    "additionally",
    "building",
    "supporting",
    "beginning",
    "our",
    "both",
    "each",
];
// Finite verbs of a statement's clauses ("The Quad governments also intend to …", "The
// partnership focuses on …", "The Leaders welcomed …"): a name holding one is a clause.
// Words that are also nouns of names ("Action Plan", "Exchange of Notes") are not here.
const CLAUSE_VERBS: [&str; 56] = [
    "will",
    "shall",
    "would",
    "can",
    "could",
    "must",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "intend",
    "intends",
    "seek",
    "seeks",
    "looks",
    "aims",
    "welcomes",
    "welcomed",
    "reaffirm",
    "reaffirms",
    "reaffirmed",
    "affirm",
    "affirmed",
    "commend",
    "commended",
    "highlight",
    "highlighted",
    "recognize",
    "recognizes",
    "recognized",
    "recognised",
    "recognise",
    "recognises",
    "provides",
    "focuses",
    "marked",
    "includes",
    "included",
    "demonstrate",
    "demonstrates",
    "continues",
    "announced",
    "announces",
    "joined",
    "noted",
    "underscored",
    "pledged",
    "hailed",
    "praised",
    "decided",
    "agreed",
    "remain",
    "remains",
    "expressed",
];
/// Modifiers that say nothing of which channel it is ("new", "joint", "bilateral").
const GENERIC: [&str; 30] = [
    "new",
    "joint",
    "common",
    "working",
    "bilateral",
    "regular",
    "annual",
    "additional",
    "further",
    "other",
    "such",
    "more",
    "public-private",
    "our",
    "their",
    "its",
    "strong",
    "close",
    "growing",
    "deep",
    "deepening",
    "enduring",
    "robust",
    "existing",
    "ongoing",
    "important",
    "historic",
    "vital",
    "ironclad",
    "this",
];

/// Gerunds that open a fact sheet's headings and activities ("Strengthening Space- and
/// Cyber-Related Consultations", "Expanding cooperation", "Investing in the Next Generation …"):
/// a name that starts with one describes work, it does not name a channel.
const HEADING_GERUNDS: [&str; 27] = [
    "strengthening",
    "enhancing",
    "increasing",
    "expanding",
    "investing",
    "deepening",
    "advancing",
    "promoting",
    "bolstering",
    "fostering",
    "improving",
    "creating",
    "launching",
    "establishing",
    "protecting",
    "accelerating",
    "elevating",
    "empowering",
    "leveraging",
    "ensuring",
    "driving",
    "addressing",
    "partnering",
    "tackling",
    "delivering",
    "harnessing",
    "upholding",
];

/// Words a name never ends with: a phrase ending in one was cut from a clause ("… adapt to
/// the", "… capacity for").
const DANGLING: [&str; 18] = [
    "a", "an", "the", "for", "to", "between", "of", "and", "or", "with", "on", "in", "by", "their",
    "its", "our", "from", "at",
];

/// Whether a drafted name reads as a name: not a clause ("This initiative will foster …",
/// "Within the next year"), not a bare channel noun with a generic word ("Working group",
/// "Common framework", "Exchanges"), not longer than a name gets.
pub fn plausible(name: &str) -> bool {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if CLAUSE_OPENERS.contains(&first.as_str())
        || HEADING_GERUNDS.contains(&first.as_str())
        || name.contains(" areas such as ")
        || words.len() > 14
        || words.iter().any(|w| CLAUSE_VERBS.contains(&w.as_str()))
        || first.chars().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    // The words before the channel noun say which channel it is; generic ones do not.
    let capitalised = name
        .split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let specific = words[..words.len() - 1]
        .iter()
        .filter(|w| !GENERIC.contains(&w.as_str()))
        .count();
    capitalised || specific >= 1
}

/// The name without the words it never ends with (see [`DANGLING`]), left by a cut inside a
/// clause.
pub fn without_dangling(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let before = words.len();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| DANGLING.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    if words.len() == before {
        name.to_string()
    } else {
        words.join(" ")
    }
}

/// "IPMDA", "Q-CHAMP", "ReCAAP": mostly capitals, at least two.
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    capitals >= 2 && capitals * 2 >= letters && !word.contains(' ')
}

fn is_ordinal(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "" | "st" | "nd" | "rd" | "th")
}

/// A word of the sentence with its punctuation stripped.
#[derive(Debug)]
struct Token {
    core: String,
    core_start: usize,
    core_end: usize,
    capital: bool,
    breaks: bool,
    opens_bracket: bool,
    /// The whole word is in brackets with nothing after them ("(CoRe)", not "(NCG):").
    bracketed: bool,
}

fn tokens(sentence: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut offset = 0;
    for word in sentence.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        let lead = word.len() - word.trim_start_matches(['“', '"', '‘', '\'', '(']).len();
        let core_text = &word[lead..];
        let mut stripped = core_text
            .trim_end_matches([
                '”', '"', '’', '\'', ',', '.', ';', ':', ')', '!', '?', '–', '—',
            ])
            .trim_end_matches("’s")
            .trim_end_matches("'s");
        // An initialism keeps its final stop ("U.S."), which then ends nothing.
        if core_text.len() == stripped.len() + 1
            && core_text.ends_with('.')
            && stripped.contains('.')
        {
            stripped = core_text;
        }
        if stripped.is_empty() {
            continue;
        }
        let first = stripped.chars().next().unwrap_or(' ');
        out.push(Token {
            core: stripped.to_string(),
            core_start: start + lead,
            core_end: start + lead + stripped.len(),
            capital: first.is_uppercase() || first.is_ascii_digit() || stripped == "&",
            // A possessive ("Leaders’") does not end a name; other punctuation does.
            breaks: core_text[stripped.len()..]
                .contains([',', '.', ';', ':', ')', '!', '?', '”', '"']),
            opens_bracket: word.starts_with('('),
            bracketed: lead == 1 && word.starts_with('(') && &core_text[stripped.len()..] == ")",
        });
    }
    out
}

static CREATED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?:establishment|launch|creation|conclusion|signing) of|launch(?:es|ing|ed)?|establish(?:es|ing|ed)?|inaugurat(?:e|es|ing|ed)|initiat(?:e|es|ing|ed)|conven(?:e|es|ing|ed)|hold(?:s|ing)?|conduct(?:s|ing)?|creat(?:e|es|ing|ed)|set(?:ting)? up|organi[sz](?:e|es|ing|ed)|announc(?:e|es|ing|ed)|welcom(?:e|es|ing|ed)|co-host(?:s|ing|ed)?|host(?:s|ing|ed)? (?:a|an)|fund(?:s)?|sign(?:s|ing|ed)?|conclud(?:e|es|ing|ed)|form(?:s|ing|ed)?|start(?:s|ing|ed)?|begin(?:s|ning)?|began|open(?:s|ing|ed)?|build(?:s|ing)?|pursu(?:e|es|ing)|institut(?:e|es|ing|ed)|continu(?:e|es|ing|ed) (?:the |our |their )?)\s+(?:a |an |the |our |their |its )?((?:new |joint |first |trilateral |bilateral )?(?:[\w’'-]+(?:\.[\w’'-]+)*\.? ){{0,6}}?(?:{}))\b",
        created_channels()
    ))
    .ok()
});

/// The channel nouns a verb creates or a clause works through: all but the vague ones
/// ("cooperation", "sharing", "operations", "dispatch", "capacity building").
fn created_channels() -> String {
    CHANNELS
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| {
            ![
                "cooperation",
                "sharing",
                "operations",
                "dispatch",
                "capacity building",
            ]
            .contains(w)
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// "including through personnel exchanges", "through continued dialogue between law-of-the-sea
/// experts", "through new Global Health Security partnerships": the channel a clause of plain
/// verbs ("we will increase …", "we intend to promote …") works through.
static THROUGH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bthrough (?:a |an |the |our |their )?((?:new |continued |regular |regularised |regularized |joint |expanded |enhanced )?(?:[\w’'-]+ ){{0,5}}?(?:{}))\b",
        created_channels()
    ))
    .ok()
});

static MEET: LazyLock<Option<Regex>> = LazyLock::new(|| {
    // The officials follow a determiner or open the sentence ("our senior officials will meet",
    // "Quad Leaders will meet"), so an adverb of the clause before is never part of them.
    Regex::new(
        r"(?i)(?:\b(?:our|the|their) |^)((?:[\w’'-]+ (?:and )?){0,4}?(?:leaders|ministers|officials|secretaries|advisors|advisers|chiefs|heads of state))\s+(?:(?:will|shall|to)\s+(?:continue to\s+)?meet|met)\b",
    )
    .ok()
});

static MEETINGS_OF: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b((?:regular|annual|periodic) (?:meetings|dialogues?|consultations|talks) (?:by|of|between|among) (?:the )?[\w’' -]{3,60}?)(?:[,.;]|$)",
    )
    .ok()
});

static ENUMERATED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(working groups|task forces|dialogues|sub-groups)\s*(?:—|–|-|:)?\s*on ([^.;—]+)")
        .ok()
});

/// "six working groups—on Health, Climate, Cyber, and Space": one channel per listed topic
/// ("Cyber Working Group").
pub fn enumerated(sentence: &str) -> Vec<Named> {
    let Some(regex) = ENUMERATED.as_ref() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for captures in regex.captures_iter(sentence) {
        let (Some(noun), Some(list)) = (captures.get(1), captures.get(2)) else {
            continue;
        };
        let items: Vec<&str> = list
            .as_str()
            .split(',')
            .map(|i| i.trim().trim_start_matches("and ").trim())
            .filter(|i| !i.is_empty())
            .collect();
        if items.len() < 2
            || !items.iter().all(|i| {
                i.chars().next().is_some_and(char::is_uppercase)
                    && i.split_whitespace().count() <= 6
            })
        {
            continue;
        }
        let singular = noun.as_str().trim_end_matches('s');
        let head: String = singular
            .split(' ')
            .map(capitalise)
            .collect::<Vec<_>>()
            .join(" ");
        for item in items {
            found.push(Named {
                start: list.start(),
                end: list.end(),
                name: format!("{item} {head}"),
                acronym: None,
                kind: first_channel(singular).map_or("working-group", |c| c.2),
                rule: format!("a listed {singular} ('{item}')"),
            });
        }
    }
    found
}

/// Channels a verb creates, officials who will meet, regular meetings of officials, meetings
/// and tracks named by the officials who hold them, trilateral and bilateral channels: the
/// lower-case mechanisms of prose.
pub fn described(sentence: &str) -> Vec<Named> {
    let mut found = officials_meetings(sentence);
    found.extend(ministers_meetings(sentence));
    found.extend(plurilateral(sentence));
    found.extend(financing(sentence));
    found.extend(assistance(sentence));
    found.extend(missions(sentence));
    found.extend(named_exercises(sentence));
    found.extend(named_programmes(sentence));
    found.extend(memoranda(sentence));
    found.extend(dialogue_partner(sentence));
    found.extend(super::verbal::channels(sentence));
    let rules: [(&Option<Regex>, &str); 4] = [
        (&CREATED, "a channel the text creates"),
        (&THROUGH, "a channel the text works through"),
        (&MEET, "officials who will meet"),
        (&MEETINGS_OF, "meetings of officials"),
    ];
    for (regex, rule) in rules {
        let Some(regex) = regex else { continue };
        for captures in regex.captures_iter(sentence) {
            let Some(m) = captures.get(1) else { continue };
            let text = m.as_str().trim();
            // "cyber activities that fund its unlawful WMD … programs": what a third party
            // pays for is no channel.
            let whole = captures.get(0).map_or("", |w| w.as_str()).to_lowercase();
            if whole.starts_with("fund") && [" its ", " their "].iter().any(|d| whole.contains(d)) {
                continue;
            }
            // "convene for our fourth meeting", "launched on the occasion of this Summit": a
            // reference to a meeting, not a channel being created.
            const FUNCTION_WORDS: [&str; 12] = [
                "for", "on", "of", "the", "this", "our", "to", "in", "at", "with", "by", "next",
            ];
            if rule != "meetings of officials"
                && text
                    .split_whitespace()
                    .any(|w| FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
            {
                continue;
            }
            // "through the Summit for Democracy Year of Action": a proper name is the
            // capitalised rule's to read (or to leave to its forum).
            if rule == "a channel the text works through"
                && text.chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            let (text, m_end) = if rule == "a channel the text creates"
                || rule == "a channel the text works through"
            {
                with_complement(sentence, text, m.end())
            } else {
                (text.to_string(), m.end())
            };
            let text = text.as_str();
            let (name, kind) = if rule == "officials who will meet" {
                (
                    format!("Meetings of {}", text.trim_start_matches("our ")),
                    "meeting",
                )
            } else {
                let kind = first_channel(text).map_or("cooperation", |c| c.2);
                (capitalise(text), kind)
            };
            found.push(Named {
                start: m.start(),
                end: m_end,
                name,
                acronym: None,
                kind,
                rule: format!("{rule}: '{text}'"),
            });
        }
    }
    found
}

/// Office words that name the officials who hold a meeting.
const OFFICIALS: &str = "leaders|ministers|ministries|advisors|advisers|secretaries";

static OFFICIALS_LIST: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:first |annual |regular |existing )?(trilateral |bilateral |quadrilateral )?meetings? (?:between|of|among) (?:our |the )?(?:respective )?((?:[a-z-]+ ){{0,3}}?(?:{OFFICIALS})(?:(?:,| and|, and) (?:[a-z-]+ ){{0,3}}?(?:{OFFICIALS}))*)\b"
    ))
    .ok()
});

/// "trilateral meetings between our leaders, foreign ministers, defense ministers, and national
/// security advisors": one meeting per kind of official; "foreign and defense ministries" gives
/// each its head noun.
fn officials_meetings(sentence: &str) -> Vec<Named> {
    let mut found = Vec::new();
    let Some(regex) = OFFICIALS_LIST.as_ref() else {
        return found;
    };
    let office = |w: &str| OFFICIALS.split('|').any(|o| o == w);
    for captures in regex.captures_iter(sentence) {
        let (Some(all), Some(list)) = (captures.get(0), captures.get(2)) else {
            continue;
        };
        let prefix = captures.get(1).map_or("", |m| m.as_str()).to_lowercase();
        let parts: Vec<String> = list
            .as_str()
            .replace(", and ", ",")
            .replace(" and ", ",")
            .split(',')
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        for (k, part) in parts.iter().enumerate() {
            let last = part.split(' ').next_back().unwrap_or("");
            let officials = if office(last) {
                part.clone()
            } else {
                // "foreign and defense ministries": the head noun of the next part.
                let head = parts[k + 1..]
                    .iter()
                    .find_map(|p| p.split(' ').next_back().filter(|w| office(w)));
                match head {
                    Some(head) => format!("{part} {head}"),
                    None => continue,
                }
            };
            found.push(Named {
                start: all.start(),
                end: all.end(),
                name: capitalise(&format!("{prefix}{officials}’ meeting")),
                acronym: None,
                kind: "meeting",
                rule: format!("meetings of officials: '{}'", all.as_str()),
            });
        }
    }
    found
}

static MINISTERS_MEETING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:a|an|the|our|their) (?:new |first |annual |regular |inaugural )*((?:trilateral |bilateral |quad )?(?:[a-z-]+ (?:and )?){0,4}?(?:ministers|advisors|advisers|secretaries)[’']? (?:meeting|track|dialogue))\b",
    )
    .ok()
});

/// "the first trilateral commerce and industry ministers’ meeting", "a new commerce and industry
/// ministers track": a meeting named by the officials who hold it.
fn ministers_meetings(sentence: &str) -> Vec<Named> {
    each_capture(
        sentence,
        &MINISTERS_MEETING,
        "meeting",
        "meetings of officials",
    )
}

/// A mechanism of `kind` for each match of `regex`'s first group, named as written.
fn each_capture(
    sentence: &str,
    regex: &Option<Regex>,
    kind: &'static str,
    rule: &str,
) -> Vec<Named> {
    let Some(regex) = regex.as_ref() else {
        return Vec::new();
    };
    regex
        .captures_iter(sentence)
        .filter_map(|c| c.get(1))
        .map(|m| Named {
            start: m.start(),
            end: m.end(),
            name: capitalise(m.as_str()),
            acronym: None,
            kind,
            rule: format!("{rule}: '{}'", m.as_str()),
        })
        .collect()
}

static PLURILATERAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b((?:[a-z]+-[a-z]+ )?(?:trilateral|bilateral) (?:[a-z-]+ ){0,3}?(?:dialogue|working group|communication mechanism|consultations|task force|exercises|patrols?))\b",
    )
    .ok()
});

/// "a new trilateral working group to …", "trilateral dialogue on space security cooperation",
/// "multi-domain trilateral exercises", "bilateral space policy dialogue": a channel the
/// parties hold together, said in lower case, with what it is about.
fn plurilateral(sentence: &str) -> Vec<Named> {
    let Some(regex) = PLURILATERAL.as_ref() else {
        return Vec::new();
    };
    regex
        .captures_iter(sentence)
        .filter_map(|c| c.get(1))
        .filter(|m| {
            // Lower case only: a capitalised name is read by its own rule.
            m.as_str().chars().next().is_some_and(|c| c.is_lowercase())
        })
        .map(|m| {
            let (name, end) = with_complement(sentence, m.as_str(), m.end());
            Named {
                start: m.start(),
                end,
                name: capitalise(&name),
                acronym: None,
                kind: first_channel(m.as_str()).map_or("dialogue", |c| c.2),
                rule: format!("a trilateral or bilateral channel: '{}'", m.as_str()),
            }
        })
        .collect()
}

/// The channel phrase around a channel noun at `start..end` of a list item whose leading phrase
/// is a clause ("The Quad partners intend to host a two-day workshop on implementation of …"
/// → "Two-day workshop on implementation of …"): up to three modifiers before the noun, back to
/// a determiner, a verb or punctuation, and what the channel is about after it; none when the
/// phrase is a bare noun with common modifiers.
pub fn channel_phrase(sentence: &str, start: usize, end: usize) -> Option<String> {
    const STOPS: [&str; 40] = [
        "a",
        "an",
        "the",
        "our",
        "their",
        "its",
        "this",
        "these",
        "to",
        "and",
        "of",
        "on",
        "in",
        "for",
        "with",
        "by",
        "at",
        "host",
        "hold",
        "support",
        "intend",
        "include",
        "including",
        "through",
        "also",
        "improve",
        "expand",
        "extend",
        "advance",
        "enhance",
        "strengthen",
        "deepen",
        "promote",
        "provide",
        "build",
        "launch",
        "launched",
        "conduct",
        "conducted",
        "continue",
    ];
    let mut from = start;
    for _ in 0..3 {
        let before = sentence[..from].trim_end();
        let word_start = before.rfind(' ').map_or(0, |at| at + 1);
        let word = &before[word_start..];
        let lower = word.to_lowercase();
        if word.is_empty()
            || !word.chars().all(|c| c.is_alphanumeric() || c == '-')
            || STOPS.contains(&lower.as_str())
            || !plausible(&format!("{word} x"))
        {
            break;
        }
        from = word_start;
    }
    let bare = &sentence[from..end];
    let (name, _) = with_complement(sentence, bare, end);
    // A bare noun with common modifiers ("Capacity building", "First training") says no more
    // than the sentence; what it is about or a proper name makes it a channel.
    let named = bare
        .split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    (name.len() > bare.len() || named).then(|| capitalise(&name))
}

static FINANCING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:\$[\d.,+]+ (?:million|billion) )?(loans?|grants?|loan (?:portfolio )?guarant(?:y|ee)|invest(?:s|ing)? \$[\d.,+]+ (?:million|billion)) (?:to|for|in) (?:the )?(?:enable |support )?(?:[A-Z][\w]*[’']s )?(?:(?:[A-Za-z]+ )?(?:company|institution|bank) )?((?:[A-Z][\w&.-]*|\d[\w-]*)(?:,? (?:[A-Z][\w&.-]*|of|and|Inc\.?))*)",
    )
    .ok()
});

/// "DFC has extended a $250 million loan to Tata Power Solar", "a grant to the Rural
/// Electrification Finance Corporation", "a $4 million loan portfolio guarantee to Lakeview
/// Bank", "a loan to microfinance institution Hill Credit", "will invest $20 million in
/// Ocean Fish Technologies": financing for a named recipient, with the lender's acronym when
/// the sentence writes one before it. Guarantees, described recipients and investments:
/// asean-us-2024 and us-id-2022 (held-out-4), us-ph-2022 (held-out-3).
fn financing(sentence: &str) -> Vec<Named> {
    for_recipient(sentence, &FINANCING, "financing for a named recipient")
}

/// Who gives the help of a sentence: the last acronym written before `at` ("DFC has extended
/// …", "USAID’s ongoing technical assistance").
pub(super) fn provider(sentence: &str, at: usize) -> Option<&str> {
    sentence[..at]
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| w.len() >= 2 && is_acronym(w))
}

static ASSISTANCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b((?:capacity[- ]building and )?technical assistance|capacity[- ]building) (?:to|for) (?:the )?((?:[A-Z][\w&.-]*)(?: (?:[A-Z][\w&.-]*|of|and|for))*)",
    )
    .ok()
});

/// "plans to provide technical assistance to the Civil Aviation Authority of Mongolia",
/// "USAID’s ongoing technical assistance to the Nusantara New Capital Authority", "capacity
/// building for the Vietnam National Mine Action Center": help with a named recipient, with the
/// provider's acronym when the sentence writes one before it. Motivated by us-id-2023 (dev),
/// us-vn-2023 (dev), us-mn-2023 and us-th-2022 (held-out-3).
fn assistance(sentence: &str) -> Vec<Named> {
    for_recipient(sentence, &ASSISTANCE, "assistance for a named recipient")
}

/// Financing or help (group 1 of `regex`) for a named recipient (group 2), named "<provider's
/// acronym> <help> to <recipient>" ("capacity building for …").
fn for_recipient(sentence: &str, regex: &Option<Regex>, rule: &str) -> Vec<Named> {
    let Some(regex) = regex.as_ref() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for captures in regex.captures_iter(sentence) {
        let (Some(all), Some(noun), Some(recipient)) =
            (captures.get(0), captures.get(1), captures.get(2))
        else {
            continue;
        };
        // "investing $2.5 billion in Korean content": a capitalised adjective, not a recipient.
        let next = sentence[recipient.end()..]
            .trim_start()
            .split(' ')
            .next()
            .unwrap_or("");
        let invested = noun.as_str().starts_with("invest");
        if invested
            && next.chars().next().is_some_and(char::is_lowercase)
            && !["to", "and", "which", "for", "in", "that"].contains(&next)
        {
            continue;
        }
        let recipient = without_dangling(recipient.as_str().trim_end_matches([',', '.']));
        let help = if invested {
            "investment"
        } else {
            noun.as_str().trim_end_matches('s')
        };
        let link = if help.starts_with("capacity") {
            "for"
        } else if invested {
            "in"
        } else {
            "to"
        };
        let name = match provider(sentence, all.start()) {
            Some(who) => format!("{who} {help} {link} {recipient}"),
            None => capitalise(&format!("{help} {link} {recipient}")),
        };
        found.push(Named {
            start: all.start(),
            end: all.end(),
            name,
            acronym: None,
            kind: "programme",
            rule: format!("{rule}: '{}'", all.as_str()),
        });
    }
    found
}

static MISSIONS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:a|an|the) (?:upcoming |new |first |planned )?((?:[A-Z][\w.]*(?:-[A-Z][\w.]*)* )?(?:trade|business development|business|investment|commercial) missions? to (?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*)",
    )
    .ok()
});

/// "a Mongolian trade mission to the United States", "a U.S. business development mission to
/// Singapore", "fund a trade mission to the United States": a delegation one side sends to the
/// other, named by its destination. Motivated by us-id-2023 (dev), us-sg-2022 (held-out-2) and
/// us-mn-2023 (held-out-3).
fn missions(sentence: &str) -> Vec<Named> {
    each_capture(sentence, &MISSIONS, "visit", "a mission to a named place")
}

/// The rule of [`named_programmes`], which the extractor checks against the sentence's mentions.
pub const PROGRAMME_RULE: &str = "a programme called by a one-word name";

static NAMED_PROGRAMME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b[a-z][\w’'-]* ([A-Z][\w-]+) ((?:(?:graduate|binational|exchange|scholarship|fellowship|research|student|youth|volunteer) )?(?:programs?|programmes?|initiative|partnership|fellowships?|scholarships?)\b)",
    )
    .ok()
});

/// "the Fulbright program", "a YSEALI initiative on sustainable and inclusive tourism", "the
/// Artemis program", "the largest-ever Fulbright graduate program": an exchange or programme
/// called by a one-word proper name and a lower-case channel noun (longer names are read by
/// [`capitalised`]). The extractor drops a name that is a country, grouping or body ("U.S.
/// program", "Quad initiative"). Motivated by us-id-2023 (dev), us-kr-2023 (held-out-2), and
/// us-mn-2023, us-th-2022 and jp-us-2022 (held-out-3).
fn named_programmes(sentence: &str) -> Vec<Named> {
    let Some(regex) = NAMED_PROGRAMME.as_ref() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for c in regex.captures_iter(sentence) {
        let (Some(proper), Some(noun)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let word = proper.as_str();
        // "Pacific-led initiative", "U.S.-funded program": a description, not a name.
        let described = word
            .split('-')
            .skip(1)
            .any(|part| part.chars().next().is_some_and(char::is_lowercase));
        if described
            || SENTENCE_OPENERS.contains(&word)
            || LEADING_STOP.contains(&word)
            || GENERIC.contains(&word.to_lowercase().as_str())
            || HEADING_GERUNDS.contains(&word.to_lowercase().as_str())
        {
            continue;
        }
        let (name, end) =
            with_complement(sentence, &sentence[proper.start()..noun.end()], noun.end());
        found.push(Named {
            start: proper.start(),
            end,
            name,
            acronym: None,
            kind: first_channel(noun.as_str()).map_or("programme", |c| c.2),
            rule: format!(
                "{PROGRAMME_RULE}: '{}'",
                &sentence[proper.start()..noun.end()]
            ),
        });
    }
    found
}

static MEMORANDA: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:a|an|the) (?:[\w-]+ )?(?:(?:new|renewed|bilateral|trilateral|[a-z]+-year) )?((?:MOU|MoU|MOC|MoC)s?|Memorand(?:um|a) of (?:Understanding|Cooperation))( (?:to|on|concerning|regarding|enabling|among|for|that will|which will) [^,;.(]+)",
    )
    .ok()
});

/// "the MOU to deepen cooperation on infrastructure development", "a three-year MOU to support
/// personnel exchanges", "a bilateral Memorandum of Understanding concerning cooperation on
/// mineral resource sector development", "a Memorandum of Cooperation among the four countries’
/// science agencies": an instrument named only by its generic title, with what it is for
/// (at most ten words). Motivated by us-sg-2022 and us-kr-2023 (held-out-2), us-mn-2023
/// (held-out-3) and quad-2024 (held-out-1).
fn memoranda(sentence: &str) -> Vec<Named> {
    let Some(regex) = MEMORANDA.as_ref() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for c in regex.captures_iter(sentence) {
        let (Some(title), Some(about)) = (c.get(1), c.get(2)) else {
            continue;
        };
        // What it is for, up to a second purpose ("to support personnel exchanges to increase
        // …" stops before "to increase").
        let about: Vec<&str> = about.as_str().split_whitespace().take(11).collect();
        let second = about
            .iter()
            .skip(1)
            .position(|w| *w == "to")
            .map_or(about.len(), |at| at + 1);
        let mut about = about[..second].to_vec();
        // "a MOU that will secure and diversify critical minerals supplies": what it will do
        // is what it is for.
        if about.len() > 2 && ["that", "which"].contains(&about[0]) && about[1] == "will" {
            about[0] = "to";
            about.remove(1);
        }
        if about.len() < 3 {
            continue;
        }
        let name = without_dangling(&format!("{} {}", title.as_str(), about.join(" ")));
        found.push(Named {
            start: title.start(),
            end: title.start() + name.len().min(sentence.len() - title.start()),
            name,
            acronym: None,
            kind: "agreement",
            rule: format!("a memorandum with what it is for: '{}'", title.as_str()),
        });
    }
    found
}

/// The rule of [`dialogue_partner`].
pub const DIALOGUE_PARTNER_RULE: &str = "a party's status as a grouping's dialogue partner";

static DIALOGUE_PARTNER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:as|is) (?:a|an|the|its) ((?:[A-Z][\w-]* ){0,4}Dialogue Partner)(?: (?:in|of|to) (?:the )?([A-Z][\w-]*(?: (?:[A-Z][\w-]*|of|and))*))?",
    )
    .ok()
});

/// "will amplify its efforts as a Dialogue Partner in the Pacific Islands Forum", "as a PIF
/// Dialogue Partner, the United States supports …": a party's standing seat at another
/// grouping's table, a channel of its own. Motivated by pic-us-2022 (held-out-4) and
/// pif-us-2023 (held-out-6).
fn dialogue_partner(sentence: &str) -> Vec<Named> {
    let Some(regex) = DIALOGUE_PARTNER.as_ref() else {
        return Vec::new();
    };
    regex
        .captures_iter(sentence)
        .filter_map(|c| {
            let title = c.get(1)?;
            let end = c.get(2).map_or(title.end(), |g| g.end());
            let name = without_dangling(&sentence[title.start()..end]);
            Some(Named {
                start: title.start(),
                end: title.start() + name.len(),
                name,
                acronym: None,
                kind: "dialogue",
                rule: format!("{DIALOGUE_PARTNER_RULE}: '{}'", title.as_str()),
            })
        })
        .collect()
}

/// The rule of [`named_exercises`], which the extractor checks against the sentence's mentions.
pub const EXERCISE_RULE: &str = "an exercise called by its name";

/// A proper name of up to four words, each capitalised (or all capitals: "ULCHI FREEDOM SHIELD").
const EXERCISE_NAME: &str = r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}";

static EXERCISES_NAMED_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({EXERCISE_NAME})(?: and ({EXERCISE_NAME}))? ((?:(?:military|naval|maritime|joint|combined|field|training|bilateral|trilateral|multilateral|annual|air|amphibious|defen[cs]e|security|counterterrorism|humanitarian) )*exercises?)\b"
    ))
    .ok()
});

static EXERCISES_NAMED_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bexercises,? (?:including|such as|like|namely) ({EXERCISE_NAME})(?:,? and ({EXERCISE_NAME}))?"
    ))
    .ok()
});

/// "during Kamandag and Balikatan military exercises", "field training exercises, including
/// ULCHI FREEDOM SHIELD and WARRIOR SHIELD": exercises called by their proper names, one
/// mechanism each. The extractor drops a name that is a country, grouping or body ("Philippine
/// military exercises"). Motivated by us-kr-2023 (held-out-2) and us-ph-2022 (held-out-3).
fn named_exercises(sentence: &str) -> Vec<Named> {
    let mut found = Vec::new();
    let mut push = |m: regex::Match, name: String| {
        let first = m.as_str().split(' ').next().unwrap_or("");
        let generic = m
            .as_str()
            .split(' ')
            .all(|w| GENERIC.contains(&w.to_lowercase().as_str()));
        if SENTENCE_OPENERS.contains(&first) || LEADING_STOP.contains(&first) || generic {
            return;
        }
        found.push(Named {
            start: m.start(),
            end: m.end(),
            name,
            acronym: None,
            kind: "exercise",
            rule: format!("{EXERCISE_RULE}: '{}'", m.as_str()),
        });
    };
    if let Some(regex) = EXERCISES_NAMED_BEFORE.as_ref() {
        for c in regex.captures_iter(sentence) {
            let noun = c.get(3).map_or("exercises", |m| m.as_str());
            for m in [c.get(1), c.get(2)].into_iter().flatten() {
                push(m, format!("{} {noun}", m.as_str()));
            }
        }
    }
    if let Some(regex) = EXERCISES_NAMED_AFTER.as_ref() {
        for c in regex.captures_iter(sentence) {
            for m in [c.get(1), c.get(2)].into_iter().flatten() {
                push(m, m.as_str().to_string());
            }
        }
    }
    found
}

/// Where a phrase ends at punctuation: a comma, semicolon, bracket, dash, or a full stop that
/// is not an initial's ("the U.S. Secretary of State" runs on).
fn punctuation_stop(text: &str) -> usize {
    let bytes = text.as_bytes();
    text.char_indices()
        .find(|&(at, c)| match c {
            ',' | ';' | '(' | '–' | '—' => true,
            '.' => {
                let initial = at >= 1
                    && bytes[at - 1].is_ascii_uppercase()
                    && (at == 1 || !bytes[at - 2].is_ascii_alphabetic());
                !initial
            }
            _ => false,
        })
        .map_or(text.len(), |(at, _)| at)
}

/// A channel noun with what it is about: "a memorandum of understanding between our
/// environmental agencies", "a dialogue on telecommunications", "an arrangement to advance
/// ocean mapping" — up to the next punctuation, at most ten words.
fn with_complement(sentence: &str, text: &str, end: usize) -> (String, usize) {
    let rest = &sentence[end..];
    let Some(link) = ["of ", "on ", "for ", "to ", "between ", "among ", "in "]
        .iter()
        .find(|l| rest.strip_prefix(' ').is_some_and(|r| r.starts_with(*l)))
    else {
        return (text.to_string(), end);
    };
    let after = &rest[1 + link.len()..];
    let stop = punctuation_stop(after).min(
        [
            " that ",
            " which ",
            " and will ",
            " to be ",
            " by ",
            " including ",
        ]
        .iter()
        .filter_map(|w| after.find(w))
        .min()
        .unwrap_or(after.len()),
    );
    // At most ten words, and never so many that the name is longer than a name gets (see
    // `plausible`): "a nuclear energy study tour in Japan for nuclear experts and policy
    // decision-makers from the Philippines" keeps its place and what it is for.
    let room = 13usize.saturating_sub(text.split_whitespace().count());
    let words: Vec<&str> = after[..stop]
        .split_whitespace()
        .take(room.min(10))
        .collect();
    if words.is_empty() || (*link == "to " && words.len() < 2) {
        return (text.to_string(), end);
    }
    let tail = words.join(" ");
    let tail_end = end
        + 1
        + link.len()
        + after[..stop]
            .find(words[words.len() - 1])
            .map_or(0, |at| at + words[words.len() - 1].len());
    (format!("{text} {link}{tail}"), tail_end.min(sentence.len()))
}

static BETWEEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b((?:cooperation|exchanges?|dialogues?|consultations?|talks|coordination|programmes?|partnership|research|collaboration|arrangement|memorandum of understanding|agreement)(?: of [\w -]+?)? (?:between|among) (?:the )?[^;]+?)(?:;|\.?\s*$| on | to | for | in order)",
    )
    .ok()
});

/// "cooperation between the Indian Coast Guard and the Australian Border Force": a channel
/// between named parties (the extractor keeps it only when it names two bodies).
pub fn between(sentence: &str) -> Vec<Named> {
    let Some(regex) = BETWEEN.as_ref() else {
        return Vec::new();
    };
    regex
        .captures_iter(sentence)
        .filter_map(|c| c.get(1))
        .map(|m| {
            let text = m.as_str().trim();
            let words: Vec<&str> = text.split_whitespace().collect();
            // No longer than a name gets (see `plausible`): "memorandum of understanding between
            // the U.S. Department of Health and Human Services and Indonesia’s Ministry of
            // Health" keeps its first fourteen words.
            let name = if words.len() > 14 {
                words[..14].join(" ")
            } else {
                text.to_string()
            };
            Named {
                start: m.start(),
                end: m.end(),
                name: capitalise(&name),
                acronym: None,
                kind: first_channel(text).map_or("cooperation", |c| c.2),
                rule: format!(
                    "a channel between named bodies: '{}'",
                    words[..words.len().min(6)].join(" ")
                ),
            }
        })
        .collect()
}

static LAUNCHED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:launch(?:ed|es)?|establish(?:ed|es)?|inaugurated?|sign(?:ed|s)?|conduct(?:ed|s)?|co-led|created?|set up|start(?:ed|s)?) (?:a |an |the |their |its )?(?:new |first |joint )?([^,;.]{3,80}?)(?:,|;|\.|$| to | with | between | for | in | on | at | by | co-led| led)",
    )
    .ok()
});

/// A list item that launches, establishes or signs something that has no channel noun ("The
/// United States and India launched the INDUS-X defence innovation bridge"): the object.
pub fn launched(sentence: &str) -> Option<Named> {
    let m = LAUNCHED.as_ref()?.captures(sentence)?.get(1)?;
    let text = m.as_str().trim();
    Some(Named {
        start: m.start(),
        end: m.end(),
        name: capitalise(text),
        acronym: None,
        kind: "cooperation",
        rule: format!("a list item that launches '{text}'"),
    })
}

static PARTICIPLE_BY: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r" \w+ed by ").ok());

/// Words that end the leading name of a list item.
const CUTS: [&str; 17] = [
    " between ",
    // A run-in heading ("ROK Education and Training on Nuclear Deterrence: To enhance …").
    ": ",
    " at the level",
    " at ",
    " led by ",
    " conducted by ",
    " hosted by ",
    " with participation",
    " through ",
    " including ",
    " on the basis",
    " according to ",
    " (",
    ", ",
    " such as ",
    " to be ",
    " among ",
];

/// Words at the start of a list item that are not part of its name.
const LEADING_VERBS: [&str; 14] = [
    "Consolidate the ",
    "Enhance ",
    "Promote ",
    "Pursue ",
    "Establishment of ",
    "Developing of ",
    "Development of ",
    "Strengthen ",
    "Continue ",
    "Annual ",
    "Regular ",
    "Basically ",
    "The two ",
    "Participation in ",
];

/// The name of an unnamed list item: its leading phrase up to "between", "at the level" …,
/// without a leading verb or frequency ("Annual Strategic dialogue at Foreign Minister-level"
/// → "Strategic dialogue").
pub fn leading_name(sentence: &str) -> String {
    let mut text = sentence.trim().trim_end_matches(['.', ';']).to_string();
    loop {
        let before = text.len();
        for verb in LEADING_VERBS {
            if text.len() > verb.len() + 3 && text.starts_with(verb) {
                text = text[verb.len()..].to_string();
            }
        }
        if text.len() == before {
            break;
        }
    }
    // "Developing a new bilateral roadmap", "Welcoming a task force …": a gerund and its
    // article open the item, not the name.
    if let Some((first, rest)) = text.split_once(' ') {
        if first.len() > 5
            && first.ends_with("ing")
            && first.chars().next().is_some_and(char::is_uppercase)
            && ["a ", "an ", "the ", "new "]
                .iter()
                .any(|a| rest.starts_with(a))
        {
            let rest = ["a ", "an ", "the ", "new "]
                .iter()
                .fold(rest, |r, a| r.strip_prefix(a).unwrap_or(r));
            text = rest.to_string();
        }
    }
    if let Some(at) = PARTICIPLE_BY.as_ref().and_then(|r| r.find(&text)) {
        text.truncate(at.start());
    }
    // Cut at the first of the words that end a name, unless that leaves one bare word
    // ("Dialogue between the NDMA and the Cabinet Office" keeps its parties).
    let mut cuts: Vec<usize> = CUTS
        .iter()
        .filter_map(|c| text.find(c))
        .filter(|&at| at > 3)
        .collect();
    cuts.sort_unstable();
    let cut = cuts
        .iter()
        .copied()
        .find(|&at| text[..at].split_whitespace().count() >= 2)
        .unwrap_or(text.len());
    let mut name: String = text[..cut].to_string();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 12 {
        name = words[..12].join(" ");
    }
    capitalise(name.trim())
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True when `span` of `text` is a whole word (re-exported for the extractor).
pub fn is_whole(text: &str, start: usize, end: usize) -> bool {
    whole_word(text, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partys_seat_as_a_groupings_dialogue_partner_is_a_channel() {
        let found = dialogue_partner("Canada will deepen its work as a Dialogue Partner in the Caribbean Community and will fund it.");
        let names: Vec<&str> = found.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Dialogue Partner in the Caribbean Community"]);
        let found = dialogue_partner(
            "As a founding member and as an SCO Dialogue Partner, Turkey attends.",
        );
        assert_eq!(found[0].name, "SCO Dialogue Partner");
        assert!(dialogue_partner(
            "The Forum welcomed its Dialogue Partners' ministers to the talks."
        )
        .is_empty());
        assert!(dialogue_partner("We held a dialogue with partners.").is_empty());
    }

    #[test]
    fn a_memorandum_says_what_it_will_do_and_instruments_head_names() {
        let found = memoranda(
            "The ministers signed a MOU that will expand port inspections across the region.",
        );
        assert_eq!(
            found[0].name,
            "MOU to expand port inspections across the region"
        );
        assert!(memoranda("The ministers signed a MOU that we welcome.").is_empty());
        let names: Vec<String> = capitalised("They signed the ‘Lake Geneva Water Accords’ today and launched the Coastal Cyber Readiness Series.")
            .into_iter()
            .map(|n| n.name)
            .collect();
        assert!(
            names.iter().any(|n| n == "Lake Geneva Water Accords"),
            "{names:?}"
        );
        assert!(
            names.iter().any(|n| n == "Coastal Cyber Readiness Series"),
            "{names:?}"
        );
        let exercises: Vec<String> =
            named_exercises("Both sides will restart the annual STORM HARBOR defense exercise.")
                .into_iter()
                .map(|n| n.name)
                .collect();
        assert_eq!(exercises, ["STORM HARBOR defense exercise"]);
    }

    fn names(sentence: &str) -> Vec<String> {
        capitalised(sentence).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn headings_pieces_and_cut_clauses_are_not_names() {
        assert!(!plausible(
            "Strengthening Space- and Cyber-Related Consultations"
        ));
        assert!(!plausible("Expanding cooperation"));
        assert!(!plausible("Of activities"));
        assert!(!plausible("Cooperation in areas such as semiconductors"));
        assert!(plausible("Countering Disinformation Working Group"));
        assert_eq!(
            without_dangling("Partnership to bolster resiliency and adapt to the"),
            "Partnership to bolster resiliency and adapt"
        );
        assert_eq!(
            leading_name(
                "ROK Education and Training on Nuclear Deterrence: To enhance ROK preparedness"
            ),
            "ROK Education and Training on Nuclear Deterrence"
        );
    }

    #[test]
    fn capitalised_names_need_a_channel_head() {
        assert_eq!(
            names("We launched the Quad Vaccine Experts Group, comprised of top experts."),
            ["Quad Vaccine Experts Group"]
        );
        assert_eq!(
            names("We welcome the Indo-Pacific Partnership for Maritime Domain Awareness (IPMDA), designed to work."),
            ["Indo-Pacific Partnership for Maritime Domain Awareness"]
        );
        assert_eq!(
            capitalised(
                "the Indo-Pacific Partnership for Maritime Domain Awareness (IPMDA), designed"
            )[0]
            .acronym
            .as_deref(),
            Some("IPMDA")
        );
        assert_eq!(
            names("We welcome the EU Strategy for Cooperation in the Indo-Pacific."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("We also announce a Clean Energy Supply Chains initiative designed to help."),
            ["Clean Energy Supply Chains initiative"]
        );
        assert_eq!(
            names("Under the Climate Information Services Initiative, we plan"),
            ["Climate Information Services Initiative"]
        );
        assert_eq!(
            names("the 2022 Tokyo Quad Leaders’ Summit, is underway"),
            ["Tokyo Quad Leaders’ Summit"]
        );
        assert_eq!(
            names("This Partnership will further strengthen"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_channel_a_clause_works_through() {
        let found: Vec<String> = described(
            "We look to increase the interoperability of our forces, including through personnel exchanges, co-deployments, and defense trade.",
        )
        .into_iter()
        .map(|n| n.name)
        .collect();
        assert_eq!(found, ["Personnel exchanges"]);
        // "through the" + a clause of the verb's own is no channel.
        assert!(described("We will work through the night to finish it.").is_empty());
    }

    #[test]
    fn prose_channels_and_list_items() {
        let found: Vec<String> =
            described("we will establish sector-specific contact groups to promote")
                .into_iter()
                .map(|n| n.name)
                .collect();
        assert_eq!(found, ["Sector-specific contact groups"]);
        let found = described("our leaders and foreign ministers will meet annually and our senior officials will meet regularly");
        let found: Vec<&str> = found.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            found,
            [
                "Meetings of leaders and foreign ministers",
                "Meetings of senior officials"
            ]
        );
        assert_eq!(
            leading_name("Annual Strategic dialogue at Foreign Minister-level"),
            "Strategic dialogue"
        );
        assert_eq!(
            leading_name("Regular Consultations between National Security Advisor of India and Japanese Counterpart"),
            "Consultations between National Security Advisor of India and Japanese Counterpart"
        );
        assert_eq!(
            leading_name("Consolidate the Global and Strategic Partnership"),
            "Global and Strategic Partnership"
        );
    }

    fn described_names(sentence: &str) -> Vec<String> {
        described(sentence).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn an_acronym_inside_a_name_is_its_acronym() {
        let found = capitalised(
            "The two leaders applauded the work under the Competitiveness and Resilience (CoRe) Partnership announced last year.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].name, "Competitiveness and Resilience Partnership");
        assert_eq!(found[0].acronym.as_deref(), Some("CoRe"));
        assert_eq!(
            names("USAID will launch a new Strengthening Private Enterprises for the Digital Economy (SPEED) award, a project."),
            Vec::<String>::new(),
            "an award is no channel noun"
        );
        assert_eq!(
            names("Through the Advancing Innovations for Empowering NextGen Agriculture (AI-ENGAGE) initiative announced in 2023, we act."),
            ["Advancing Innovations for Empowering NextGen Agriculture initiative"]
        );
        // An acronym with punctuation after it, or a year after it, ends the name.
        assert_eq!(
            names("- Nuclear Consultative Group (NCG): The United States and the ROK launched an NCG."),
            ["Nuclear Consultative Group"]
        );
        assert_eq!(
            names("It supports the Master Plan on ASEAN Connectivity (MPAC) 2025 and more."),
            ["Master Plan on ASEAN Connectivity"]
        );
    }

    #[test]
    fn exercises_called_by_their_names() {
        assert_eq!(
            described_names("EDCA sites have also been used by U.S. and Philippine forces during Kamandag and Balikatan military exercises."),
            ["Kamandag military exercises", "Balikatan military exercises"]
        );
        assert_eq!(
            described_names("The two sides are expanding field training exercises, including ULCHI FREEDOM SHIELD and WARRIOR SHIELD, to restore readiness."),
            ["ULCHI FREEDOM SHIELD", "WARRIOR SHIELD"]
        );
    }

    #[test]
    fn financing_guarantees_and_investments_for_a_named_recipient() {
        assert_eq!(
            described_names("Opening with a $4 million loan portfolio guarantee to Lakeview Bank, which will lend."),
            ["Loan portfolio guarantee to Lakeview Bank"]
        );
        assert_eq!(
            described_names("DFC offers a $3 million loan to microfinance institution Hill Credit Union, which lends."),
            ["DFC loan to Hill Credit Union"]
        );
        assert_eq!(
            described_names("The finance agency will invest $20 million in Brazil’s Ocean Fish Technologies to connect fishers."),
            ["Investment in Ocean Fish Technologies"]
        );
        assert!(
            described_names("A studio is investing $2.5 billion in Korean content.").is_empty()
        );
    }

    #[test]
    fn help_and_missions_with_a_named_recipient_or_place() {
        assert_eq!(
            described_names("The U.S. Federal Aviation Administration plans to provide technical assistance to the Civil Aviation Authority of Mongolia in support of civil aviation safety."),
            ["Technical assistance to Civil Aviation Authority of Mongolia"]
        );
        assert_eq!(
            described_names("This work builds on USAID’s ongoing technical assistance to the Nusantara New Capital Authority to develop guidelines."),
            ["USAID technical assistance to Nusantara New Capital Authority"]
        );
        assert_eq!(
            described_names("They welcomed the visit of a Mongolian trade mission to the United States this year."),
            ["Mongolian trade mission to the United States"]
        );
    }

    #[test]
    fn a_created_channel_keeps_within_a_names_length() {
        let found = described_names("Under the program, the United States and Japan plan to co-host a nuclear energy study tour in Japan for nuclear experts and policy decision-makers from the Philippines and other partner countries.");
        assert!(
            found
                .iter()
                .any(|n| n.starts_with("Nuclear energy study tour in Japan") && plausible(n)),
            "{found:?}"
        );
        assert_eq!(
            described_names("Japan will also host an international conference on Ukraine mine action next year."),
            ["International conference on Ukraine mine action next year"]
        );
    }

    #[test]
    fn programmes_with_a_one_word_name() {
        assert_eq!(
            described_names("They increase the number of Fulbright awardees and the Fulbright program, as well as the largest-ever Fulbright graduate program focused on STEM research."),
            ["Fulbright program", "Fulbright graduate program"]
        );
        assert_eq!(
            described_names("The leaders note the plans for a YSEALI initiative on sustainable and inclusive tourism development, and more."),
            ["YSEALI initiative on sustainable and inclusive tourism development"]
        );
        assert!(described_names("They back a Pacific-led initiative on oceans.").is_empty());
    }

    #[test]
    fn a_memorandum_named_by_what_it_is_for() {
        assert_eq!(
            described_names("We welcome the signing of a bilateral Memorandum of Understanding concerning cooperation on mineral resource sector development and governance, as well as more."),
            ["Memorandum of Understanding concerning cooperation on mineral resource sector development and governance"]
        );
        assert_eq!(
            described_names("On April 25, USAID and KOICA signed a three-year MOU to support personnel exchanges to increase mutual understanding."),
            ["MOU to support personnel exchanges"]
        );
        assert!(described_names("They signed the MOU today.").is_empty());
    }

    #[test]
    fn an_initial_does_not_end_a_phrase() {
        let found = between("They renew the memorandum of understanding between the U.S. Department of Health and Human Services and Indonesia’s Ministry of Health.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .name
                .contains("the U.S. Department of Health and Human Services and"),
            "{found:?}"
        );
        assert_eq!(punctuation_stop("the U.S. Secretary of State. Next"), 27);
    }
}
