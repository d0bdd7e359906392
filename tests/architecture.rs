//! The layer rules of ARCHITECTURE.md, checked against the sources instead of hoped for.
//!
//! The table under "Layer rules" in ARCHITECTURE.md is the source of truth: this test reads
//! it, then reads every `src/**.rs` and fails on each file that imports what its layer may
//! not (`crate::` paths, and the ratatui, crossterm and rusqlite crates), reads the clock
//! where its layer may not, or runs SQL outside the store. To change a rule, change the table.

use std::path::{Path, PathBuf};

const CLOCK: [&str; 4] = ["Local::now", "Utc::now", "SystemTime::now", "Instant::now"];
const SQL: [&str; 8] = [
    ".prepare(",
    ".prepare_cached(",
    ".execute(",
    ".execute_batch(",
    ".query_row(",
    ".query_map(",
    ".conn()",
    "Connection::open",
];
/// The outside crates a layer may be kept from.
const CRATES: [&str; 4] = ["ratatui", "crossterm", "rusqlite", "postgres"];

/// May a layer do something: everywhere, nowhere, or only in the files named.
#[derive(Debug, PartialEq)]
enum Allowed {
    Yes,
    No,
    Only(Vec<String>),
}

impl Allowed {
    fn parse(cell: &str) -> Result<Allowed, String> {
        let cell = cell.trim();
        if cell == "yes" {
            return Ok(Allowed::Yes);
        }
        if cell == "no" {
            return Ok(Allowed::No);
        }
        match cell.strip_prefix("only in ") {
            Some(files) => Ok(Allowed::Only(
                files
                    .split(',')
                    .map(|f| f.trim().trim_matches('`').to_string())
                    .collect(),
            )),
            None => Err(format!("'{cell}' is not yes, no or 'only in FILE, …'")),
        }
    }

    fn allows(&self, file: &str) -> bool {
        match self {
            Allowed::Yes => true,
            Allowed::No => false,
            Allowed::Only(files) => files.iter().any(|f| file.ends_with(f.as_str())),
        }
    }
}

#[derive(Debug)]
struct Rule {
    layer: String,
    /// Modules of the crate and outside crates the layer never imports.
    never: Vec<String>,
    /// Paths under a forbidden module that are allowed all the same (`app::backend`).
    except: Vec<String>,
    clock: Allowed,
    sql: Allowed,
}

/// Reads the table that follows the "Layer rules" heading of ARCHITECTURE.md.
fn rules(doc: &str) -> Result<Vec<Rule>, String> {
    let start = doc
        .find("### Layer rules")
        .ok_or("ARCHITECTURE.md has no '### Layer rules' heading")?;
    let words = |cell: &str| -> Vec<String> {
        cell.split([',', ' '])
            .map(|w| w.trim().trim_matches('`'))
            .filter(|w| !w.is_empty() && *w != "—")
            .map(str::to_string)
            .collect()
    };
    let mut rules = Vec::new();
    let mut in_table = false;
    for line in doc[start..].lines().skip(1) {
        let line = line.trim();
        if !line.starts_with('|') {
            if in_table {
                break;
            }
            continue;
        }
        in_table = true;
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() != 5 {
            return Err(format!("a rule needs 5 cells: {line}"));
        }
        if cells[0] == "layer" || cells[0].starts_with("---") {
            continue;
        }
        rules.push(Rule {
            layer: cells[0].trim_matches('`').to_string(),
            never: words(cells[1]),
            except: words(cells[2]),
            clock: Allowed::parse(cells[3])?,
            sql: Allowed::parse(cells[4])?,
        });
    }
    if rules.is_empty() {
        return Err("the layer rules table is empty".into());
    }
    Ok(rules)
}

