//! `diff` written out: a readable list for the terminal (each line followed by its clauses), one
//! flat CSV table (a row per clause), and the [`Diff`] itself as JSON.

use crate::diff::moves::Move;
use crate::diff::{Carrier, Change, Clause, Diff, Element, FieldChange, Tie};
use crate::error::{Error, Result};
use crate::present::{write_text, Presentable, Table};
use crate::text::escape::terminal;
use crate::text::numbers::group_digits;
use std::io::Write;

/// Clauses shown under one line of the text list (CSV and JSON carry them all): a body tied in
/// by twenty mechanisms would otherwise bury the list.
pub const SHOWN_CLAUSES: usize = 3;

/// One line of the change list: its section, what it says, and the clauses behind it.
pub struct Line<'a> {
    /// `added`, `removed`, `changed`, `tie gained`, `tie lost`.
    pub change: &'static str,
    /// `body`, `forum`, `mechanism` or `tie`.
    pub kind: &'static str,
    /// The element's id (the two body ids for a tie, joined by " — ").
    pub id: String,
    /// Its display name.
    pub name: String,
    /// What changed, in words (empty for an added or removed element).
    pub detail: String,
    /// The clauses behind the line.
    pub clauses: &'a [Clause],
}

/// A field's change in words: `level: "Minister" → "Leader"`, `participants: +a, −b`.
pub fn describe(field: &FieldChange) -> String {
    match field {
        FieldChange::Value {
            field,
            before,
            after,
        } => {
            let show = |v: &Option<String>| {
                v.as_ref()
                    .map_or("(none)".to_string(), |v| format!("\"{v}\""))
            };
            format!("{field}: {} → {}", show(before), show(after))
        }
        FieldChange::Members {
            field,
            gained,
            lost,
        } => {
            let mut parts: Vec<String> = gained.iter().map(|id| format!("+{id}")).collect();
            parts.extend(lost.iter().map(|id| format!("−{id}")));
            format!("{field}: {}", parts.join(", "))
        }
    }
}

fn element_line<'a>(change: &'static str, e: &'a Element) -> Line<'a> {
    Line {
        change,
        kind: e.kind.as_str(),
        id: e.id.clone(),
        name: e.name.clone(),
        detail: String::new(),
        clauses: &e.clauses,
    }
}

fn change_line(c: &Change) -> Line<'_> {
    Line {
        change: "changed",
        kind: c.kind.as_str(),
        id: if c.id == c.to_id {
            c.id.clone()
        } else {
            format!("{} → {}", c.id, c.to_id)
        },
        name: c.name.clone(),
        detail: c.fields.iter().map(describe).collect::<Vec<_>>().join("; "),
        clauses: &c.clauses,
    }
}

fn tie_line<'a>(change: &'static str, t: &'a Tie) -> Line<'a> {
    Line {
        change,
        kind: "tie",
        id: format!("{} — {}", t.bodies[0], t.bodies[1]),
        name: format!("{} — {}", t.names[0], t.names[1]),
        detail: format!("through {}", t.mechanisms.join(", ")),
        clauses: &t.clauses,
    }
}

/// Every line of `diff` except the centrality moves, in display order.
pub fn lines(diff: &Diff) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = Vec::new();
    lines.extend(diff.added.iter().map(|e| element_line("added", e)));
    lines.extend(diff.removed.iter().map(|e| element_line("removed", e)));
    lines.extend(diff.changed.iter().map(change_line));
    lines.extend(diff.ties.gained.iter().map(|t| tie_line("tie gained", t)));
    lines.extend(diff.ties.lost.iter().map(|t| tie_line("tie lost", t)));
    lines
}

/// Mechanisms named on the line that says what carries a cut list of ties.
const SHOWN_CARRIERS: usize = 10;

/// For a direction of ties whose list is cut (`tie gained` or `tie lost`): how many are not
/// listed and the mechanisms that carry them all, most first; `None` when every tie is listed.
pub fn unlisted(diff: &Diff, change: &str) -> Option<(u64, String)> {
    let (listed, total, through) = match change {
        "tie gained" => (
            &diff.ties.gained,
            diff.ties.gained_total,
            &diff.ties.gained_through,
        ),
        "tie lost" => (
            &diff.ties.lost,
            diff.ties.lost_total,
            &diff.ties.lost_through,
        ),
        _ => return None,
    };
    let more = total
        .checked_sub(listed.len() as u64)
        .filter(|&more| more > 0)?;
    Some((more, carriers(through)))
}

