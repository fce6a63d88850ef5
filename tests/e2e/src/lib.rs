//! End-to-end tests live in tests/desktop.rs; this crate has no library code.
