//! The template a deck is written on: an organisation's `.pptx` (its slide master, layouts, theme
//! fonts and colours) or coopgraph's own (`src/report/deck/default/`). Both are read by the same code,
//! bounded (parts, sizes) and checked for what the deck needs: a layout with a title and a
//! content placeholder.

use super::{DeckError, Rect};
use std::collections::BTreeMap;
use std::io::Read;

/// Most parts a template may hold (PowerPoint's own templates hold under 200).
const MOST_PARTS: usize = 5_000;
/// Most bytes the parts of a template may unpack to, all together (a zip bomb stops here).
const MOST_UNPACKED: u64 = 256 << 20;

/// A usable template: its parts (slides left out), slide size and the layouts the deck uses.
#[derive(Debug, Clone)]
pub struct Template {
    /// The file as given ("the default template" for coopgraph's own).
    pub file: String,
    /// Every part but the template's own slides and notes, by name ("ppt/theme/theme1.xml").
    pub parts: BTreeMap<String, Vec<u8>>,
    /// The presentation part's name ("ppt/presentation.xml").
    pub presentation: String,
    /// Slide width and height (EMU).
    pub size: (i64, i64),
    /// The layout of the title slide.
    pub cover: Layout,
    /// The layout of slides with text (title and content).
    pub content: Layout,
    /// The layout of slides with a figure only (title only; else the content layout).
    pub figure: Layout,
    /// The notes master's part name, when the template has one.
    pub notes_master: Option<String>,
}

/// A slide layout and where its placeholders are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Part name ("ppt/slideLayouts/slideLayout2.xml").
    pub part: String,
    /// The title placeholder's type ("title" or "ctrTitle") and box.
    pub title: (String, Rect),
    /// The body placeholder's `type` (None: a content placeholder), `idx` and box, if any.
    pub body: Option<(Option<String>, String, Rect)>,
}

/// A placeholder as a layout or master declares it.
#[derive(Debug, Clone)]
struct Placeholder {
    kind: Option<String>,
    idx: Option<String>,
    rect: Option<Rect>,
}

/// The bytes of coopgraph's own template (built from `src/report/deck/default/`).
pub fn default_template() -> Template {
    let bytes = default_bytes();
    // The default template is ours and fixed: a failure here is a bug, caught by the tests.
    read(&bytes, "the default template").unwrap_or_else(|e| panic!("{e}"))
}

/// The default template as a `.pptx` file's bytes.
pub fn default_bytes() -> Vec<u8> {
    let parts: Vec<(&str, &str)> = vec![
        ("[Content_Types].xml", DEFAULT_TYPES),
        ("_rels/.rels", DEFAULT_ROOT_RELS),
        ("docProps/core.xml", CORE_EMPTY),
        ("ppt/presentation.xml", DEFAULT_PRESENTATION),
        ("ppt/_rels/presentation.xml.rels", DEFAULT_PRESENTATION_RELS),
        ("ppt/presProps.xml", PRES_PROPS),
        ("ppt/viewProps.xml", VIEW_PROPS),
        ("ppt/tableStyles.xml", TABLE_STYLES),
        ("ppt/theme/theme1.xml", include_str!("default/theme.xml")),
        ("ppt/theme/theme2.xml", include_str!("default/theme.xml")),
        (
            "ppt/slideMasters/slideMaster1.xml",
            include_str!("default/slideMaster1.xml"),
        ),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels", MASTER_RELS),
        (
            "ppt/slideLayouts/slideLayout1.xml",
            include_str!("default/slideLayout1.xml"),
        ),
        (
            "ppt/slideLayouts/slideLayout2.xml",
            include_str!("default/slideLayout2.xml"),
        ),
        (
            "ppt/slideLayouts/slideLayout3.xml",
            include_str!("default/slideLayout3.xml"),
        ),
        ("ppt/slideLayouts/_rels/slideLayout1.xml.rels", LAYOUT_RELS),
        ("ppt/slideLayouts/_rels/slideLayout2.xml.rels", LAYOUT_RELS),
        ("ppt/slideLayouts/_rels/slideLayout3.xml.rels", LAYOUT_RELS),
        (
            "ppt/notesMasters/notesMaster1.xml",
            include_str!("default/notesMaster1.xml"),
        ),
        (
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            NOTES_MASTER_RELS,
        ),
    ];
    let owned: BTreeMap<String, Vec<u8>> = parts
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    super::package::zip_parts(&owned).unwrap_or_else(|e| panic!("{e}"))
}

