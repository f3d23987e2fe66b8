//! The `.pptx` package: the template's parts (its own slides left out), the deck's slides and
//! notes, and the three parts that list them (presentation, its relationships, content types),
//! zipped with fixed timestamps in sorted order so the same deck gives the same bytes.

use super::template::{self, Template};
use super::{slide, Deck, DeckError};
use crate::text::escape::xml;
use std::collections::BTreeMap;
use std::io::Write;

const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT_SLIDE: &str = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
const CT_NOTES: &str =
    "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml";
const CT_NOTES_MASTER: &str =
    "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml";
const CT_THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";

/// Zips `parts`: `[Content_Types].xml` first, the rest in name order, every timestamp
/// 1980-01-01 (zip's earliest), pictures stored and XML deflated.
pub fn zip_parts(parts: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, DeckError> {
    let failed = |e: zip::result::ZipError| DeckError::Package(e.to_string());
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let types = parts.get_key_value("[Content_Types].xml");
    let rest = parts
        .iter()
        .filter(|(name, _)| *name != "[Content_Types].xml");
    for (name, bytes) in types.into_iter().chain(rest) {
        let method = if name.ends_with(".png") || name.ends_with(".jpeg") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        writer.start_file(name.as_str(), options).map_err(failed)?;
        writer
            .write_all(bytes)
            .map_err(|e| DeckError::Package(e.to_string()))?;
    }
    Ok(writer.finish().map_err(failed)?.into_inner())
}

/// The deck's parts on `template`, zipped.
pub fn write(deck: &Deck, template: &Template) -> Result<Vec<u8>, DeckError> {
    let mut parts = template.parts.clone();
    let notes_master = ensure_notes_master(&mut parts, template);
    let slides = slide::paginate(&deck.slides, template);
    let mut overrides = Vec::new();
    let mut slide_rels = Vec::new();
    for (i, s) in slides.iter().enumerate() {
        let n = i + 1;
        let built = slide::slide_xml(s, template);
        let slide_part = format!("ppt/slides/slide{n}.xml");
        let notes_part = format!("ppt/notesSlides/notesSlide{n}.xml");
        let rels = vec![
            relationship("rId1", "slideLayout", &relative(&built.layout)),
            relationship(
                "rId2",
                "notesSlide",
                &format!("../notesSlides/notesSlide{n}.xml"),
            ),
        ];
        parts.insert(slide_part.clone(), built.xml.into_bytes());
        parts.insert(
            template::rels_of(&slide_part),
            rels_part(&rels).into_bytes(),
        );
        parts.insert(notes_part.clone(), slide::notes_xml(s).into_bytes());
        let notes_rels = [
            relationship("rId1", "notesMaster", &relative(&notes_master.0)),
            relationship("rId2", "slide", &format!("../slides/slide{n}.xml")),
        ];
        parts.insert(
            template::rels_of(&notes_part),
            rels_part(&notes_rels).into_bytes(),
        );
        overrides.push((format!("/{slide_part}"), CT_SLIDE.to_string()));
        overrides.push((format!("/{notes_part}"), CT_NOTES.to_string()));
        slide_rels.push(format!("rIdCgSlide{n}"));
    }
    overrides.extend(notes_master.1);
    let presentation = text(&parts, &template.presentation)?;
    let added_master = (!notes_master.2.is_empty()).then_some(notes_master.2.as_str());
    parts.insert(
        template.presentation.clone(),
        rewrite_presentation(&presentation, &slide_rels, added_master)?.into_bytes(),
    );
    let rels_name = template::rels_of(&template.presentation);
    let old_rels = text(&parts, &rels_name)?;
    parts.insert(
        rels_name,
        presentation_rels(
            &old_rels,
            slides.len(),
            added_master.map(|_| &notes_master.0),
        )
        .into_bytes(),
    );
    let types = text(&parts, "[Content_Types].xml")?;
    parts.insert(
        "[Content_Types].xml".into(),
        content_types(&types, &overrides).into_bytes(),
    );
    document_properties(&mut parts, &deck.title, slides.len());
    zip_parts(&parts)
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> Result<String, DeckError> {
    parts
        .get(name)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .ok_or_else(|| DeckError::Package(format!("the template lost its part {name}")))
}

/// A target relative to `ppt/slides/` (and `ppt/notesSlides/`) for the part `part`.
fn relative(part: &str) -> String {
    match part.strip_prefix("ppt/") {
        Some(rest) => format!("../{rest}"),
        None => format!("/{part}"),
    }
}

fn relationship(id: &str, kind: &str, target: &str) -> String {
    format!(
        "<Relationship Id=\"{id}\" Type=\"{REL}/{kind}\" Target=\"{}\"/>",
        xml(target)
    )
}

fn rels_part(rels: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{}</Relationships>",
        rels.concat()
    )
}

/// The notes master's part name, the content types to add, and the presentation relationship
/// id to add — empty when the template had one. A template without one gets coopgraph's.
fn ensure_notes_master(
    parts: &mut BTreeMap<String, Vec<u8>>,
    template: &Template,
) -> (String, Vec<(String, String)>, String) {
    if let Some(part) = &template.notes_master {
        return (part.clone(), Vec::new(), String::new());
    }
    let part = "ppt/notesMasters/coopgraphNotesMaster.xml".to_string();
    let theme = "ppt/theme/coopgraphNotesTheme.xml".to_string();
    let (master, rels) = template::ADDED_NOTES_MASTER;
    parts.insert(part.clone(), master.as_bytes().to_vec());
    parts.insert(template::rels_of(&part), rels.as_bytes().to_vec());
    parts.insert(
        theme.clone(),
        template::ADDED_NOTES_THEME.as_bytes().to_vec(),
    );
    let types = vec![
        (format!("/{part}"), CT_NOTES_MASTER.to_string()),
        (format!("/{theme}"), CT_THEME.to_string()),
    ];
    (part, types, "rIdCgNotesMaster".into())
}

/// The deck's slide list and, when the template had none, its notes master list, written with
/// the template's namespace prefix (and declaring `r:` where the template did not).
fn deck_lists(
    presentation: &str,
    slides: &[String],
    added_notes_master: Option<&str>,
) -> (String, Option<String>) {
    let prefix = presentation
        .split_once("<")
        .and_then(|_| {
            let root = presentation.find(":presentation")?;
            let start = presentation[..root].rfind('<')? + 1;
            Some(presentation[start..root].to_string())
        })
        .map(|p| format!("{p}:"))
        .unwrap_or_default();
    let r_declared = presentation.contains(&format!("xmlns:r=\"{NS_R}\""));
    let r_decl = if r_declared {
        String::new()
    } else {
        format!(" xmlns:r=\"{NS_R}\"")
    };
    let slide_list = format!(
        "<{prefix}sldIdLst{r_decl}>{}</{prefix}sldIdLst>",
        slides
            .iter()
            .enumerate()
            .map(|(i, rid)| format!("<{prefix}sldId id=\"{}\" r:id=\"{rid}\"/>", 256 + i))
            .collect::<String>()
    );
    let notes_list = added_notes_master.map(|rid| {
        format!(
            "<{prefix}notesMasterIdLst{r_decl}><{prefix}notesMasterId r:id=\"{rid}\"/></{prefix}notesMasterIdLst>"
        )
    });
    (slide_list, notes_list)
}

/// `presentation.xml` listing the deck's slides instead of the template's: its slide list,
/// custom shows and sections (which name the template's slides) replaced, and a notes master
/// list added where the template had none.
fn rewrite_presentation(
    presentation: &str,
    slides: &[String],
    added_notes_master: Option<&str>,
) -> Result<String, DeckError> {
    use quick_xml::events::Event;
    let failed = |e: String| DeckError::Package(format!("rewriting the presentation part: {e}"));
    let (slide_list, notes_list) = deck_lists(presentation, slides, added_notes_master);
    let dropped = ["sldIdLst", "custShowLst", "sectionLst"];
    let mut reader = quick_xml::Reader::from_str(presentation);
    let mut writer = quick_xml::Writer::new(Vec::new());
    let mut skipping: Option<usize> = None;
    let mut depth = 0usize;
    let mut listed = false;
    let raw = |writer: &mut quick_xml::Writer<Vec<u8>>, text: &str| {
        writer.get_mut().extend_from_slice(text.as_bytes());
    };
    loop {
        let event = reader.read_event().map_err(|e| failed(e.to_string()))?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = e.local_name().as_ref().to_string();
                let opens = matches!(event, Event::Start(_));
                if opens {
                    depth += 1;
                }
                if skipping.is_some() {
                    continue;
                }
                if dropped.contains(&local.as_str()) {
                    if opens {
                        skipping = Some(depth);
                    }
                    continue;
                }
                if local == "sldSz" && !listed {
                    raw(&mut writer, &slide_list);
                    listed = true;
                }
                writer
                    .write_event(event.clone())
                    .map_err(|e| failed(e.to_string()))?;
            }
            Event::End(ref e) => {
                let local = e.local_name().as_ref().to_string();
                let closing = depth;
                depth = depth.saturating_sub(1);
                if let Some(level) = skipping {
                    if closing == level {
                        skipping = None;
                    }
                    continue;
                }
                writer
                    .write_event(event.clone())
                    .map_err(|e| failed(e.to_string()))?;
                if local == "sldMasterIdLst" {
                    if let Some(list) = &notes_list {
                        raw(&mut writer, list);
                    }
                }
            }
            other => {
                if skipping.is_none() {
                    writer
                        .write_event(other)
                        .map_err(|e| failed(e.to_string()))?;
                }
            }
        }
    }
    if !listed {
        return Err(failed("it has no slide size (p:sldSz)".into()));
    }
    String::from_utf8(writer.into_inner()).map_err(|e| failed(e.to_string()))
}

