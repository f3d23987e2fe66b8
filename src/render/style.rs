//! Visual encoding: one place that maps kinds, groups and areas to shapes and colours, and
//! themes to sizes and fonts.

use crate::graph::NodeKind;

/// Okabe–Ito, the colour-blind-safe palette for groups (countries) and node kinds.
pub const OKABE_ITO: [&str; 7] = [
    "#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
];

/// Paul Tol's "muted" qualitative palette (colour-blind safe, 9 colours) for areas.
pub const TOL_MUTED: [&str; 9] = [
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933",
    "#AA4499",
];

/// Colour of the `index`-th group, while the groups fit the palette ([`GroupColours`] decides
/// past it).
pub fn group_colour(index: usize) -> &'static str {
    OKABE_ITO[index % OKABE_ITO.len()]
}

/// The colour the groups without one of their own share: a grey none of the palette's colours
/// is close to.
pub const OTHER_GROUPS: &str = "#BBBBBB";

/// The colour of each group of a dataset, in its order. While the groups fit the palette each
/// has its own, as before; past it, the groups with most bodies in the view keep one each (in
/// the dataset's order), and the rest share [`OTHER_GROUPS`], which the legend names with their
/// count. Cycling seven colours over 140 countries gave twenty countries each colour: a
/// reader could tell none of them apart.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupColours {
    colours: Vec<&'static str>,
    /// How many groups share [`OTHER_GROUPS`].
    pub others: usize,
}

impl GroupColours {
    /// The colours of groups with these numbers of bodies in the view (in the dataset's order
    /// of groups; 0 for a group the view does not show).
    pub fn new(sizes: &[usize]) -> Self {
        if sizes.len() <= OKABE_ITO.len() {
            let colours = (0..sizes.len()).map(group_colour).collect();
            return GroupColours { colours, others: 0 };
        }
        let mut shown: Vec<usize> = (0..sizes.len()).filter(|&g| sizes[g] > 0).collect();
        // Seven groups in view get seven colours; past that, six colours and the grey keep the
        // legend at seven swatches.
        let own = if shown.len() <= OKABE_ITO.len() {
            shown.len()
        } else {
            OKABE_ITO.len() - 1
        };
        shown.sort_by_key(|&g| std::cmp::Reverse(sizes[g]));
        let mut keeps: Vec<usize> = shown[..own].to_vec();
        keeps.sort_unstable();
        let mut colours = vec![OTHER_GROUPS; sizes.len()];
        for (rank, &g) in keeps.iter().enumerate() {
            colours[g] = OKABE_ITO[rank];
        }
        GroupColours {
            colours,
            others: shown.len() - own,
        }
    }

    /// The colours of `dataset`'s groups for a view of the bodies `shown` (ids; others are
    /// ignored): the groups with most bodies in the view keep a colour.
    pub fn for_view<'a>(
        dataset: &crate::model::Dataset,
        shown: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let position: std::collections::HashMap<&str, usize> = dataset
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect();
        let group_of: std::collections::HashMap<&str, usize> = dataset
            .bodies
            .iter()
            .filter_map(|b| Some((b.id.as_str(), *position.get(b.group.as_str())?)))
            .collect();
        let mut sizes = vec![0; dataset.groups.len()];
        for id in shown {
            if let Some(&g) = group_of.get(id) {
                sizes[g] += 1;
            }
        }
        GroupColours::new(&sizes)
    }

    /// The colours of `dataset`'s groups for a view of all its bodies.
    pub fn of_dataset(dataset: &crate::model::Dataset) -> Self {
        Self::for_view(dataset, dataset.bodies.iter().map(|b| b.id.as_str()))
    }

    /// The colour of the `index`-th group.
    pub fn of(&self, index: usize) -> &'static str {
        self.colours.get(index).copied().unwrap_or(OTHER_GROUPS)
    }

    /// True when the `index`-th group has a colour of its own (not the shared grey).
    pub fn own(&self, index: usize) -> bool {
        self.others == 0 || self.of(index) != OTHER_GROUPS
    }
}

/// Colour of the `index`-th area.
pub fn area_colour(index: usize) -> &'static str {
    TOL_MUTED[index % TOL_MUTED.len()]
}

/// Colour of a node kind.
pub fn kind_colour(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Body => "#0072B2",
        NodeKind::Mechanism => "#E69F00",
        NodeKind::Forum => "#009E73",
    }
}

/// Graphviz shape of a node kind.
pub fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Body => "box",
        NodeKind::Mechanism => "ellipse",
        NodeKind::Forum => "hexagon",
    }
}

