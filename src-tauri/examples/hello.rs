//! A hello-world Tauri window: the floor the desktop benchmark (scripts/bench-desktop) measures Tact against,
//! with the same script. Not shipped.

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!("bench/hello/tauri.conf.json"))
        .unwrap_or_else(|e| panic!("hello: {e}"));
}
