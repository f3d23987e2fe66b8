//! Bounds on decoding a document, checked before the decoders run: html2text and pdf-extract
//! have no limits of their own (pdf-extract inflates every stream whole, and html2text walks
//! the element tree recursively).

use std::io::Write;

/// The deepest element nesting of an HTML document `draft` reads.
pub const MAX_DEPTH: usize = 1000;

/// Stack for the decoders' threads: their recursion within [`MAX_DEPTH`] fits with room to
/// spare (the memory is reserved, and used only as deep as the document goes).
const STACK_BYTES: usize = 256 << 20;

/// Runs `work` on a thread of its own with a large stack; `None` if it panicked.
pub fn on_large_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    std::thread::Builder::new()
        .name("document reader".into())
        .stack_size(STACK_BYTES)
        .spawn(work)
        .ok()?
        .join()
        .ok()
}

/// Elements whose end tag is optional or absent: they never nest in the tree the HTML parser
/// builds (a `<p>` closes the open `<p>`), so they are not counted.
const FLAT: [&str; 30] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option",
    "optgroup", "colgroup", "rb", "rt", "rp",
];

/// Elements whose content is text, not markup.
const RAW: [&str; 5] = ["script", "style", "textarea", "title", "xmp"];

/// How deep the elements of `html` nest, as its tags say (an upper bound of what the parser
/// builds: unclosed elements count as open).
pub fn html_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        at += offset + 1;
        let rest = &html[at..];
        if rest.starts_with("!--") {
            at += rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |end| end + 1);
        let self_closing = rest[..end].ends_with("/>");
        at += end;
        if FLAT.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower = html[at..].to_ascii_lowercase();
            at += lower.find(&close).unwrap_or(lower.len());
        }
    }
    deepest
}

/// `html` without the internal subset of its DOCTYPE (`<!DOCTYPE html [ <!ENTITY …> ]>`): the
/// HTML parser ends the DOCTYPE at its first `>`, and the rest (`]>`) would become text.
pub fn without_internal_dtd(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let Some(start) = lower.find("<!doctype") else {
        return html.to_string();
    };
    let head_end = lower[start..].find('>').map(|e| start + e);
    let bracket = lower[start..].find('[').map(|b| start + b);
    match (bracket, head_end) {
        (Some(bracket), Some(head_end)) if bracket < head_end => {
            let close = lower[bracket..].find("]>").map(|c| bracket + c + 2);
            match close {
                Some(close) => format!("{}{}", &html[..start], &html[close..]),
                None => html.to_string(),
            }
        }
        _ => html.to_string(),
    }
}

/// A writer that only counts, failing once past its limit.
struct Budget {
    used: u64,
    limit: u64,
    kept: Option<Vec<u8>>,
}