/// The layer of a file under `src/`: its top folder, or its own name for a file at the top.
fn layer_of(file: &str) -> Option<String> {
    let rest = file.strip_prefix("src/")?;
    let top = rest.split('/').next()?;
    let name = top.strip_suffix(".rs").unwrap_or(top);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The code without its `//` comments (a `//` inside a string is kept).
fn code_of(source: &str) -> String {
    source
        .lines()
        .map(|line| {
            let mut quotes = 0;
            let bytes = line.as_bytes();
            for i in 0..bytes.len() {
                match bytes[i] {
                    b'"' if i == 0 || bytes[i - 1] != b'\\' => quotes += 1,
                    b'/' if quotes % 2 == 0 && bytes.get(i + 1) == Some(&b'/') => {
                        return &line[..i];
                    }
                    _ => {}
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths the code names under `crate::`, as far as they go (`app::backend::Backend`),
/// with the groups of a `use` opened (`crate::{app::model, store}` is two paths).
fn crate_paths(code: &str) -> Vec<String> {
    fn walk(prefix: &str, text: &str, out: &mut Vec<String>) {
        let mut path = prefix.to_string();
        let mut rest = text;
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 1;
                let mut item = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 || (depth == 1 && c == ',') {
                        walk(&path, item.trim(), out);
                        item.clear();
                        if depth == 0 {
                            break;
                        }
                    } else {
                        item.push(c);
                    }
                }
                return;
            }
            let ident: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !ident.is_empty() {
                if !path.is_empty() {
                    path.push_str("::");
                }
                path.push_str(&ident);
                rest = &rest[ident.len()..];
                if let Some(after) = rest.strip_prefix("::") {
                    rest = after;
                    continue;
                }
            }
            if !path.is_empty() {
                out.push(path);
            }
            return;
        }
    }
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(is_ident) {
            continue;
        }
        walk("", &code[at + "crate::".len()..], &mut out);
    }
    out
}

/// Whether `code` names `word` as a whole word.
fn names(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Everything `file` (a path under `src/`) does that its layer's rule forbids.
fn breaches(file: &str, source: &str, rules: &[Rule]) -> Vec<String> {
    let Some(layer) = layer_of(file) else {
        return Vec::new();
    };
    let Some(rule) = rules.iter().find(|r| r.layer == layer) else {
        return vec![format!(
            "{file}: layer '{layer}' has no row in ARCHITECTURE.md's layer rules"
        )];
    };
    let code = code_of(source);
    let mut found = Vec::new();
    for path in crate_paths(&code) {
        let module = path.split("::").next().unwrap_or("");
        let excepted = rule
            .except
            .iter()
            .any(|e| path == *e || path.starts_with(&format!("{e}::")));
        if rule.never.iter().any(|n| n == module) && !excepted {
            found.push(format!("{file}: {layer} imports crate::{path}"));
        }
    }
    for krate in CRATES {
        if rule.never.iter().any(|n| n == krate) && names(&code, krate) {
            found.push(format!("{file}: {layer} uses {krate}"));
        }
    }
    if !rule.clock.allows(file) {
        for call in CLOCK.iter().filter(|c| names(&code, c)) {
            found.push(format!("{file}: {layer} reads the clock ({call})"));
        }
    }
    if !rule.sql.allows(file) {
        for call in SQL.iter().filter(|c| code.contains(*c)) {
            found.push(format!("{file}: {layer} runs SQL ({call})"));
        }
    }
    found.sort();
    found.dedup();
    found
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn the_rules() -> Vec<Rule> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    rules(&doc).unwrap_or_else(|e| panic!("ARCHITECTURE.md's layer rules: {e}"))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_layer_keeps_to_its_rules() {
    let rules = the_rules();
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    files.sort();
    assert!(files.len() > 100, "found only {} sources", files.len());
    let mut found = Vec::new();
    for path in &files {
        let file = path
            .strip_prefix(root())
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(path).expect("read source");
        found.extend(breaches(&file, &source, &rules));
    }
    assert!(
        found.is_empty(),
        "the sources break ARCHITECTURE.md's layer rules:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_rules_name_real_layers_and_crates() {
    let rules = the_rules();
    let mut layers: Vec<String> = std::fs::read_dir(root().join("src"))
        .expect("read src")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().to_string();
            layer_of(&format!("src/{name}"))
        })
        .collect();
    layers.sort();
    let mut ruled: Vec<String> = rules.iter().map(|r| r.layer.clone()).collect();
    ruled.sort();
    assert_eq!(ruled, layers, "one row per layer, no more");
    for rule in &rules {
        for name in &rule.never {
            assert!(
                layers.contains(name) || CRATES.contains(&name.as_str()),
                "{}: '{name}' is neither a layer nor a checked crate",
                rule.layer
            );
        }
        for path in &rule.except {
            let module = path.split("::").next().unwrap_or("");
            assert!(
                rule.never.iter().any(|n| n == module),
                "{}: the exception '{path}' is not under a forbidden module",
                rule.layer
            );
        }
        if let Allowed::Only(files) = &rule.clock {
            for f in files {
                assert!(root().join("src").join(f).exists(), "no file src/{f}");
            }
        }
    }
    // What the brief of the layers promises, so that the table cannot quietly lose it.
    let rule = |l: &str| rules.iter().find(|r| r.layer == l).expect(l);
    for pure in ["domain", "recommend", "report", "timing", "app"] {
        let r = rule(pure);
        for banned in ["store", "runtime", "ui", "cli", "rusqlite", "crossterm"] {
            assert!(
                r.never.iter().any(|n| n == banned),
                "{pure} may import {banned}"
            );
        }
        assert_eq!(r.sql, Allowed::No, "{pure} may run SQL");
        assert_ne!(r.clock, Allowed::Yes, "{pure} may read the clock");
    }
}

/// A checker that found nothing in a fake bad source would pass every tree: these feed it
/// sources that break each kind of rule, and sources that only look as if they do.
#[test]
fn the_checker_complains_about_bad_sources() {
    let rules = the_rules();
    let bad = [
        (
            "src/domain/fake.rs",
            "use crate::store::Store;\n",
            "imports crate::store",
        ),
        (
            "src/app/fake.rs",
            "use crate::{domain::money::Money, store::{self, Store}};\n",
            "imports crate::store",
        ),
        (
            "src/timing/fake.rs",
            "fn f() { let t = chrono::Local::now(); }\n",
            "reads the clock (Local::now)",
        ),
        (
            "src/recommend/fake.rs",
            "fn f() { let t = std::time::Instant::now(); }\n",
            "reads the clock (Instant::now)",
        ),
        (
            "src/report/fake.rs",
            "fn f() { let c = rusqlite::Connection::open(\"x\"); }\n",
            "uses rusqlite",
        ),
        (
            "src/import/fake.rs",
            "fn f(s: &Store) { s.conn().execute(\"DELETE FROM orders\", []); }\n",
            "runs SQL (.conn())",
        ),
        (
            "src/ui/fake.rs",
            "use crossterm::event::KeyCode;\n",
            "uses crossterm",
        ),
        (
            "src/store/fake.rs",
            "fn f(m: &crate::app::model::Model) {}\n",
            "imports crate::app::model::Model",
        ),
        ("src/newlayer/fake.rs", "\n", "has no row"),
    ];
    for (file, source, complaint) in bad {
        let found = breaches(file, source, &rules);
        assert!(
            found.iter().any(|f| f.contains(complaint)),
            "{file}: expected a complaint with '{complaint}', got {found:?}"
        );
    }
    let fine = [
        (
            "src/domain/fake.rs",
            "// see crate::store::Store\nuse crate::domain::money::Money;\n",
        ),
        (
            "src/store/fake.rs",
            "use crate::app::backend::{Backend, BackendError};\n",
        ),
        (
            "src/recommend/eval.rs",
            "fn f() { let t = std::time::Instant::now(); }\n",
        ),
        (
            "src/cli/fake.rs",
            "fn f() { let t = chrono::Local::now(); }\n",
        ),
        (
            "src/app/fake.rs",
            "let url = \"http://x\"; // crate::store\n",
        ),
        ("src/report/fake.rs", "fn sqlite_free() {}\n"),
    ];
    for (file, source) in fine {
        let found = breaches(file, source, &rules);
        assert!(found.is_empty(), "{file}: unexpected {found:?}");
    }
}
