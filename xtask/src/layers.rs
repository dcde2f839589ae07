//! `cargo xtask layers`: checks the plan of ARCHITECTURE.md on the sources.
//!
//! It reads every `crate::…` and `super::…` path of `server/src` and
//! `frontend/src` (test modules left out), resolves each to the file it
//! names, and reports:
//! - import loops between files (strongly connected components of the graph);
//! - arrows that point the wrong way (a rule of `RULES`: `db/` never imports
//!   `auth/`, `routes/` or `mail/`; pages never import pages…);
//! - `ApiError` below `routes/`, and SeaORM or SQL outside `db/`;
//! - browser-app functions (components) over 150 lines.
//!
//! What the code still does wrong today is listed in `xtask/layers-known.txt`:
//! the check fails on anything new, and on a listed line that is fixed (so
//! the list only shrinks).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::util::{project_root, step};

/// (crate, files under this folder, may not import files under these folders).
const RULES: &[(&str, &str, &[&str])] = &[
    ("server", "db/", &["auth/", "routes/", "mail/", "app/"]),
    (
        "server",
        "domain/",
        &["db/", "routes/", "auth/", "mail/", "app/", "error.rs"],
    ),
    ("server", "mail/", &["routes/", "app/"]),
    ("server", "app/", &["routes/"]),
    ("frontend", "components/", &["pages/", "app.rs"]),
];

/// Where a crate's layering is checked, and the words that mark a layer
/// leak: (crate, word, folders allowed to use it).
const WORDS: &[(&str, &str, &[&str])] = &[
    ("server", "ApiError", &["routes/", "error.rs", "auth/"]),
    ("server", "sea_orm::", &["db/"]),
    // SQL written by hand goes through these; `db::ConnectionTrait` would
    // let a use case call them without naming SeaORM.
    ("server", "Statement", &["db/"]),
    ("server", "_unprepared(", &["db/"]),
    ("server", "_raw(", &["db/"]),
    // Every API route goes through `routes::api_routes` (and so into the
    // OpenAPI document); only the frame in `routes/mod.rs` adds others.
    ("server", ".route(", &["routes/mod.rs"]),
];

pub fn check() -> Result<()> {
    step("checking the layers (ARCHITECTURE.md)");
    let root = project_root();
    let mut found = BTreeSet::new();
    for krate in ["server", "frontend"] {
        found.extend(violations(krate, &root.join(krate).join("src"))?);
    }
    let known_path = root.join("xtask/layers-known.txt");
    let known: BTreeSet<String> = std::fs::read_to_string(&known_path)
        .with_context(|| format!("reading {}", known_path.display()))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let new: Vec<&String> = found.difference(&known).collect();
    let fixed: Vec<&String> = known.difference(&found).collect();
    println!(
        "    {} known layer faults left (xtask/layers-known.txt), {} new, {} fixed",
        known.len() - fixed.len(),
        new.len(),
        fixed.len()
    );
    if !new.is_empty() || !fixed.is_empty() {
        for line in &new {
            eprintln!("    new:   {line}");
        }
        for line in &fixed {
            eprintln!("    fixed: {line} (remove it from xtask/layers-known.txt)");
        }
        bail!("the layers of ARCHITECTURE.md are not kept");
    }
    Ok(())
}

/// Every fault of one crate, one line each.
fn violations(krate: &str, src: &Path) -> Result<BTreeSet<String>> {
    let files = rust_files(src)?;
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for file in &files {
        let rel = relative(src, file);
        let text = without_tests(&std::fs::read_to_string(file)?);
        let here = module_path(&rel);
        let mut targets = BTreeSet::new();
        for path in paths_in(&text) {
            let absolute = match path.first().map(String::as_str) {
                Some("crate") => path[1..].to_vec(),
                Some("super") => {
                    let mut base = here.clone();
                    let mut rest = &path[..];
                    while rest.first().map(String::as_str) == Some("super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().cloned());
                    base
                }
                _ => continue,
            };
            if let Some(target) = resolve(src, &absolute)
                && target != rel
            {
                targets.insert(target);
            }
        }
        for (k, folder, forbidden) in RULES {
            if *k != krate || !rel.starts_with(folder) {
                continue;
            }
            for target in &targets {
                if forbidden.iter().any(|f| target.starts_with(f)) {
                    out.insert(format!("{krate}: {rel} imports {target}"));
                }
            }
        }
        // Pages never import one another: what two pages share is a component.
        // A page split into a folder (`pages/book/`) imports its own parts.
        if krate == "frontend" && rel.starts_with("pages/") && rel != "pages/mod.rs" {
            let own = page_of(&rel);
            for target in targets
                .iter()
                .filter(|t| t.starts_with("pages/") && page_of(t) != own)
            {
                out.insert(format!("{krate}: {rel} imports {target}"));
            }
        }
        if krate == "frontend" {
            for (name, lines) in long_functions(&text) {
                out.insert(format!(
                    "{krate}: {rel} fn {name} is {lines} lines (over {MAX_COMPONENT_LINES})"
                ));
            }
        }
        for (k, word, allowed) in WORDS {
            if *k == krate && !allowed.iter().any(|a| rel.starts_with(a)) && text.contains(word) {
                out.insert(format!("{krate}: {rel} uses {word}"));
            }
        }
        graph.insert(rel, targets);
    }
    for cycle in cycles(&graph) {
        out.insert(format!("{krate}: import loop: {}", cycle.join(" ")));
    }
    Ok(out)
}

/// How long a function of the browser app may be: a component longer than
/// this is split into smaller ones (a guide, kept so it stays true).
const MAX_COMPONENT_LINES: usize = 150;

/// The top-level functions of a file longer than `MAX_COMPONENT_LINES`, from
/// their `fn` line to the closing brace in the first column.
fn long_functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let signature = line
            .strip_prefix("pub fn ")
            .or_else(|| line.strip_prefix("pub(crate) fn "))
            .or_else(|| line.strip_prefix("fn "));
        if let Some(rest) = signature {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let end = (i + 1..lines.len())
                .find(|&j| lines[j] == "}")
                .unwrap_or(lines.len() - 1);
            let length = end - i + 1;
            if length > MAX_COMPONENT_LINES {
                found.push((name, length));
            }
            i = end;
        }
        i += 1;
    }
    found
}

