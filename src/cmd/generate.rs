//! `generate`: a synthetic dataset for benchmarks.

use crate::cli::GenerateArgs;
use crate::error::{Error, Result};
use crate::fsio::write_atomic;
use crate::generate::{
    add_giant_mechanism, available_memory, chain_hierarchy, check_depth, date_sources, generate,
    heavy_tail, layer_hierarchy, Spec, MAX_DATED_SOURCES,
};
use std::io::Write;

/// Runs `generate`; the dataset goes to `out` with `-o -`.
pub fn run(args: &GenerateArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    if args.bodies < 2 || args.mechanisms == 0 {
        return Err(Error::Usage(
            "generate needs --bodies 2 or more and --mechanisms 1 or more".into(),
        ));
    }
    if args.groups == 0 {
        return Err(Error::Usage(
            "--groups must be at least 1 (every body belongs to a group)".into(),
        ));
    }
    if !(args.mean_participants >= 2.0 && args.mean_participants.is_finite()) {
        return Err(Error::Usage(
            "--mean-participants must be at least 2".into(),
        ));
    }
    if let Some(depth) = args.hierarchy_depth {
        check_depth(depth).map_err(Error::Usage)?;
    }
    for (flag, value) in [
        ("--giant-mechanism", args.giant_mechanism),
        ("--hierarchy-chain", args.hierarchy_chain),
    ] {
        if let Some(n) = value.filter(|&n| n < 2 || n > args.bodies) {
            return Err(Error::Usage(format!(
                "{flag} {n} is out of range; expected 2 to --bodies ({})",
                args.bodies
            )));
        }
    }
    if let Some(n) = args
        .dated_sources
        .filter(|n| !(2..=MAX_DATED_SOURCES).contains(n))
    {
        return Err(Error::Usage(format!(
            "--dated-sources {n} is out of range; expected 2 to {MAX_DATED_SOURCES} (a series needs two sources to compare)"
        )));
    }
    let spec = Spec {
        bodies: args.bodies,
        mechanisms: args.mechanisms,
        groups: args.groups,
        forums: args.forums,
        mean_participants: args.mean_participants,
        seed: args.seed,
    };
    spec.check(available_memory()).map_err(Error::Usage)?;
    let largest = spec.largest_mechanism();
    if args.mean_participants > largest as f64 {
        writeln!(
            err,
            "note: a mechanism gets at most {largest} participants (a tenth of the bodies), so the mean stays below the --mean-participants {} asked for; add bodies for larger mechanisms",
            args.mean_participants
        )
        .map_err(Error::Output)?;
    }
    let mut dataset = generate(&spec);
    if let Some(depth) = args.hierarchy_depth {
        layer_hierarchy(&mut dataset, depth, args.seed);
    }
    if args.heavy_tail {
        heavy_tail(&mut dataset, args.seed);
    }
    if let Some(count) = args.dated_sources {
        date_sources(&mut dataset, count, args.seed);
    }
    if let Some(participants) = args.giant_mechanism {
        add_giant_mechanism(&mut dataset, participants);
    }
    if let Some(depth) = args.hierarchy_chain {
        chain_hierarchy(&mut dataset, depth);
    }
    let json = serde_json::to_vec(&dataset).map_err(|e| Error::Output(std::io::Error::other(e)))?;
    let Some(output) = crate::cli::output_file(Some(&args.output)) else {
        return out.write_all(&json).map_err(Error::Output);
    };
    write_atomic(output, &json)?;
    let participations: usize = dataset
        .mechanisms
        .iter()
        .map(|m| m.participants.len())
        .sum();
    writeln!(
        err,
        "wrote {}: {} bodies, {} mechanisms, {} forums, {} participations",
        output.display(),
        dataset.bodies.len(),
        dataset.mechanisms.len(),
        dataset.forums.len(),
        participations
    )
    .map_err(Error::Output)
}
