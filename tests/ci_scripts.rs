//! Issue 12.18: the SDK conformance script found its binary only under `./target` and waited
//! for a ready line forever; now it finds the binary where cargo puts it and every wait ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn script() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/run.sh")
}

fn fake_bin(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("debug/hubtui");
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    std::fs::write(&bin, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[test]
fn a_server_that_exits_fails_the_run_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    fake_bin(dir.path(), &format!("touch {}; exit 7", marker.display()));
    let out = Command::new("bash").arg(script()).env("CARGO_TARGET_DIR", dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(marker.exists(), "the binary under CARGO_TARGET_DIR was not the one started: {err}");
    assert!(!out.status.success());
    assert!(err.contains("exited (status 7) before it was ready"), "{err}");
}

#[test]
fn a_server_that_never_gets_ready_fails_after_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    // Says nothing and stays up (until the script kills it).
    fake_bin(dir.path(), "exec sleep 600");
    let out = Command::new("bash")
        .arg(script())
        .env("CARGO_TARGET_DIR", dir.path())
        .env("HUBTUI_READY_TIMEOUT", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("was not ready after 1 s"), "{err}");
}
