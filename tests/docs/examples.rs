//! The command examples of the Markdown documentation, read and run.
//!
//! The convention (also stated in docs/guide.md):
//! - A ```` ```console ```` block holds coopgraph commands, each on a line starting with `$ `
//!   (`$ coopgraph …` or `$ cargo run [--release] -- …`, which runs the same binary). A line
//!   ending in `\` continues on the next. `VAR=value` words before the command set its
//!   environment; words are quoted as in a POSIX shell, and there is no pipe or redirection.
//! - The lines after a command, up to the next `$ ` line, are what it prints (standard output and
//!   standard error as a terminal shows them); none shown means the output is not checked.
//!   `[..]` stands for any text within a line, a line `...` for any number of lines, and trailing
//!   spaces do not count. A line `? N` right after the command expects exit status N (else 0).
//! - The examples of one file run in order, in one temporary folder holding copies of `data/`
//!   and `tests/fixtures/`, so a command can read what an earlier one wrote and nothing is
//!   written into the repository.
//! - ```` ```console needs=graphviz ```` marks a block that needs Graphviz: it runs on its own
//!   (in a fresh folder) in `tests/tools`, where Graphviz is installed. ```` ```console no-run ````
//!   marks commands too slow to run here (timings on large generated datasets): each is parsed by
//!   coopgraph itself (`--help` appended), so an unknown command, flag or value still fails.
//! - Any other block that holds a coopgraph command is an error, so no example escapes the tests.

// Shared by tests/docs and tests/tools; each uses a part.
#![allow(dead_code)]

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a block needs from outside Rust before it can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Graphviz's `dot`.
    Graphviz,
}

/// How a block is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Run with the file's other examples.
    Run,
    /// Run on its own where the tool exists (tests/tools).
    Needs(Need),
    /// Only parsed by coopgraph (`--help` appended).
    ParseOnly,
}

/// One command of a console block.
#[derive(Debug, Clone)]
pub struct Example {
    /// `file:line` of the command.
    pub place: String,
    /// Environment variables set for the command.
    pub env: Env,
    /// The arguments after the program name.
    pub args: Vec<String>,
    /// The exit status expected.
    pub status: i32,
    /// The output shown, when the document shows it.
    pub output: Option<Vec<String>>,
}

/// One console block: its examples and how they run.
#[derive(Debug, Clone)]
pub struct Block {
    /// How the block runs.
    pub mode: Mode,
    /// Its commands, in order.
    pub examples: Vec<Example>,
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every Markdown file of the documentation: those at the root and under `docs/`, sorted.
pub fn documents() -> Vec<PathBuf> {
    let mut files = markdown_in(&root());
    let mut docs = vec![root().join("docs")];
    while let Some(dir) = docs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                docs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn markdown_in(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("read the repository root")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md"))
        .collect()
}

/// The path of `file` relative to the repository root, with `/`.
pub fn relative(file: &Path) -> String {
    file.strip_prefix(root())
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Reads the console blocks of `file`; an example that breaks the convention is an error.
pub fn blocks(file: &Path) -> Result<Vec<Block>, String> {
    let name = relative(file);
    let text = fs::read_to_string(file).map_err(|e| format!("{name}: {e}"))?;
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut open: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new_ext(&text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let line = text[..range.start].matches('\n').count() + 1;
                open = Some((info, line, String::new()));
            }
            Event::Text(body) => {
                if let Some((_, _, content)) = open.as_mut() {
                    content.push_str(&body);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, line, content)) = open.take() {
                    match block(&name, &info, line, &content) {
                        Ok(Some(found)) => blocks.push(found),
                        Ok(None) => {}
                        Err(problem) => problems.push(problem),
                    }
                }
            }
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok(blocks)
    } else {
        Err(problems.join("\n"))
    }
}

/// True when `line` (as a shell line, `$ ` removed) runs coopgraph.
fn is_command(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let start = words.iter().take_while(|w| is_assignment(w)).count();
    matches!(
        words.get(start..),
        Some(["coopgraph", ..] | ["cargo", "run", ..])
    )
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
    })
}