/// "Mechanism X (49,995,000), Mechanism Y (3) and 4 more".
fn carriers(through: &[Carrier]) -> String {
    let shown: Vec<String> = through
        .iter()
        .take(SHOWN_CARRIERS)
        .map(|c| format!("{} {} ({})", c.mechanism, c.name, group_digits(c.ties)))
        .collect();
    match through.len().saturating_sub(SHOWN_CARRIERS) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// A clause in one line: `source (date) §ref: "quote"`.
pub fn cite(clause: &Clause) -> String {
    let date = clause
        .date
        .as_ref()
        .map_or(String::new(), |d| format!(" ({d})"));
    format!(
        "{}{date} §{}: \"{}\"",
        clause.source, clause.reference, clause.quote
    )
}

/// A move's numbers: `0.1200 → 0.3400 (+0.2200)`.
pub fn numbers(m: &Move) -> String {
    format!("{:.4} → {:.4} ({:+.4})", m.before, m.after, m.change)
}

/// The one-line count: "12 added, 3 removed, 1 changed; 4 ties gained, 1 lost".
pub fn summary(diff: &Diff) -> String {
    format!(
        "{} added, {} removed, {} changed; {} tie(s) between bodies gained, {} lost",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        group_digits(diff.ties.gained_total),
        group_digits(diff.ties.lost_total)
    )
}

/// How the moves' betweenness was computed, when it was estimated: "betweenness estimated from
/// 2,000 sampled sources on each side".
pub fn estimated(diff: &Diff) -> Option<String> {
    diff.betweenness_sources.map(|k| {
        format!(
            "betweenness estimated from {} sampled sources on each side",
            group_digits(k)
        )
    })
}

fn moves_table(diff: &Diff) -> Table {
    let title = match estimated(diff) {
        Some(how) => format!("Biggest moves in centrality and brokerage ({how})"),
        None => "Biggest moves in centrality and brokerage".to_string(),
    };
    let mut table = Table::new(
        &title,
        &["measure", "body", "id", "before", "after", "change"],
    );
    for m in &diff.centrality {
        table.push(vec![
            m.measure.to_string(),
            m.name.clone(),
            m.id.clone(),
            format!("{:.4}", m.before),
            format!("{:.4}", m.after),
            format!("{:+.4}", m.change),
        ]);
    }
    table
}

impl Presentable for Diff {
    fn tables(&self) -> Vec<Table> {
        vec![moves_table(self)]
    }

    fn csv_table(&self) -> Table {
        let mut table = Table::new(
            "",
            &[
                "change", "kind", "id", "name", "detail", "source", "date", "ref", "quote",
            ],
        );
        for line in lines(self) {
            let head = vec![
                line.change.to_string(),
                line.kind.to_string(),
                line.id.clone(),
                line.name.clone(),
                line.detail.clone(),
            ];
            if line.clauses.is_empty() {
                table.push([head.clone(), vec![String::new(); 4]].concat());
            }
            for clause in line.clauses {
                table.push(
                    [
                        head.clone(),
                        vec![
                            clause.source.clone(),
                            clause.date.clone().unwrap_or_default(),
                            clause.reference.clone(),
                            clause.quote.clone(),
                        ],
                    ]
                    .concat(),
                );
            }
        }
        for change in ["tie gained", "tie lost"] {
            if let Some((more, through)) = unlisted(self, change) {
                let mut row = vec![String::new(); 9];
                row[0] = change.to_string();
                row[1] = "tie".to_string();
                row[4] = format!(
                    "{} more not listed (--max-ties N lists more); carried by {through}",
                    group_digits(more)
                );
                table.push(row);
            }
        }
        for m in &self.centrality {
            let how = match estimated(self) {
                Some(how) if m.measure == "betweenness" => format!(" ({how})"),
                _ => String::new(),
            };
            table.push(vec![
                "centrality".into(),
                "body".into(),
                m.id.clone(),
                m.name.clone(),
                format!("{} {}{how}", m.measure, numbers(m)),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        table
    }

    /// A list rather than a table: each line is followed by the clauses behind it, which are
    /// whole sentences and would make a table unreadably wide.
    fn write_text(&self, out: &mut dyn Write) -> Result<()> {
        // One entry per printed line, each escaped on its own: a line feed inside a name is
        // shown as `\n` and cannot forge a line of the list.
        let mut printed = vec![
            format!("What changed: {} → {}", self.from, self.to),
            summary(self),
        ];
        let all = lines(self);
        for (heading, change) in [
            ("Added", "added"),
            ("Removed", "removed"),
            ("Changed", "changed"),
            ("Ties between bodies gained", "tie gained"),
            ("Ties between bodies lost", "tie lost"),
        ] {
            let section: Vec<&Line> = all.iter().filter(|l| l.change == change).collect();
            if section.is_empty() && unlisted(self, change).is_none() {
                continue;
            }
            printed.push(String::new());
            match unlisted(self, change) {
                Some((more, through)) => {
                    printed.push(format!(
                        "{heading} ({}; the first {} listed, --max-ties N lists more)",
                        group_digits(section.len() as u64 + more),
                        group_digits(section.len())
                    ));
                    printed.push(format!("  carried by {through}"));
                }
                None => printed.push(format!("{heading} ({})", section.len())),
            }
            let mark = match change {
                "added" | "tie gained" => '+',
                "removed" | "tie lost" => '-',
                _ => '~',
            };
            for line in section {
                let mut head = format!("{mark} {} {}: {}", line.kind, line.id, line.name);
                if !line.detail.is_empty() {
                    head.push_str(&format!(" ({})", line.detail));
                }
                printed.push(head);
                printed.extend(
                    line.clauses
                        .iter()
                        .take(SHOWN_CLAUSES)
                        .map(|c| format!("    {}", cite(c))),
                );
                if line.clauses.len() > SHOWN_CLAUSES {
                    printed.push(format!(
                        "    (+{} more clause(s); --format json or csv lists them all)",
                        line.clauses.len() - SHOWN_CLAUSES
                    ));
                }
            }
        }
        let mut text = String::new();
        for line in &printed {
            text.push_str(&terminal(line));
            text.push('\n');
        }
        out.write_all(text.as_bytes()).map_err(Error::Output)?;
        if !self.centrality.is_empty() {
            out.write_all(b"\n").map_err(Error::Output)?;
            write_text(out, &self.tables())?;
        }
        Ok(())
    }
}
