//! The shape of the house, checked: no import circle between tact-core's modules, and no crate below the shell
//! depends on tauri. Reads the sources and manifests (production code only: tests and doc comments are skipped).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The production code of a file: no comments, nothing from the first `#[cfg(test)]` on.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Module → the crate modules its production code names (`crate::x`).
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|p| p.strip_prefix(src).ok())
        .filter_map(|p| p.components().next())
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned()
        })
        .filter(|m| m != "lib")
        .collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let rel = path.strip_prefix(src).unwrap_or(path);
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .unwrap_or_default();
        let name = rel.to_string_lossy();
        if top == "lib" || name.ends_with("_tests.rs") {
            continue;
        }
        let text = code(&std::fs::read_to_string(path).unwrap_or_default());
        for (i, _) in text.match_indices("crate::") {
            let rest = text
                .get(i.saturating_add("crate::".len())..)
                .unwrap_or_default();
            let used: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if used != top && modules.contains(&used) {
                g.entry(top.clone()).or_default().insert(used);
            }
        }
    }
    g
}

fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == n) {
            let mut c = path[at..].to_vec();
            c.push(n.to_owned());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_owned());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
}

#[test]
fn tact_core_modules_import_each_other_without_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    assert!(g.len() > 10, "the check must see the modules: {g:?}");
    // A sanity line that the reading works: the ledger uses storage.
    assert!(g.get("ledger").is_some_and(|d| d.contains("storage")));
    assert_eq!(cycle(&g), None, "import circle between modules: {g:?}");
    // The pure modules never reach the books.
    for pure in [
        "legal", "engine", "plans", "letters", "drafts", "standing", "money", "model",
    ] {
        let deps = g.get(pure).cloned().unwrap_or_default();
        assert!(
            !deps.contains("storage") && !deps.contains("ledger"),
            "{pure} is pure: it must not use storage or the ledger ({deps:?})"
        );
    }
}

#[test]
fn a_circle_is_found_when_there_is_one() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert!(cycle(&g).is_some());
}

#[test]
fn no_crate_below_the_shell_depends_on_tauri() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for name in ["tact-core", "tact-letters", "tact-usecases", "tact-cli"] {
        let manifest = std::fs::read_to_string(crates.join(name).join("Cargo.toml"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let deps = manifest.split("[dependencies]").nth(1).unwrap_or_default();
        assert!(
            !deps.lines().any(|l| l.trim_start().starts_with("tauri")),
            "{name} must not depend on tauri"
        );
    }
}
