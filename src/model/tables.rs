//! The dataset as spreadsheet tables: the file and the columns of each table, the one layout
//! that `import csv` reads and `export csv` writes.

/// The layout of one CSV table: its file name and columns.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// File name inside the folder.
    pub file: &'static str,
    /// Columns that must be present (and non-empty in every row).
    pub required: &'static [&'static str],
    /// Columns that may be present.
    pub optional: &'static [&'static str],
}

impl TableSpec {
    /// Every column, required first, in the order the export writes them.
    pub fn columns(&self) -> Vec<&'static str> {
        self.required.iter().chain(self.optional).copied().collect()
    }
}

/// `dataset.csv`: dataset-level fields as `field,value` rows.
pub const DATASET: TableSpec = TableSpec {
    file: "dataset.csv",
    required: &["field", "value"],
    optional: &[],
};
/// `sources.csv`.
pub const SOURCES: TableSpec = TableSpec {
    file: "sources.csv",
    required: &["id", "title"],
    optional: &["date", "file", "url"],
};
/// `groups.csv`.
pub const GROUPS: TableSpec = TableSpec {
    file: "groups.csv",
    required: &["id", "name"],
    optional: &[],
};
/// `areas.csv`.
pub const AREAS: TableSpec = TableSpec {
    file: "areas.csv",
    required: &["id", "name"],
    optional: &["source", "section"],
};
/// `bodies.csv`.
pub const BODIES: TableSpec = TableSpec {
    file: "bodies.csv",
    required: &["id", "name", "kind", "group"],
    optional: &["short", "aliases", "parent", "status", "note"],
};
/// `forums.csv`.
pub const FORUMS: TableSpec = TableSpec {
    file: "forums.csv",
    required: &["id", "name", "kind"],
    optional: &["short", "aliases", "members", "parent", "status", "note"],
};
/// `mechanisms.csv`.
pub const MECHANISMS: TableSpec = TableSpec {
    file: "mechanisms.csv",
    required: &["id", "name", "kind"],
    optional: &[
        "area",
        "frequency",
        "level",
        "via",
        "source_doc",
        "source_ref",
        "quote",
        "status",
        "note",
    ],
};
/// `citations.csv`: the citations that do not fit a mechanism row's single source columns.
pub const CITATIONS: TableSpec = TableSpec {
    file: "citations.csv",
    required: &["element", "doc", "ref", "quote"],
    optional: &[],
};
/// `participants.csv`.
pub const PARTICIPANTS: TableSpec = TableSpec {
    file: "participants.csv",
    required: &["body", "mechanism"],
    optional: &["role"],
};
