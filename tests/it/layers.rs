//! Imports only go down: each module of `src/` names (as `crate::…`) only modules of a lower
//! layer, as CONTRIBUTING.md lists them. Test code (`#[cfg(test)]` and after) is not checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers of `src/`, top to bottom (CONTRIBUTING.md lists the same).
const LAYERS: &[&[&str]] = &[
    &["main"],
    &["lib"],
    &["cmd"],
    &["cli"],
    &["report"],
    &["render", "export"],
    &["present"],
    &["diff", "draft"],
    &["analysis", "ingest", "generate"],
    &["query", "graph"],
    &["model"],
    &["fsio", "progress"],
    &["text", "suggest"],
    &["error"],
];

/// The top-level module a file of `src/` belongs to: its folder, or its own name.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The modules a file's non-test code names as `crate::NAME`.
fn named_modules(code: &str) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or("");
    code.match_indices("crate::")
        .map(|(at, _)| {
            code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn imports_only_go_down() {
    let layer_of: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, modules)| modules.iter().map(move |m| (*m, layer)))
        .collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let from = module_of(&src, file);
        let Some(&from_layer) = layer_of.get(from.as_str()) else {
            wrong.push(format!(
                "{}: module '{from}' is in no layer",
                file.display()
            ));
            continue;
        };
        let code = std::fs::read_to_string(file).expect("read");
        for to in named_modules(&code) {
            if to == from {
                continue;
            }
            match layer_of.get(to.as_str()) {
                Some(&to_layer) if to_layer > from_layer => {}
                Some(_) => wrong.push(format!(
                    "{}: '{from}' imports '{to}', which is not in a lower layer",
                    file.display()
                )),
                None => wrong.push(format!("{}: 'crate::{to}' is in no layer", file.display())),
            }
        }
    }
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports that do not go down:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_module_that_names_one_above_it_is_caught() {
    assert_eq!(
        named_modules("use crate::render::scene;\n#[cfg(test)]\nuse crate::cmd;"),
        vec!["render".to_string()]
    );
}
