//! `path`: which bodies link FROM to TO.

use crate::cli::PathArgs;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::present::emit;
use crate::present::labels::Labels;
use crate::present::query::PathView;
use crate::query::links::Links;
use crate::query::paths::{find, Query};
use crate::query::resolve::{Resolver, Target};
use std::io::Write;
use std::path::Path;

/// Resolves `name` to bodies: one body, or every body of a group; mechanisms and forums are
/// refused with a hint, since paths run between bodies.
pub fn bodies_of(
    dataset: &Dataset,
    resolver: &Resolver,
    name: &str,
) -> Result<(Vec<String>, bool, String)> {
    match resolver.resolve(name)? {
        Target::Group { id, bodies } => {
            let label = dataset
                .groups
                .iter()
                .find(|g| g.id == id)
                .map_or(id.clone(), |g| g.name.clone());
            Ok((bodies, true, label))
        }
        Target::Node(id) => match dataset.bodies.iter().find(|b| b.id == id) {
            Some(body) => Ok((vec![id], false, body.label().to_string())),
            None => Err(Error::Input(format!(
                "'{name}' is a mechanism or forum ('{id}'); paths run between bodies or groups — try `coopgraph ego {id}`"
            ))),
        },
    }
}

/// Runs `path` on the dataset at `data`.
pub fn run(data: &Path, args: &PathArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    if args.max_hops == 0 {
        return Err(Error::Usage("--max-hops must be at least 1".into()));
    }
    let collapsed = super::load_collapsed(data, &args.collapse, err)?;
    let dataset = &collapsed;
    let resolver = Resolver::new(dataset);
    let (from, from_is_group, from_label) = bodies_of(dataset, &resolver, &args.from)?;
    let (to, _, to_label) = bodies_of(dataset, &resolver, &args.to)?;
    if from.iter().any(|f| to.contains(f)) {
        return Err(Error::Usage(format!(
            "'{}' and '{}' overlap ({from_label} is part of {to_label} or the same); a path needs two different ends",
            args.from, args.to
        )));
    }
    let mut avoid = Vec::new();
    for name in &args.avoid {
        avoid.extend(resolver.resolve(name)?.ids());
    }
    let links = Links::new(dataset, !args.no_hierarchy);
    let answer = find(
        &links,
        &Query {
            from,
            to,
            from_is_group,
            max_hops: args.max_hops,
            limit: args.limit,
            avoid,
        },
    );
    let labels = Labels::new(dataset);
    let view = PathView {
        from: from_label,
        to: to_label,
        answer,
        labels: &labels,
        links: &links,
        max_hops: args.max_hops,
    };
    emit(out, args.format, &view)
}
