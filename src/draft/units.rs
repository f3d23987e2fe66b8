//! Stage 1 of `draft`: from the document's outline to the units that are drafted (bullets,
//! numbered entries, paragraphs) and the headings that become areas. One pass over the items
//! in document order, so a long text costs time in proportion to its length.

use crate::model::document::{Item, ItemKind};

/// One drafted unit of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte range of the unit in the normalised text.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The item's ref ("3.2", "para 12").
    pub reference: String,
    /// True for bullets and numbered entries (short items: a sentence naming a channel is
    /// one); false for paragraphs.
    pub list: bool,
    /// The index (into the items) of the heading the unit sits under, if any.
    pub area: Option<usize>,
}

/// The units of an outline, in document order. Headings with items under them are areas, not
/// units; so are bare `section N` headings.
pub fn units(items: &[Item]) -> Vec<Unit> {
    let order = document_order(items);
    let children = has_children(items, &order);
    let sections = enclosing_sections(items, &order);
    let mut out = Vec::new();
    for &index in &order {
        let item = &items[index];
        let list = match item.kind {
            ItemKind::Section | ItemKind::Subheading if children[index] => continue,
            ItemKind::Section if item.reference.starts_with("section ") => continue,
            ItemKind::Section | ItemKind::Paragraph => false,
            ItemKind::Subheading | ItemKind::Entry => true,
        };
        out.push(Unit {
            start: item.start,
            end: item.end,
            reference: item.reference.clone(),
            list,
            area: sections[index].filter(|&s| s != index),
        });
    }
    out.sort_by_key(|u| (u.start, std::cmp::Reverse(u.end)));
    out
}

/// Item indices by start, the wider item first at equal starts (a parent before its children).
fn document_order(items: &[Item]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].start, std::cmp::Reverse(items[i].end), i));
    order
}

/// Whether each item holds another item. In document order a nested outline puts an item's
/// first child right after it; an identical span counts as holding (either way round).
fn has_children(items: &[Item], order: &[usize]) -> Vec<bool> {
    let mut out = vec![false; items.len()];
    for (position, &index) in order.iter().enumerate() {
        let item = &items[index];
        let inside = |other: usize| {
            other != index && items[other].start >= item.start && items[other].end <= item.end
        };
        let next = order.get(position + 1).copied().is_some_and(inside);
        let same_before = position > 0 && {
            let other = &items[order[position - 1]];
            other.start == item.start && other.end == item.end
        };
        out[index] = next || same_before;
    }
    out
}

/// The innermost section holding each item (the item itself for a section), by a stack of the
/// open sections in document order.
fn enclosing_sections(items: &[Item], order: &[usize]) -> Vec<Option<usize>> {
    let mut out = vec![None; items.len()];
    let mut open: Vec<usize> = Vec::new();
    for &index in order {
        let item = &items[index];
        while open
            .last()
            .is_some_and(|&s| items[s].end < item.end || items[s].end <= item.start)
        {
            open.pop();
        }
        if item.kind == ItemKind::Section {
            open.push(index);
        }
        out[index] = open.last().copied();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::SourceText;

    #[test]
    fn headings_with_items_are_areas_and_entries_are_units() {
        let text = "Plan of Action\n\n1. Security\n\n   • Annual dialogue between the navies.\n\n   • Staff talks every year.\n\n2. Economy\n\n   A paragraph about trade talks.\n";
        let source = SourceText::new(text);
        let found = units(source.items());
        let refs: Vec<(&str, bool)> = found
            .iter()
            .map(|u| (u.reference.as_str(), u.list))
            .collect();
        assert!(refs.iter().any(|(_, list)| *list), "{refs:?}");
        for unit in &found {
            assert!(unit.start < unit.end);
            if unit.list {
                assert!(
                    unit.area.is_some(),
                    "an entry sits under its heading: {unit:?}"
                );
            }
        }
        // No unit holds another: a heading with entries under it is an area only.
        for a in &found {
            for b in &found {
                assert!(
                    a == b || !(a.start <= b.start && b.end <= a.end),
                    "{a:?} holds {b:?}"
                );
            }
        }
    }
}