/// The presentation's relationships: the template's slide links dropped, the deck's added.
fn presentation_rels(old: &str, slides: usize, notes_master: Option<&String>) -> String {
    let mut rels = Vec::new();
    for e in template::elements(old) {
        if e.name != "Relationship" {
            continue;
        }
        let kind = e.attr("Type").unwrap_or_default();
        if kind.ends_with("/slide") || kind.ends_with("/comments") {
            continue;
        }
        let mode = e
            .attr("TargetMode")
            .map(|m| format!(" TargetMode=\"{}\"", xml(m)))
            .unwrap_or_default();
        rels.push(format!(
            "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"{mode}/>",
            xml(e.attr("Id").unwrap_or_default()),
            xml(kind),
            xml(e.attr("Target").unwrap_or_default())
        ));
    }
    for n in 1..=slides {
        rels.push(relationship(
            &format!("rIdCgSlide{n}"),
            "slide",
            &format!("slides/slide{n}.xml"),
        ));
    }
    if let Some(part) = notes_master {
        let target = part.strip_prefix("ppt/").unwrap_or(part);
        rels.push(relationship("rIdCgNotesMaster", "notesMaster", target));
    }
    rels_part(&rels)
}

/// `[Content_Types].xml` without the template's slides, with the deck's parts.
fn content_types(old: &str, added: &[(String, String)]) -> String {
    let mut defaults: BTreeMap<String, String> = BTreeMap::new();
    let mut overrides: BTreeMap<String, String> = BTreeMap::new();
    for e in template::elements(old) {
        match e.name.as_str() {
            "Default" => {
                if let (Some(ext), Some(ct)) = (e.attr("Extension"), e.attr("ContentType")) {
                    defaults.insert(ext.to_ascii_lowercase(), ct.to_string());
                }
            }
            "Override" => {
                if let (Some(part), Some(ct)) = (e.attr("PartName"), e.attr("ContentType")) {
                    let name = part.trim_start_matches('/');
                    let replaced = ["ppt/slides/", "ppt/notesSlides/", "ppt/comments/"]
                        .iter()
                        .any(|p| name.starts_with(p))
                        || name == "docProps/thumbnail.jpeg";
                    if !replaced {
                        overrides.insert(part.to_string(), ct.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    defaults
        .entry("rels".into())
        .or_insert_with(|| "application/vnd.openxmlformats-package.relationships+xml".into());
    defaults
        .entry("xml".into())
        .or_insert_with(|| "application/xml".into());
    for (part, ct) in added {
        overrides.insert(part.clone(), ct.clone());
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    for (ext, ct) in &defaults {
        out.push_str(&format!(
            "<Default Extension=\"{}\" ContentType=\"{}\"/>",
            xml(ext),
            xml(ct)
        ));
    }
    for (part, ct) in &overrides {
        out.push_str(&format!(
            "<Override PartName=\"{}\" ContentType=\"{}\"/>",
            xml(part),
            xml(ct)
        ));
    }
    out.push_str("</Types>");
    out
}

/// The deck's title in the document properties (no dates: the same deck, the same bytes); the
/// template's application properties, which list its own slides, replaced.
fn document_properties(parts: &mut BTreeMap<String, Vec<u8>>, title: &str, slides: usize) {
    if parts.contains_key("docProps/core.xml") {
        let core = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>coopgraph</dc:creator></cp:coreProperties>",
            crate::text::escape::slide_text(title)
        );
        parts.insert("docProps/core.xml".into(), core.into_bytes());
    }
    if parts.contains_key("docProps/app.xml") {
        let app = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>coopgraph</Application><Slides>{slides}</Slides></Properties>"
        );
        parts.insert("docProps/app.xml".into(), app.into_bytes());
    }
}