/// Reads and checks a template; `file` names it in messages.
pub fn read(bytes: &[u8], file: &str) -> Result<Template, DeckError> {
    let bad = |problem: String| DeckError::Template {
        file: file.to_string(),
        problem,
    };
    let parts = unpack(bytes).map_err(&bad)?;
    let text = |name: &str| -> Result<&str, DeckError> {
        let bytes = parts.get(name).ok_or_else(|| {
            bad(format!(
                "it has no part {name}, which its relationships name"
            ))
        })?;
        std::str::from_utf8(bytes).map_err(|_| bad(format!("its part {name} is not UTF-8 XML")))
    };
    if !parts.contains_key("[Content_Types].xml") {
        return Err(bad(
            "it is a zip archive but not an Office document (no [Content_Types].xml); expected a PowerPoint .pptx or .potx".into(),
        ));
    }
    let root = relationships(text("_rels/.rels")?, "");
    let presentation = root
        .iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| target.clone())
        .ok_or_else(|| {
            bad("it names no main document; expected a PowerPoint presentation".into())
        })?;
    let presentation_xml = text(&presentation)?;
    if !presentation_xml.contains("presentationml") {
        return Err(bad(
            "its main document is not a presentation (a Word or Excel file?); expected a PowerPoint .pptx".into(),
        ));
    }
    let size = slide_size(presentation_xml)
        .ok_or_else(|| bad("its presentation states no usable slide size (p:sldSz)".into()))?;
    let presentation_rels = relationships(text(&rels_of(&presentation))?, &presentation);
    let master = presentation_rels
        .iter()
        .find(|(kind, _)| kind.ends_with("/slideMaster"))
        .map(|(_, target)| target.clone())
        .ok_or_else(|| bad("it has no slide master".into()))?;
    let notes_master = presentation_rels
        .iter()
        .find(|(kind, _)| kind.ends_with("/notesMaster"))
        .map(|(_, target)| target.clone())
        .filter(|part| parts.contains_key(part));
    let master_places = placeholders(text(&master)?);
    let mut layouts = Vec::new();
    for (kind, target) in relationships(text(&rels_of(&master))?, &master) {
        if !kind.ends_with("/slideLayout") {
            continue;
        }
        let xml = text(&target)?;
        layouts.push((layout_type(xml), layout_of(&target, xml, &master_places)));
    }
    let pick = |wanted: &str| {
        layouts
            .iter()
            .find(|(kind, layout)| kind.as_deref() == Some(wanted) && layout.is_some())
            .and_then(|(_, layout)| layout.clone())
    };
    let with_body = |layout: &Option<Layout>| layout.as_ref().is_some_and(|l| l.body.is_some());
    let content = pick("obj")
        .or_else(|| {
            layouts
                .iter()
                .find(|(_, layout)| with_body(layout))
                .and_then(|(_, layout)| layout.clone())
        })
        .filter(|layout| layout.body.is_some())
        .ok_or_else(|| {
            bad(format!(
                "none of its {} slide layouts has both a title and a content placeholder; add a \"Title and Content\" layout to its slide master",
                layouts.len()
            ))
        })?;
    let cover = pick("title").unwrap_or_else(|| content.clone());
    let figure = pick("titleOnly").unwrap_or_else(|| content.clone());
    let mut kept = parts;
    kept.retain(|name, _| !is_slide_part(name));
    Ok(Template {
        file: file.to_string(),
        parts: kept,
        presentation,
        size,
        cover,
        content,
        figure,
        notes_master,
    })
}