/// `pages/book/form.rs` and `pages/book.rs` → `book`.
fn page_of(rel: &str) -> &str {
    let rest = rel.trim_start_matches("pages/");
    rest.split('/')
        .next()
        .unwrap_or(rest)
        .trim_end_matches(".rs")
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn relative(src: &Path, file: &Path) -> String {
    file.strip_prefix(src)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `db/bookings.rs` → [db, bookings]; `db/mod.rs` → [db]; `lib.rs` → [].
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The file a module path names: its longest prefix that is a file.
fn resolve(src: &Path, path: &[String]) -> Option<String> {
    for len in (1..=path.len()).rev() {
        let joined = path[..len].join("/");
        for candidate in [format!("{joined}.rs"), format!("{joined}/mod.rs")] {
            if src.join(&candidate).is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The source before its unit tests (at the end of a file, by convention).
fn without_tests(text: &str) -> String {
    let mut kept = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        kept.push_str(code);
        kept.push('\n');
    }
    kept
}

/// Every `crate::a::b` and `super::a` path, with `use` groups expanded.
fn paths_in(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts_word = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let (tree, used) = read_tree(&bytes[i..]);
            paths.extend(expand(&tree));
            i += used.max(1);
        } else {
            i += 1;
        }
    }
    paths
}

/// A path with an optional `{…}` group, as text, and how many chars it took.
fn read_tree(chars: &[char]) -> (String, usize) {
    let mut depth = 0;
    let mut out = String::new();
    for (n, c) in chars.iter().enumerate() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return (out, n),
            '}' => depth -= 1,
            c if depth == 0 && !(c.is_alphanumeric() || *c == '_' || *c == ':') => {
                return (out, n);
            }
            _ => {}
        }
        out.push(*c);
    }
    (out, chars.len())
}

/// `crate::a::{b, c::d}` → [crate,a,b], [crate,a,c,d].
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![segments(&tree)];
    };
    let prefix = segments(tree[..open].trim_end_matches("::"));
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut out = Vec::new();
    for part in split_top(inner) {
        if part.is_empty() || part == "self" {
            out.push(prefix.clone());
            continue;
        }
        for tail in expand(&part) {
            let mut path = prefix.clone();
            path.extend(tail);
            out.push(path);
        }
    }
    out
}

fn segments(text: &str) -> Vec<String> {
    text.split("::")
        .filter(|s| !s.is_empty())
        .map(|s| s.split(" as ").next().unwrap_or(s).to_owned())
        .collect()
}

/// Splits on commas outside braces.
fn split_top(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
}

/// The loops of the graph: its strongly connected components of two files
/// or more, each sorted (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, node: &'g str) {
            self.index.insert(node, self.next);
            self.low.insert(node, self.next);
            self.next += 1;
            self.stack.push(node);
            self.on_stack.insert(node);
            let graph = self.graph;
            for target in graph.get(node).into_iter().flatten() {
                let target = target.as_str();
                if !graph.contains_key(target) {
                    continue;
                }
                if !self.index.contains_key(target) {
                    self.visit(target);
                    let low = self.low[target].min(self.low[node]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(target) {
                    let low = self.index[target].min(self.low[node]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    component.push(top.to_owned());
                    if top == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !tarjan.index.contains_key(node.as_str()) {
            tarjan.visit(node);
        }
    }
    tarjan.found.sort();
    tarjan.found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_groups_expand_to_every_path() {
        let text =
            "use crate::db::{bookings, entities::{person, site}};\nlet x = super::quotas::f();";
        let paths: Vec<String> = paths_in(text).iter().map(|p| p.join("::")).collect();
        assert_eq!(
            paths,
            [
                "crate::db::bookings",
                "crate::db::entities::person",
                "crate::db::entities::site",
                "super::quotas::f"
            ]
        );
    }

    #[test]
    fn a_loop_is_found_and_a_chain_is_not() {
        let graph = |edges: &[(&str, &str)]| {
            let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (a, b) in edges {
                g.entry((*a).into()).or_default().insert((*b).into());
                g.entry((*b).into()).or_default();
            }
            g
        };
        assert!(cycles(&graph(&[("a", "b"), ("b", "c")])).is_empty());
        assert_eq!(
            cycles(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])),
            [vec!["a".to_owned(), "b".into(), "c".into()]]
        );
    }

    #[test]
    fn a_long_component_is_found_and_a_short_one_is_not() {
        let body = |n: usize| "    let x = 1;\n".repeat(n);
        let text = format!(
            "#[component]\npub fn Short() -> impl IntoView {{\n{}}}\n\nfn long_one() {{\n{}}}\n",
            body(10),
            body(MAX_COMPONENT_LINES)
        );
        assert_eq!(
            long_functions(&text),
            [("long_one".to_owned(), MAX_COMPONENT_LINES + 2)]
        );
    }
}
