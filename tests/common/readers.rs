//! The real readers the outputs are parsed back with, as assertions: XML (quick-xml), Markdown
//! (pulldown-cmark, a CommonMark parser), CSV (the `csv` crate), and the terminal rule.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Every attribute value and the text of every element (references resolved) of `xml`;
/// panics, naming `what`, unless the document is well-formed XML 1.0 with one root.
pub fn xml_values(xml: &str, what: &str) -> Vec<String> {
    use quick_xml::events::{BytesStart, Event as X};
    use quick_xml::XmlVersion;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut values = Vec::new();
    let mut text = String::new();
    let mut depth = 0usize;
    let mut roots = 0usize;
    let attributes = |element: &BytesStart, values: &mut Vec<String>| {
        for attribute in element.attributes() {
            let attribute = attribute.unwrap_or_else(|err| panic!("{what}: {err}"));
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .unwrap_or_else(|err| panic!("{what}: {err}"));
            assert_xml_chars(&value, what);
            values.push(value.into_owned());
        }
    };
    loop {
        let event = reader.read_event().unwrap_or_else(|err| {
            panic!(
                "{what} is not well-formed XML at {}: {err}",
                reader.buffer_position()
            )
        });
        // An element's text ends at its end tag (empty text included) or at a child's tag.
        let ends_text = matches!(event, X::End(_))
            || (!matches!(event, X::Text(_) | X::GeneralRef(_) | X::CData(_)) && !text.is_empty());
        if ends_text {
            values.push(std::mem::take(&mut text));
        }
        match event {
            X::Eof => break,
            X::Start(element) => {
                roots += usize::from(depth == 0);
                depth += 1;
                attributes(&element, &mut values);
            }
            X::Empty(element) => {
                roots += usize::from(depth == 0);
                attributes(&element, &mut values);
            }
            X::End(_) => depth = depth.saturating_sub(1),
            X::Text(t) => {
                let content = t.xml10_content();
                assert_xml_chars(&content, what);
                text.push_str(&content);
            }
            X::CData(t) => text.push_str(&t),
            X::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&reference)
                        .unwrap_or_else(|| panic!("{what}: unknown entity &{};", &*reference))
                        .to_string(),
                    Err(err) => panic!("{what}: bad character reference: {err}"),
                };
                assert_xml_chars(&resolved, what);
                text.push_str(&resolved);
            }
            _ => {}
        }
    }
    assert_eq!(roots, 1, "{what}: {roots} root elements");
    assert_eq!(depth, 0, "{what}: unclosed elements");
    values
}

/// Panics if `text` holds a character XML 1.0 forbids.
fn assert_xml_chars(text: &str, what: &str) {
    if let Some(c) = text.chars().find(|c| {
        matches!(*c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
    }) {
        panic!("{what} carries U+{:04X}, which XML 1.0 forbids", c as u32);
    }
}

/// Panics unless `markdown`, read by a CommonMark parser (with GitHub's extensions), has no raw
/// HTML and no link or image; returns its plain text.
pub fn markdown_text(markdown: &str, what: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, Options::all() - Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("{what} has raw HTML: {html:?}")
            }
            Event::Start(Tag::Link { dest_url, .. }) => panic!("{what} has a link to {dest_url}"),
            Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("{what} has an image from {dest_url}")
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Panics if `text` holds a character a terminal would act on (anything but line feeds).
pub fn assert_terminal_clean(text: &str, what: &str) {
    if let Some(c) = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    }) {
        panic!("{what} sends U+{:04X} raw to the terminal:\n{text}", c as u32);
    }
}

/// The records of `csv` (header included); panics unless every record has the header's width.
pub fn csv_records(csv: &[u8], what: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(csv);
    reader
        .records()
        .map(|record| {
            record
                .unwrap_or_else(|err| panic!("{what} is not valid CSV: {err}"))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// `text` as an XML reader gets it back from coopgraph: the characters XML 1.0 forbids replaced.
pub fn xml_kept(text: &str) -> String {
    use coopgraph::text::escape::{xml_forbidden, REPLACEMENT};
    text.chars()
        .map(|c| if xml_forbidden(c) { REPLACEMENT } else { c })
        .collect()
}

/// `text` as a Cypher engine gets it back from coopgraph's string literals: control characters
/// other than line breaks and tabs become spaces.
pub fn cypher_kept(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}
