//! For tests: the e-invoices made by independent tools (tests/einvoices/generate.py with factur-x, drafthorse,
//! pypdf and lxml from PyPI, which scripts/test installs into .tools/py), in a fresh temporary folder.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

/// The generated e-invoices' folder, and the handle that keeps it.
pub fn generate() -> (tempfile::TempDir, PathBuf) {
    run("generate.py")
}

/// The generated bank statements (tests/einvoices/statements.py: ofxtools, lxml), in a fresh temporary folder.
pub fn statements() -> (tempfile::TempDir, PathBuf) {
    run("statements.py")
}

fn run(script: &str) -> (tempfile::TempDir, PathBuf) {
    let python = std::env::var_os("TACT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tools/py/bin/python"));
    assert!(
        python.exists(),
        "{} is missing: run scripts/test once (it installs factur-x and drafthorse into .tools/py), or set TACT_PYTHON",
        python.display()
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(&python)
        .arg(root().join("tests/einvoices").join(script))
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", python.display()));
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().to_path_buf();
    (dir, path)
}
