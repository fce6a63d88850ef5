//! Declares the app's own commands so that each needs an explicit permission in capabilities/ (least privilege).
//! Keep this list equal to `commands::COMMAND_NAMES` (a test checks it).

const COMMANDS: &[&str] = &[
    "app_info",
    "today",
    "get_business",
    "set_business",
    "load_demo",
    "client_page",
    "client_detail",
    "add_client",
    "update_client",
    "set_client_archived",
    "invoice_page",
    "get_invoice",
    "add_invoice",
    "update_invoice",
    "record_payment",
    "add_credit_note",
    "add_journal_entry",
    "agenda",
    "suggestion",
    "draft",
    "call_confirmation",
    "mark_done",
    "postpone",
    "client_overrides",
    "set_client_overrides",
    "get_policy",
    "set_policy",
    "reset_policy",
    "save_eml",
    "open_in_mail",
    "letter_preview",
    "finalize_letter",
    "save_letter_pdf",
    "open_letter",
    "client_letters",
    "set_letter_mailing",
    "client_penalties",
    "rate_tables",
    "add_ecb_rate",
    "add_legal_rate",
    "reset_rates",
    "suggested_plan",
    "preview_plan",
    "propose_plan",
    "sign_plan",
    "client_plans",
    "plan_draft",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build: {e}"));
}
