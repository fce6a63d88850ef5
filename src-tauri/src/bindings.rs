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
    out.push_str("}\n\n");
    out.push_str(&labels());
    out.push_str(&texts());
    out.push_str(&first_page());
    // ts-rs types i64 as `bigint`, but serde sends it as a JSON number, which JavaScript reads exactly up to 2^53:
    // ids (SQLite rowids) and day counts stay far below. `number` is what the front end really receives.
    out.replace("bigint", "number")
}

/// The French label of every code the interface shows, from each enum's `label_fr` (the one place they are
/// written): `LABELS.InvoiceStatus.overdue` is « En retard ».
fn labels() -> String {
    use tact_core::dashboard::{AgeBucket, ReportKind};
    use tact_core::engine::{Action, Tone};
    use tact_core::letters::LetterKind;
    use tact_core::model::{
        CallOutcome, Channel, ClientKind, CollectiveProcedure, ContactChannel, InvoiceStatus,
        JournalKind, Language, PaymentMethod,
    };
    use tact_core::payers::Grade;
    use tact_core::plans::{Frequency, InstalmentStatus, PenaltyTreatment, PlanStatus};
    macro_rules! tables {
        ($($t:ty),+ $(,)?) => {
            vec![$((<$t as TS>::name(), <$t>::ALL.iter().map(|v| (v.code(), v.label_fr())).collect::<Vec<_>>())),+]
        };
    }
    let tables: Vec<(String, Vec<(&str, &str)>)> = tables![
        Action,
        AgeBucket,
        CallOutcome,
        Channel,
        ClientKind,
        CollectiveProcedure,
        ContactChannel,
        Frequency,
        Grade,
        InstalmentStatus,
        InvoiceStatus,
        JournalKind,
        Language,
        LetterKind,
        PaymentMethod,
        PenaltyTreatment,
        PlanStatus,
        ReportKind,
        Tone,
    ];
    let mut out = String::from(
        "/** The French label of each code, from the Rust enums' `label_fr` (never written a second time here). */\nexport const LABELS = {\n",
    );
    for (name, rows) in tables {
        let rows: Vec<String> = rows
            .iter()
            .map(|(code, label)| format!("{code:?}: {label:?}"))
            .collect();
        out.push_str(&format!(
            "  {name}: {{ {} }} satisfies Record<{name}, string>,\n",
            rows.join(", ")
        ));
    }
    out.push_str("} as const;\n");
    out
}

/// The engine's fixed French sentences that the interface shows as they are (its other languages say them in
/// their own table, `ui/src/lib/i18n/en.ts`).
fn texts() -> String {
    format!(
        "\n/** The engine's fixed French sentences, written once in Rust. */\nexport const TEXTS = {{\n  dso_method: {:?},\n}} as const;\n",
        tact_core::dashboard::DSO_METHOD
    )
}

/// The size of « Aujourd'hui »'s first page, which the books compute while the window starts and the interface asks
/// for at once.
fn first_page() -> String {
    format!(
        "\n/** The clients on « Aujourd'hui »'s first page, computed by the books while the window starts. */\nexport const FIRST_PAGE = {};\n",
        tact_usecases::books::FIRST_PAGE
    )
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
    }

    /// Every source of every CSP directive is one the app needs (its own files, the IPC, inline styles, images
    /// drawn in the page); anything else — a remote origin, a wildcard, `unsafe-eval` — fails, directive by
    /// directive.
    #[test]
    fn the_csp_allows_nothing_remote() {
        let conf: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(here("tauri.conf.json")).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let csp = conf["app"]["security"]["csp"]
            .as_object()
            .unwrap_or_else(|| panic!("the CSP must be an object of directives"));
        let allowed = |directive: &str, source: &str| match directive {
            "style-src" => matches!(source, "'self'" | "'unsafe-inline'"),
            "img-src" => matches!(source, "'self'" | "data:" | "blob:"),
            "connect-src" => matches!(source, "ipc:" | "http://ipc.localhost"),
            "object-src" | "base-uri" | "form-action" | "frame-ancestors" => source == "'none'",
            _ => source == "'self'",
        };
        for required in ["default-src", "script-src", "connect-src", "object-src"] {
            assert!(csp.contains_key(required), "the CSP must set {required}");
        }
        for (directive, sources) in csp {
            let sources = sources.as_str().unwrap_or_default();
            assert!(!sources.trim().is_empty(), "{directive} is empty");
            for source in sources.split_whitespace() {
                assert!(
                    allowed(directive, source),
                    "CSP {directive}: {source} is not allowed (no remote origin, no wildcard)"
                );
            }
        }
    }

    /// ts-rs types every i64 as `bigint`; serde sends it as a JSON number, exact in JavaScript only up to 2^53.
    /// The bindings say `number`, which is true only for ids, counts and day numbers: every field ts-rs typed
    /// `bigint` must be one of those, and amounts must be strings. A new i64 field holding money, or anything
    /// that could pass 2^53, fails here.
    #[test]
    fn only_ids_and_counts_cross_the_ipc_as_numbers() {
        let mut c = Collect {
            seen: HashSet::new(),
            decls: BTreeMap::new(),
        };
        crate::commands::visit_types(&mut c);
        let raw: String = c.decls.values().cloned().collect::<Vec<_>>().join("\n");
        let small = |field: &str| {
            field == "id"
                || field.ends_with("_id")
                || field.ends_with("_ids")
                || field.starts_with("days")
                || field.ends_with("_days")
                || field.contains("days_late")
                || matches!(field, "size" | "corrects" | "corrected_by" | "replaces")
                // lists of invoice ids (a step's, a calendar form's)
                || field == "invoices"
        };
        let mut seen_bigint = 0;
        let mut wrong: Vec<String> = Vec::new();
        for decl in c.decls.values() {
            // Doc comments first: they may hold colons.
            let mut code = String::new();
            let mut rest = decl.as_str();
            while let Some(start) = rest.find("/*") {
                code.push_str(&rest[..start]);
                rest = rest[start..]
                    .find("*/")
                    .and_then(|end| rest.get(start.saturating_add(end).saturating_add(2)..))
                    .unwrap_or("");
            }
            code.push_str(rest);
            for part in code.split(['{', ',', ';', '}']) {
                let Some((field, ty)) = part.split_once(':') else {
                    continue;
                };
                let field = field.trim();
                if ty.contains("bigint") {
                    seen_bigint += 1;
                    if !small(field) {
                        wrong.push(format!("{field}:{ty}"));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "would reach JavaScript as numbers: {wrong:?}"
        );
        assert!(
            seen_bigint > 0,
            "the check found no i64 at all: it is not reading the declarations"
        );
        assert!(raw.contains("amount: string"), "amounts cross as strings");
        assert!(!typescript().contains("bigint"));
    }

    #[test]
    fn arguments_are_camel_case() {
        assert_eq!(camel_case("as_of"), "asOf");
        assert_eq!(camel_case("id"), "id");
    }
}
