//! TypeScript for the front end, generated from the Rust types and command signatures: the types of every value
//! that crosses the IPC, and a `Commands` map of each command's arguments and result. The file is committed;
//! `cargo test -p tact-app bindings` fails when it is stale, and `TACT_UPDATE_BINDINGS=1` rewrites it.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use ts_rs::{TypeVisitor, TS};

/// Where the generated file lives, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/generated/bindings.ts";

struct Collect {
    seen: HashSet<TypeId>,
    /// Declarations by type name (generic types once).
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let decl = T::decl();
            let name = decl
                .trim_start_matches("type ")
                .split([' ', '<'])
                .next()
                .unwrap_or_default()
                .to_owned();
            self.decls.entry(name).or_insert(decl);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole generated file.
pub fn typescript() -> String {
    let mut c = Collect {
        seen: HashSet::new(),
        decls: BTreeMap::new(),
    };
    crate::commands::visit_types(&mut c);
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p tact-app bindings`; do not edit.\n\
         // Regenerate with: TACT_UPDATE_BINDINGS=1 cargo test -p tact-app bindings\n\
         // Amounts are strings (\"1234.56\"), dates are \"YYYY-MM-DD\": format them, never compute with them.\n\n",
    );
    for decl in c.decls.values() {
        out.push_str("export ");
        out.push_str(decl.trim_end());
        if !decl.trim_end().ends_with(';') {
            out.push(';');
        }
        out.push_str("\n\n");
    }
    out.push_str("/** Every command: its arguments (camelCase, as Tauri expects them) and its result. */\nexport interface Commands {\n");
    for (name, args, ret) in crate::commands::signatures() {
        let args: Vec<String> = args
            .iter()
            .map(|(a, t)| format!("{}: {t}", camel_case(a)))
            .collect();
        let args = if args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            format!("{{ {} }}", args.join("; "))
        };
        out.push_str(&format!("  {name}: {{ args: {args}; result: {ret} }};\n"));
    }
    out.push_str("}\n");
    // ts-rs types i64 as `bigint`, but serde sends it as a JSON number, which JavaScript reads exactly up to 2^53:
    // ids (SQLite rowids) and day counts stay far below. `number` is what the front end really receives.
    out.replace("bigint", "number")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn here(rel: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    #[test]
    fn bindings_are_up_to_date() {
        let fresh = typescript();
        let path = here(BINDINGS_PATH);
        if std::env::var_os("TACT_UPDATE_BINDINGS").is_some() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("{e}"));
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: regenerate it with `TACT_UPDATE_BINDINGS=1 cargo test -p tact-app bindings` and commit it",
            path.display()
        );
    }

    #[test]
    fn build_rs_and_capabilities_declare_every_command() {
        let build_rs = std::fs::read_to_string(here("build.rs")).unwrap_or_default();
        let listed: Vec<&str> = build_rs
            .lines()
            .filter_map(|l| {
                l.trim()
                    .strip_prefix('"')
                    .and_then(|l| l.strip_suffix("\","))
            })
            .collect();
        assert_eq!(
            listed,
            crate::commands::COMMAND_NAMES,
            "build.rs COMMANDS must list every command, in order"
        );

        let caps: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(here("capabilities/default.json")).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let perms: Vec<String> = caps["permissions"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let expected: Vec<String> = crate::commands::COMMAND_NAMES
            .iter()
            .map(|n| format!("allow-{}", n.replace('_', "-")))
            .collect();
        assert_eq!(
            perms, expected,
            "capabilities/default.json: exactly the app's own commands"
        );
    }

    #[test]
    fn the_app_and_the_cli_share_the_database_location() {
        let conf: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(here("tauri.conf.json")).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(conf["identifier"], tact_core::storage::APP_IDENTIFIER);
        assert_eq!(conf["app"]["withGlobalTauri"], false);
        let csp = conf["app"]["security"]["csp"].to_string();
        assert!(
            !csp.contains("http:") || csp.contains("http://ipc.localhost"),
            "no remote origin in the CSP: {csp}"
        );
        assert!(
            !csp.contains("https:"),
            "no remote origin in the CSP: {csp}"
        );
    }

    #[test]
    fn no_bigint_reaches_the_front_end() {
        assert!(!typescript().contains("bigint"));
    }

    #[test]
    fn arguments_are_camel_case() {
        assert_eq!(camel_case("as_of"), "asOf");
        assert_eq!(camel_case("id"), "id");
    }
}