/// Reads one fenced block: `Ok(None)` for a block without examples.
fn block(file: &str, info: &str, line: usize, content: &str) -> Result<Option<Block>, String> {
    let mut words = info.split(|c: char| c.is_whitespace() || c == ',');
    let lang = words.next().unwrap_or("");
    if lang != "console" {
        // The fence is line `line`; its content starts on the next.
        if let Some((k, _)) = content.lines().enumerate().find(|(_, l)| {
            let l = l.trim_start();
            is_command(l.strip_prefix("$ ").unwrap_or(l))
        }) {
            return Err(format!(
                "{file}:{}: a coopgraph command in a ```{lang} block: write it in a ```console block, \
                 with `$ ` before it, so that the test suite runs it",
                line + 1 + k
            ));
        }
        return Ok(None);
    }
    let mut mode = Mode::Run;
    for word in words.filter(|w| !w.is_empty()) {
        mode = match word {
            "needs=graphviz" => Mode::Needs(Need::Graphviz),
            "no-run" => Mode::ParseOnly,
            other => {
                return Err(format!(
                    "{file}:{line}: unknown word '{other}' after ```console (known: needs=graphviz, no-run)"
                ))
            }
        };
    }
    let examples = examples(file, line + 1, content)?;
    Ok(Some(Block { mode, examples }))
}

/// The commands of a console block whose first line is line `first` of `file`.
fn examples(file: &str, first: usize, content: &str) -> Result<Vec<Example>, String> {
    let lines: Vec<&str> = content.lines().collect();
    let mut examples: Vec<Example> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let place = format!("{file}:{}", first + k);
        let Some(start) = lines[k].strip_prefix("$ ") else {
            match examples.last_mut() {
                Some(example) => {
                    let output = example.output.get_or_insert_with(Vec::new);
                    output.push(lines[k].trim_end().to_string());
                }
                None => {
                    return Err(format!(
                        "{place}: a console block starts with its first command (`$ coopgraph …`)"
                    ))
                }
            }
            k += 1;
            continue;
        };
        let mut command = start.to_string();
        while command.ends_with('\\') && k + 1 < lines.len() {
            command.pop();
            k += 1;
            command.push(' ');
            command.push_str(lines[k].trim_start());
        }
        k += 1;
        let mut status = 0;
        if let Some(code) = lines.get(k).and_then(|l| l.strip_prefix("? ")) {
            status = code
                .trim()
                .parse()
                .map_err(|_| format!("{place}: '? {code}' is not an exit status"))?;
            k += 1;
        }
        let (env, args) = command_words(&place, &command)?;
        examples.push(Example {
            place,
            env,
            args,
            status,
            output: None,
        });
    }
    for example in &mut examples {
        if let Some(output) = example.output.as_mut() {
            while output.last().is_some_and(|l| l.is_empty()) {
                output.pop();
            }
        }
    }
    Ok(examples)
}

/// Environment variables set for a command, as (name, value).
type Env = Vec<(String, String)>;

/// Splits a command line into its environment and coopgraph's arguments.
fn command_words(place: &str, command: &str) -> Result<(Env, Vec<String>), String> {
    let words = shell_words(command).map_err(|e| format!("{place}: {e}"))?;
    let mut env = Vec::new();
    let mut rest = words.as_slice();
    while let Some((first, tail)) = rest.split_first() {
        if !is_assignment(first) {
            break;
        }
        let (name, value) = first.split_once('=').expect("an assignment has '='");
        env.push((name.to_string(), value.to_string()));
        rest = tail;
    }
    let args = match rest {
        [program, args @ ..] if program == "coopgraph" => args,
        [cargo, run, args @ ..] if cargo == "cargo" && run == "run" => {
            let Some(dashes) = args.iter().position(|a| a == "--") else {
                return Err(format!("{place}: `cargo run` without `--` before coopgraph's arguments"));
            };
            if args[..dashes].iter().any(|a| a != "--release") {
                return Err(format!("{place}: `cargo run` takes only --release here"));
            }
            &args[dashes + 1..]
        }
        _ => {
            return Err(format!(
                "{place}: a console block runs coopgraph only (`$ coopgraph …` or `$ cargo run -- …`): {command}"
            ))
        }
    };
    Ok((env, args.to_vec()))
}

