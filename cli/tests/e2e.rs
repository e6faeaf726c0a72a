//! The `kubetoken` binary end to end: real process, stdin, exit status.

// Test code: a failed expect is a test failure.
#![allow(clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> (Vec<u8>, Vec<u8>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubetoken"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(stdin);
    }
    let out = child.wait_with_output().expect("wait");
    (out.stdout, out.stderr, out.status.code().unwrap_or(-1))
}

#[test]
fn create_then_list_then_redact() {
    let (secret, err, code) = run(&["create", "--token", "9a08jv.c0izixklcxtmnze7"], b"");
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let parsed = kubetoken::Secret::parse(&secret).expect("a Secret");
    assert_eq!(
        kubetoken::TokenSpec::from_secret(&parsed)
            .expect("a token")
            .token
            .expose(),
        "9a08jv.c0izixklcxtmnze7"
    );
    let (listed, _, code) = run(&["list"], &secret);
    assert_eq!(code, 0);
    assert!(String::from_utf8_lossy(&listed).contains("9a08jv"));
    let (red, _, _) = run(
        &["redact"],
        b"Authorization: Bearer 9a08jv.c0izixklcxtmnze7\n",
    );
    assert_eq!(red, b"Authorization: Bearer 9a08jv.****************\n");
}

#[test]
fn errors_and_usage() {
    let (out, err, code) = run(&["create", "--token", "9a08jv.c0izixklcxtmnzeX"], b"");
    assert_eq!((out.is_empty(), code), (true, 1));
    let err = String::from_utf8(err).expect("utf-8");
    assert!(
        err.contains("invalid_token") && !err.contains("c0izixklcxtmnze"),
        "{err}"
    );
    let (_, _, code) = run(&["frobnicate"], b"");
    assert_eq!(code, 2);
}