impl Write for Budget {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.used += bytes.len() as u64;
        if self.used > self.limit {
            return Err(std::io::Error::other("over the limit"));
        }
        if let Some(kept) = self.kept.as_mut() {
            kept.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Checks that every stream of the PDF `bytes`, decoded through the filters its dictionary
/// names as the PDF reader would (Flate, LZW, ASCII85, chained), inflates to at most `limit`
/// bytes in all — counted, never held whole; the error is the size reached, in words.
pub fn pdf_streams_within(bytes: &[u8], limit: u64) -> Result<(), String> {
    let over = || format!("over {}", crate::fsio::input::human_size(limit));
    let mut used = 0u64;
    for (dictionary, body) in streams(bytes) {
        let mut input = body.to_vec();
        let chain = filters(dictionary);
        for (position, filter) in chain.iter().enumerate() {
            // Only a stage feeding another is held; the last is counted, not kept.
            let mut budget = Budget {
                used: 0,
                limit: limit.saturating_sub(used),
                kept: (position + 1 < chain.len()).then(Vec::new),
            };
            let failed = filter.run(&input, &mut budget).is_err();
            used += budget.used;
            if used > limit {
                return Err(over());
            }
            // A damaged stream decodes as far as it goes, as the reader's does.
            input = budget.kept.take().unwrap_or_default();
            if failed && input.is_empty() {
                break;
            }
        }
    }
    Ok(())
}

/// Each stream of the PDF: the text of the dictionary before it, and its body.
fn streams(bytes: &[u8]) -> Vec<(&[u8], &[u8])> {
    let find = |from: usize, what: &[u8]| {
        bytes[from.min(bytes.len())..]
            .windows(what.len())
            .position(|w| w == what)
            .map(|p| from + p)
    };
    let mut out = Vec::new();
    let (mut at, mut object) = (0, 0);
    while let Some(keyword) = find(at, b"stream") {
        let mut start = keyword + b"stream".len();
        // `endstream` contains `stream`: skip it.
        if keyword >= 3 && &bytes[keyword - 3..keyword] == b"end" {
            at = start;
            continue;
        }
        // The dictionary lies between the object's start and the keyword.
        while let Some(next) = find(object, b" obj").filter(|&o| o < keyword) {
            object = next + 4;
        }
        let dictionary = &bytes[object.min(keyword)..keyword];
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(start, b"endstream").unwrap_or(bytes.len());
        out.push((dictionary, &bytes[start..end]));
        at = end;
        object = end;
    }
    out
}

/// The filters a stream dictionary names under `/Filter`, in decoding order; Flate when it
/// names them indirectly (`/Filter 5 0 R`), the usual case.
fn filters(dictionary: &[u8]) -> Vec<Decoder> {
    let text = String::from_utf8_lossy(dictionary);
    let Some(at) = text.rfind("/Filter") else {
        return Vec::new();
    };
    let rest = text[at + "/Filter".len()..].trim_start();
    let names: Vec<&str> = match rest.strip_prefix('[') {
        Some(list) => list
            .split(']')
            .next()
            .unwrap_or("")
            .split('/')
            .skip(1)
            .collect(),
        None => match rest.strip_prefix('/') {
            Some(name) => vec![name],
            None => return vec![Decoder::Flate],
        },
    };
    names
        .iter()
        .map(|name| {
            name.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("")
        })
        .filter_map(|name| match name {
            "FlateDecode" | "Fl" => Some(Decoder::Flate),
            "LZWDecode" | "LZW" => Some(Decoder::Lzw),
            "ASCII85Decode" | "A85" => Some(Decoder::Ascii85),
            _ => None,
        })
        .collect()
}

/// A PDF stream filter pdf-extract's reader (lopdf) decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decoder {
    Flate,
    Lzw,
    Ascii85,
}

impl Decoder {
    fn run(self, body: &[u8], out: &mut Budget) -> std::io::Result<()> {
        match self {
            Decoder::Flate => {
                let zlib = std::io::copy(&mut flate2::read::ZlibDecoder::new(body), out);
                match (zlib, body.get(2..)) {
                    // The reader's fallback for damaged zlib: raw deflate after the header.
                    (Err(_), Some(rest)) if out.used == 0 => {
                        std::io::copy(&mut flate2::read::DeflateDecoder::new(rest), out).map(drop)
                    }
                    (result, _) => result.map(drop),
                }
            }
            Decoder::Lzw => {
                let mut decoder =
                    weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
                decoder.into_stream(out).decode_all(body).status.map(drop)
            }
            Decoder::Ascii85 => out.write_all(&ascii85(body)),
        }
    }
}

/// ASCII85 text decoded (five characters to four bytes, `z` for four zero bytes, up to `~>`):
/// never larger than its input but for `z`, which is bounded by the input too.
fn ascii85(text: &[u8]) -> Vec<u8> {
    // A group of up to five base-85 digits (a short last group is padded with the highest
    // digit) to as many bytes as it had digits, less one.
    fn word(group: &[u32], out: &mut Vec<u8>) {
        if group.len() < 2 {
            return;
        }
        let value = (0..5).fold(0u32, |v, i| {
            v.wrapping_mul(85)
                .wrapping_add(group.get(i).copied().unwrap_or(84))
        });
        out.extend_from_slice(&value.to_be_bytes()[..group.len() - 1]);
    }
    let mut out = Vec::with_capacity(text.len() / 5 * 4);
    let mut group = Vec::with_capacity(5);
    for &c in text {
        match c {
            b'~' => break,
            b'z' if group.is_empty() => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group.push(u32::from(c - b'!'));
                if group.len() == 5 {
                    word(&group, &mut out);
                    group.clear();
                }
            }
            _ => {}
        }
    }
    word(&group, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_depth_counts_nesting_not_flat_elements() {
        assert_eq!(
            html_depth("<html><body><p>a<p>b<br><div><b>x</b></div></body></html>"),
            4
        );
        assert_eq!(html_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(html_depth("<script>if (a<b) { '<div>' }</script>"), 1);
        assert_eq!(html_depth("<!-- <div><div> --><p>x"), 0);
    }

    #[test]
    fn drops_the_internal_dtd_subset() {
        let html = "<!DOCTYPE html [ <!ENTITY x \"y\"> ]><html><p>Text</p></html>";
        assert_eq!(without_internal_dtd(html), "<html><p>Text</p></html>");
        assert_eq!(
            without_internal_dtd("<!DOCTYPE html><p>x"),
            "<!DOCTYPE html><p>x"
        );
    }

    #[test]
    fn a_stream_that_inflates_past_the_limit_is_caught_without_inflating_it() {
        let mut zipped = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        zipped.write_all(&vec![0u8; 4 << 20]).expect("zip");
        let body = zipped.finish().expect("zip");
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >> stream\n".to_vec();
        pdf.extend_from_slice(&body);
        pdf.extend_from_slice(b"\nendstream endobj\n");
        assert!(pdf_streams_within(&pdf, 8 << 20).is_ok());
        let err = pdf_streams_within(&pdf, 1 << 20).expect_err("bomb");
        assert!(err.contains("over 1 MB"), "{err}");
        // The same stream behind ASCII85 is caught through the chain.
        let mut wrapped = b"%PDF-1.4\n1 0 obj << /Filter [/A85 /FlateDecode] >> stream\n".to_vec();
        wrapped.extend_from_slice(&ascii85_encode(&body));
        wrapped.extend_from_slice(b"~>\nendstream endobj\n");
        assert!(pdf_streams_within(&wrapped, 1 << 20).is_err());
        assert!(pdf_streams_within(&wrapped, 8 << 20).is_ok());
    }

    fn ascii85_encode(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in bytes.chunks(4) {
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            let mut value = u32::from_be_bytes(word);
            let mut digits = [0u8; 5];
            for digit in digits.iter_mut().rev() {
                *digit = (value % 85) as u8 + b'!';
                value /= 85;
            }
            out.extend_from_slice(&digits[..chunk.len() + 1]);
        }
        out
    }

    #[test]
    fn ascii85_decodes_as_written() {
        assert_eq!(ascii85(&ascii85_encode(b"Hello, PDF")), b"Hello, PDF");
        assert_eq!(ascii85(b"z~>"), [0, 0, 0, 0]);
    }
}