/// Fonts that cover Latin, Japanese and Devanagari names, as a fontconfig list: the first
/// installed one wins and fontconfig falls back per glyph.
pub const FONTS: &str = "Noto Sans CJK JP,Noto Sans,DejaVu Sans,sans-serif";

/// A theme for diagrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white, for documents.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// 16:9 at 1920×1080, large type, for slides.
    Slide,
}

/// The concrete settings of a theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Page background.
    pub background: &'static str,
    /// Text colour.
    pub text: &'static str,
    /// Edge colour.
    pub edge: &'static str,
    /// Cluster outline.
    pub cluster: &'static str,
    /// Cluster fill.
    pub cluster_fill: &'static str,
    /// Faded elements.
    pub faded: &'static str,
    /// Highlighted edges.
    pub highlight: &'static str,
    /// Node label size (points).
    pub node_font: f64,
    /// Title size.
    pub title_font: f64,
    /// Subtitle and legend size.
    pub small_font: f64,
    /// Page size in inches with `!` to scale to fill, and the DPI, when fixed.
    pub page: Option<(&'static str, u32)>,
}

impl Theme {
    /// The theme's settings.
    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: "#FFFFFF",
                text: "#222222",
                edge: "#8A8A8A",
                cluster: "#BBBBBB",
                cluster_fill: "#F7F7F7",
                faded: "#DDDDDD",
                highlight: "#111111",
                node_font: 11.0,
                title_font: 20.0,
                small_font: 10.0,
                page: None,
            },
            Theme::Dark => Palette {
                background: "#1E1E1E",
                text: "#EEEEEE",
                edge: "#9A9A9A",
                cluster: "#555555",
                cluster_fill: "#2A2A2A",
                faded: "#444444",
                highlight: "#FFFFFF",
                node_font: 11.0,
                title_font: 20.0,
                small_font: 10.0,
                page: None,
            },
            Theme::Slide => Palette {
                background: "#FFFFFF",
                text: "#111111",
                edge: "#7A7A7A",
                cluster: "#AAAAAA",
                cluster_fill: "#F5F5F5",
                faded: "#DDDDDD",
                highlight: "#111111",
                node_font: 16.0,
                title_font: 30.0,
                small_font: 14.0,
                page: Some(("19.2,10.8!", 100)),
            },
        }
    }

    /// The theme's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Slide => "slide",
        }
    }
}

/// A node's label as drawn: wrapped at 18 characters for bodies, 22 for the rest.
pub fn node_label(label: &str, kind: NodeKind) -> String {
    wrap(label, if kind == NodeKind::Body { 18 } else { 22 })
}

/// A node's font size: the theme's node size, up to half again for the largest nodes
/// (`size` is 0..1).
pub fn node_font(theme_size: f64, size: f64) -> f64 {
    theme_size * (0.9 + 0.5 * size)
}

/// Breaks `text` into lines of at most about `width` characters at spaces.
pub fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn past_the_palette_the_largest_groups_keep_a_colour_and_the_rest_share_grey() {
        let few = GroupColours::new(&[28, 25, 9]);
        assert_eq!(few.of(2), group_colour(2));
        assert_eq!(few.others, 0);
        assert!(few.own(1));
        // 140 groups; the six largest are 10, 20, ..., 60 (in dataset order: 7, 14, ... 42).
        let sizes: Vec<usize> = (0..140)
            .map(|g| {
                if g % 7 == 0 && g > 0 && g <= 42 {
                    g / 7 * 10
                } else {
                    1
                }
            })
            .collect();
        let many = GroupColours::new(&sizes);
        assert_eq!(many.others, 134);
        // A view showing three of the 140 groups colours all three.
        let mut three = vec![0; 140];
        (three[5], three[90], three[139]) = (4, 1, 2);
        let view = GroupColours::new(&three);
        assert_eq!(view.others, 0);
        assert_eq!(
            [view.of(5), view.of(90), view.of(139)],
            [OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2]]
        );
        let coloured: Vec<usize> = (0..140).filter(|&g| many.own(g)).collect();
        assert_eq!(coloured, vec![7, 14, 21, 28, 35, 42]);
        assert_eq!(many.of(7), OKABE_ITO[0]);
        assert_eq!(many.of(42), OKABE_ITO[5]);
        assert_eq!(many.of(0), OTHER_GROUPS);
        let distinct: std::collections::BTreeSet<&str> = (0..140).map(|g| many.of(g)).collect();
        assert_eq!(distinct.len(), 7, "six colours and the grey");
    }

    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Ministry of Land, Infrastructure, Transport", 18),
            "Ministry of Land,\nInfrastructure,\nTransport"
        );
        assert_eq!(wrap("MLIT", 18), "MLIT");
    }
}
