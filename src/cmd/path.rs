//! `path`: which bodies link FROM to TO.

use crate::cli::PathArgs;
use crate::error::{Error, Result};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use crate::present::emit;
use crate::present::query::PathView;
use crate::query::links::Links;
use crate::query::paths::{find_within, Budget, Query};
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
    if args.max_paths == 0 {
        return Err(Error::Usage("--max-paths must be at least 1".into()));
    }
    if !(args.max_seconds > 0.0 && args.max_seconds <= 1e9) {
        return Err(Error::Usage(format!(
            "--max-seconds {:?} is out of range; expected a number of seconds above 0 and at most 1000000000",
            args.max_seconds
        )));
    }
    let collapsed = super::load_collapsed(data, &args.common.scope, &args.common.collapse, err)?;
    run_loaded(&collapsed, args, out)
}

/// Runs `path` on a loaded `dataset`: what `run` does once the file is read (the HTML page's
/// differential test asks thousands of questions of one dataset through it).
pub fn run_loaded(dataset: &Dataset, args: &PathArgs, out: &mut dyn Write) -> Result<()> {
    if args.max_hops == 0 {
        return Err(Error::Usage("--max-hops must be at least 1".into()));
    }
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
        let ids = resolver.resolve(name)?.ids();
        // Avoiding an end leaves no path to find: say so instead of "no route".
        for (end, label, bodies) in [
            ("start", &from_label, &from),
            ("destination", &to_label, &to),
        ] {
            if !bodies.is_empty() && bodies.iter().all(|b| ids.contains(b) || avoid.contains(b)) {
                return Err(Error::Usage(format!(
                    "--avoid '{name}' covers the {end} itself ({label}); a path cannot avoid its own {end} — drop that --avoid, or avoid only the bodies in between"
                )));
            }
        }
        avoid.extend(ids);
    }
    let links = Links::new(dataset, !args.no_hierarchy);
    let budget = Budget {
        max_paths: args.max_paths,
        max_time: std::time::Duration::from_secs_f64(args.max_seconds),
    };
    // Up to --max-seconds of enumeration: a spinner says the search is under way.
    let progress =
        crate::progress::Progress::start(&format!("listing paths of up to {} hops", args.max_hops));
    let answer = find_within(
        &links,
        &Query {
            from,
            to,
            from_is_group,
            max_hops: args.max_hops,
            limit: args.limit,
            avoid,
        },
        budget,
    );
    drop(progress);
    let labels = Labels::new(dataset);
    let view = PathView {
        from: from_label,
        to: to_label,
        answer,
        labels: &labels,
        links: &links,
        max_hops: args.max_hops,
        hierarchy: !args.no_hierarchy,
        avoided: !args.avoid.is_empty(),
    };
    emit(out, args.common.format.into(), &view)
}