/// Splits `line` into words as a POSIX shell would, without expansions; pipes, redirections and
/// command lists are refused (an example is one command).
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("a single quote is never closed".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("a double quote is never closed".into()),
                        },
                        Some('$' | '`') => {
                            return Err("no shell expansion ($, `) in an example".into())
                        }
                        Some(c) => word.push(c),
                        None => return Err("a double quote is never closed".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            '|' | '>' | '<' | ';' | '&' | '$' | '`' | '*' | '?' | '#' => {
                return Err(format!(
                    "'{c}' outside quotes: an example is one command, with no pipe, redirection, \
                     expansion or comment"
                ))
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// A temporary folder holding copies of `data/` and `tests/fixtures/`, where examples run.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_tree(&root().join("data"), &dir.path().join("data"));
    copy_tree(
        &root().join("tests/fixtures"),
        &dir.path().join("tests/fixtures"),
    );
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder in the workspace");
    for entry in fs::read_dir(from).expect("read a folder to copy").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("a file type");
        if kind.is_dir() {
            copy_tree(&path, &target);
        } else if kind.is_file() {
            fs::copy(&path, &target).expect("copy a file into the workspace");
        }
    }
}

/// How examples are run: the binary, and environment set for every command.
pub struct Runner<'a> {
    /// The coopgraph binary.
    pub binary: &'a Path,
    /// The folder the commands run in.
    pub dir: &'a Path,
    /// Environment variables set for every command (before the example's own).
    pub env: Env,
}

impl Runner<'_> {
    /// Runs `example`; returns a description of what differs from the document, if anything.
    pub fn run(&self, example: &Example) -> Option<String> {
        let (status, output) = self.execute(&example.args, &example.env);
        let mut problem = String::new();
        if status != Some(example.status) {
            let shown = status.map_or("a signal".to_string(), |s| s.to_string());
            let _ = writeln!(
                problem,
                "exit status {shown}, the document expects {}",
                example.status
            );
        }
        if let Some(expected) = &example.output {
            let actual: Vec<&str> = output.lines().map(str::trim_end).collect();
            if !lines_match(expected, &actual) {
                let _ = writeln!(
                    problem,
                    "the output differs from the document.\n--- document\n{}\n--- actual\n{}",
                    expected.join("\n"),
                    actual.join("\n")
                );
            }
        }
        if problem.is_empty() {
            None
        } else {
            Some(format!(
                "{}: `coopgraph {}`: {problem}{}",
                example.place,
                example.args.join(" "),
                if example.output.is_none() {
                    format!("--- actual output\n{output}")
                } else {
                    String::new()
                }
            ))
        }
    }

    /// Parses `example` without running it (`--help` appended): a problem if coopgraph refuses.
    pub fn parse(&self, example: &Example) -> Option<String> {
        let mut args = example.args.clone();
        args.push("--help".into());
        let (status, output) = self.execute(&args, &example.env);
        (status != Some(0)).then(|| {
            format!(
                "{}: `coopgraph {}` (not run) is refused by coopgraph:\n{output}",
                example.place,
                example.args.join(" ")
            )
        })
    }

    /// Runs coopgraph with standard output and standard error into one file, as a terminal
    /// shows them interleaved.
    fn execute(&self, args: &[String], env: &[(String, String)]) -> (Option<i32>, String) {
        let capture = tempfile::tempfile().expect("a capture file");
        let mut command = Command::new(self.binary);
        command
            .args(args)
            .current_dir(self.dir)
            .stdin(Stdio::null())
            .stdout(capture.try_clone().expect("clone the capture file"))
            .stderr(capture.try_clone().expect("clone the capture file"));
        for (name, value) in self.env.iter().chain(env) {
            command.env(name, value);
        }
        let status = command.status().expect("coopgraph runs");
        let mut capture = capture;
        use std::io::{Read, Seek};
        capture.rewind().expect("rewind the capture file");
        let mut bytes = Vec::new();
        capture
            .read_to_end(&mut bytes)
            .expect("read the capture file");
        (status.code(), String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// True when `actual` matches `expected`, where `[..]` is any text within a line and a line
/// `...` any number of lines.
pub fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, tail)| line_matches(first, line) && lines_match(rest, tail)),
    }
}

/// True when `line` matches `pattern`, where `[..]` stands for any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let mut parts = pattern.split("[..]");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}
