//! `ego`: the bodies around a node.

use crate::cli::EgoArgs;
use crate::error::{Error, Result};
use crate::model::lookup::Labels;
use crate::present::emit;
use crate::present::query::EgoView;
use crate::query::ego::ego;
use crate::query::links::Links;
use crate::query::resolve::{Resolver, Target};
use std::io::Write;
use std::path::Path;

/// Runs `ego` on the dataset at `data`.
pub fn run(data: &Path, args: &EgoArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    if args.depth == 0 {
        return Err(Error::Usage("--depth must be at least 1".into()));
    }
    let loaded = super::load(data, &args.common.scope, err)?;
    let dataset = &loaded.dataset;
    let resolver = Resolver::new(dataset);
    let target = resolver.resolve(&args.node)?;
    let links = Links::new(dataset, args.hierarchy);
    let labels = Labels::new(dataset);
    // A mechanism or forum stands for the bodies it ties: they are its first ring.
    let (centre, depth, label): (Vec<usize>, usize, String) = match &target {
        Target::Group { id, bodies } => (
            bodies.iter().filter_map(|b| links.position(b)).collect(),
            args.depth,
            labels.of(id).to_string(),
        ),
        Target::Node(id) => match links.position(id) {
            Some(p) => (vec![p], args.depth, labels.of(id).to_string()),
            None => {
                let members: Vec<String> = dataset
                    .mechanisms
                    .iter()
                    .filter(|m| &m.id == id)
                    .flat_map(|m| m.participants.iter().map(|p| p.body.clone()))
                    .chain(
                        dataset
                            .forums
                            .iter()
                            .filter(|f| &f.id == id)
                            .flat_map(|f| f.members.iter().cloned()),
                    )
                    .collect();
                (
                    members.iter().filter_map(|b| links.position(b)).collect(),
                    args.depth.saturating_sub(1),
                    labels.of(id).to_string(),
                )
            }
        },
    };
    let mut neighbours = ego(&links, &centre, depth);
    if matches!(&target, Target::Node(id) if links.position(id).is_none()) {
        // Put the mechanism's (forum's) own members first, at depth 1.
        let Target::Node(id) = &target else {
            unreachable!("matched above")
        };
        let carrier = links
            .carriers()
            .iter()
            .position(|c| c.id.as_deref() == Some(id));
        let mut first: Vec<crate::query::ego::Neighbour> = centre
            .iter()
            .map(|&p| crate::query::ego::Neighbour {
                depth: 1,
                body: links.bodies()[p].clone(),
                group: links.groups()[p].clone(),
                ties: carrier.map(|c| vec![(p, vec![c])]).unwrap_or_default(),
                through: Vec::new(),
                via: vec![id.clone()],
            })
            .collect();
        first.sort_by(|a, b| a.body.cmp(&b.body));
        for n in &mut neighbours {
            n.depth += 1;
        }
        first.extend(neighbours);
        neighbours = first;
    }
    let view = EgoView {
        centre: label,
        neighbours,
        labels: &labels,
        links: &links,
        depth: args.depth,
    };
    emit(out, args.common.format.into(), &view)
}