/// True for the parts of a template's own slides and notes, which the deck replaces.
fn is_slide_part(name: &str) -> bool {
    ["ppt/slides/", "ppt/notesSlides/", "ppt/comments/"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
        || name == "docProps/thumbnail.jpeg"
}

/// The parts of a zip archive, bounded; an error says what the file is instead.
fn unpack(bytes: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, String> {
    // An encrypted Office file is an OLE compound file (as is a legacy .ppt), not a zip.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("it is password-protected (encrypted) or a legacy .ppt file; save it without a password as a .pptx (PowerPoint: File > Info > Protect Presentation)".into());
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it is not a PowerPoint .pptx file (not a zip archive: {e})"))?;
    if archive.len() > MOST_PARTS {
        return Err(format!(
            "it holds {} parts, more than the {MOST_PARTS} a template may have",
            archive.len()
        ));
    }
    let mut parts = BTreeMap::new();
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| {
            format!(
                "its zip archive is damaged or encrypted ({e}); save it again without a password"
            )
        })?;
        if entry.encrypted() {
            return Err("it is password-protected (encrypted); save it without a password".into());
        }
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(|e| format!("its zip archive names a part badly ({e})"))?
            .trim_start_matches('/')
            .to_string();
        let mut data = Vec::new();
        let room = MOST_UNPACKED.saturating_sub(unpacked);
        (&mut entry)
            .take(room + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("its part {name} cannot be unpacked ({e})"))?;
        unpacked += data.len() as u64;
        if unpacked > MOST_UNPACKED {
            return Err(format!(
                "it unpacks to more than {} MB; a template is a few megabytes",
                MOST_UNPACKED >> 20
            ));
        }
        parts.insert(name, data);
    }
    Ok(parts)
}

/// The relationships part of `part` ("ppt/_rels/presentation.xml.rels").
pub fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// `target` of a relationship of `part`, as a part name.
fn resolve(part: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut path: Vec<&str> = match part.rsplit_once('/') {
        Some((folder, _)) => folder.split('/').collect(),
        None => Vec::new(),
    };
    for piece in target.split('/') {
        match piece {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            piece => path.push(piece),
        }
    }
    path.join("/")
}

/// The (type, target part) of each internal relationship in a `.rels` part of `part`.
pub fn relationships(xml: &str, part: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for element in elements(xml) {
        if element.name != "Relationship" || element.attr("TargetMode") == Some("External") {
            continue;
        }
        if let (Some(kind), Some(target)) = (element.attr("Type"), element.attr("Target")) {
            found.push((kind.to_string(), resolve(part, target)));
        }
    }
    found
}

/// A start or empty element: its local name and attributes (raw values, entities decoded).
#[derive(Debug, Clone)]
pub struct Element {
    /// Local name (without prefix).
    pub name: String,
    /// Attributes by qualified name.
    pub attrs: Vec<(String, String)>,
    /// Depth in the document (root is 0).
    pub depth: usize,
}

impl Element {
    /// The value of attribute `name` (qualified as written).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The start and empty elements of `xml`, in document order (a malformed part yields what came
/// before the fault: the checks that follow then find what is missing).
pub fn elements(xml: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut found = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                found.push(element_of(&e, depth));
                depth += 1;
            }
            Ok(Event::Empty(e)) => found.push(element_of(&e, depth)),
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    found
}

fn element_of(e: &quick_xml::events::BytesStart<'_>, depth: usize) -> Element {
    let name = e.local_name().as_ref().to_string();
    let attrs = e
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| (a.key.as_ref().to_string(), decode_entities(&a.value)))
        .collect();
    Element { name, attrs, depth }
}

fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn slide_size(presentation: &str) -> Option<(i64, i64)> {
    let size = elements(presentation)
        .into_iter()
        .find(|e| e.name == "sldSz")?;
    let cx: i64 = size.attr("cx")?.parse().ok()?;
    let cy: i64 = size.attr("cy")?.parse().ok()?;
    (cx > 0 && cy > 0 && cx <= 51_206_400 && cy <= 51_206_400).then_some((cx, cy))
}

fn layout_type(xml: &str) -> Option<String> {
    elements(xml)
        .into_iter()
        .find(|e| e.depth == 0)
        .and_then(|root| root.attr("type").map(str::to_string))
}

/// The placeholders of a layout or master, with their boxes where stated.
fn placeholders(xml: &str) -> Vec<Placeholder> {
    let all = elements(xml);
    let mut found: Vec<Placeholder> = Vec::new();
    let mut shape_depth = None;
    let mut current: Option<Placeholder> = None;
    let mut offset: Option<(i64, i64)> = None;
    for e in &all {
        if let Some(depth) = shape_depth {
            if e.depth <= depth {
                found.extend(current.take());
                shape_depth = None;
            }
        }
        match e.name.as_str() {
            "sp" => {
                shape_depth = Some(e.depth);
                current = None;
            }
            "ph" if shape_depth.is_some() => {
                current = Some(Placeholder {
                    kind: e.attr("type").map(str::to_string),
                    idx: e.attr("idx").map(str::to_string),
                    rect: None,
                });
            }
            "off" if current.is_some() => {
                offset = e
                    .attr("x")
                    .and_then(|x| x.parse().ok())
                    .zip(e.attr("y").and_then(|y| y.parse().ok()));
            }
            "ext" if current.is_some() => {
                let size: Option<(i64, i64)> = e
                    .attr("cx")
                    .and_then(|x| x.parse().ok())
                    .zip(e.attr("cy").and_then(|y| y.parse().ok()));
                if let (Some((x, y)), Some((w, h)), Some(ph)) = (offset, size, current.as_mut()) {
                    if ph.rect.is_none() && w > 0 && h > 0 {
                        ph.rect = Some(Rect { x, y, w, h });
                    }
                }
            }
            _ => {}
        }
    }
    found.extend(current);
    found
}

fn is_title(kind: &Option<String>) -> bool {
    matches!(kind.as_deref(), Some("title" | "ctrTitle"))
}

fn is_body(ph: &Placeholder) -> bool {
    match ph.kind.as_deref() {
        None | Some("obj" | "body" | "subTitle") => ph.idx.is_some() || ph.kind.is_some(),
        _ => false,
    }
}

/// The layout at `part` with its title and body boxes (a box the layout does not state is the
/// master's); `None` without a title placeholder.
fn layout_of(part: &str, xml: &str, master: &[Placeholder]) -> Option<Layout> {
    let places = placeholders(xml);
    let master_title = master
        .iter()
        .find(|p| is_title(&p.kind))
        .and_then(|p| p.rect);
    let master_body = master
        .iter()
        .find(|p| p.kind.as_deref() == Some("body"))
        .and_then(|p| p.rect);
    let title = places.iter().find(|p| is_title(&p.kind))?;
    let title_rect = title.rect.or(master_title)?;
    let body = places.iter().find(|p| is_body(p)).and_then(|p| {
        let rect = p.rect.or(master_body)?;
        let idx = p.idx.clone().unwrap_or_else(|| "1".into());
        Some((p.kind.clone(), idx, rect))
    });
    Some(Layout {
        part: part.to_string(),
        title: (
            title.kind.clone().unwrap_or_else(|| "title".into()),
            title_rect,
        ),
        body,
    })
}

const DEFAULT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/><Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/><Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/><Override PartName="/ppt/slideLayouts/slideLayout2.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/><Override PartName="/ppt/slideLayouts/slideLayout3.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/><Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"/><Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/ppt/theme/theme2.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/ppt/presProps.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presProps+xml"/><Override PartName="/ppt/viewProps.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"/><Override PartName="/ppt/tableStyles.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const DEFAULT_ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const CORE_EMPTY: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>coopgraph</dc:title></cp:coreProperties>"#;

const DEFAULT_PRESENTATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:lvl1pPr marL="0" algn="l" defTabSz="914400"><a:defRPr sz="1800" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr></p:defaultTextStyle></p:presentation>"#;

const DEFAULT_PRESENTATION_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" Target="slideMasters/slideMaster1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster" Target="notesMasters/notesMaster1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps" Target="presProps.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps" Target="viewProps.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles" Target="tableStyles.xml"/></Relationships>"#;

const MASTER_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout3.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="../theme/theme1.xml"/></Relationships>"#;

const LAYOUT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" Target="../slideMasters/slideMaster1.xml"/></Relationships>"#;

const NOTES_MASTER_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="../theme/theme2.xml"/></Relationships>"#;

/// The notes master the deck adds to a template that has none, with its relationships.
pub const ADDED_NOTES_MASTER: (&str, &str) = (
    include_str!("default/notesMaster1.xml"),
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="../theme/coopgraphNotesTheme.xml"/></Relationships>"#,
);

/// The theme of the added notes master.
pub const ADDED_NOTES_THEME: &str = include_str!("default/theme.xml");

const PRES_PROPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentationPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"#;

const VIEW_PROPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#;

const TABLE_STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_template_has_the_three_layouts() {
        let template = default_template();
        assert_eq!(template.size, (12_192_000, 6_858_000));
        assert!(template.cover.part.ends_with("slideLayout1.xml"));
        assert_eq!(template.cover.title.0, "ctrTitle");
        assert!(template.content.part.ends_with("slideLayout2.xml"));
        assert!(template.content.body.is_some());
        assert!(template.figure.part.ends_with("slideLayout3.xml"));
        assert!(template.notes_master.is_some());
    }

    #[test]
    fn what_is_not_a_template_is_named() {
        let not_zip = read(b"hello", "t.pptx").expect_err("not a zip");
        assert!(
            not_zip.to_string().contains("not a zip archive"),
            "{not_zip}"
        );
        let ole = read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], "t.pptx").expect_err("encrypted");
        assert!(ole.to_string().contains("password"), "{ole}");
        let mut parts = BTreeMap::new();
        parts.insert("a.txt".to_string(), b"x".to_vec());
        let zip = super::super::package::zip_parts(&parts).expect("zip");
        let other = read(&zip, "t.pptx").expect_err("not office");
        assert!(other.to_string().contains("Content_Types"), "{other}");
    }

    #[test]
    fn a_template_without_a_content_layout_is_refused() {
        let bytes = default_bytes();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut parts = BTreeMap::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read");
            let name = entry.name().expect("name").to_string();
            // Every layout loses its body placeholder.
            let data = if name.starts_with("ppt/slideLayouts/slideLayout") {
                String::from_utf8(data)
                    .expect("utf8")
                    .replace("<p:ph idx=\"1\"/>", "<p:ph type=\"dt\" idx=\"10\"/>")
                    .replace(
                        "<p:ph type=\"subTitle\" idx=\"1\"/>",
                        "<p:ph type=\"dt\" idx=\"10\"/>",
                    )
                    .into_bytes()
            } else {
                data
            };
            parts.insert(name, data);
        }
        let zip = super::super::package::zip_parts(&parts).expect("zip");
        let error = read(&zip, "t.pptx").expect_err("no layout");
        assert!(error.to_string().contains("content placeholder"), "{error}");
    }

    #[test]
    fn relationship_targets_resolve_against_their_part() {
        assert_eq!(
            resolve("ppt/slideMasters/slideMaster1.xml", "../slideLayouts/a.xml"),
            "ppt/slideLayouts/a.xml"
        );
        assert_eq!(resolve("", "ppt/presentation.xml"), "ppt/presentation.xml");
        assert_eq!(
            rels_of("ppt/presentation.xml"),
            "ppt/_rels/presentation.xml.rels"
        );
    }
}
