//! With the default configuration hubtui speaks 2026-09: every request the app and the CLI
//! make goes to a 2026-09 path, or to the documented fallback (a record's associations, which
//! 2026-09 GA lacks, in 2026-03), as the local CRM's request journal records them; `v3` still
//! reaches the legacy paths.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::api::paths::ApiVersion;
use support::driver::Driver;

/// The journal's paths since the last clear (the admin extension's own calls left out).
async fn journal_paths(emu: &support::Emu) -> Vec<String> {
    let j = emu.call("GET", "/__hubtui/journal?limit=1000", None).await;
    j.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap_or_default().to_owned())
        .filter(|p| !p.starts_with("/__hubtui"))
        .collect()
}

fn dated_2026_09(p: &str) -> bool {
    let p = p.split('?').next().unwrap_or_default();
    let fallback = p.starts_with("/crm/objects/2026-03/") && p.contains("/associations/");
    fallback
        || [
            "/crm/objects/2026-09/",
            "/crm/properties/2026-09/",
            "/crm/property-validations/2026-09/",
            "/crm-object-schemas/2026-09/schemas",
            "/crm/associations/2026-09/",
            "/crm/pipelines/2026-09/",
            "/crm/owners/2026-09",
            "/account-info/2026-09/",
        ]
        .iter()
        .any(|prefix| p.starts_with(prefix))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_by_default_calls_only_2026_09_paths_or_the_fallback() {
    let emu = support::Emu::demo(300).await;
    emu.call("DELETE", "/__hubtui/journal", None).await;
    let mut d = Driver::start(&emu.base).await;
    // Browse, open, every record tab, a sort, an edit saved, a note, a new association.
    d.keys(&["enter", "]", "]", "]", "esc"]).await;
    d.keys(&["S"]).await;
    d.keys(&["enter", "j", "e"]).await;
    d.text("X").await;
    d.keys(&["enter", "w", "]", "]", "]", "N"]).await;
    d.text("Checked over").await;
    d.keys(&["ctrl-s", "[", "A"]).await;
    d.text("contacts").await;
    d.keys(&["enter"]).await;
    d.text("a").await;
    d.keys(&["enter", "enter", "enter"]).await;
    let paths = journal_paths(&emu).await;
    assert!(paths.len() > 10, "{paths:?}");
    let legacy: Vec<&String> = paths.iter().filter(|p| !dated_2026_09(p)).collect();
    assert!(legacy.is_empty(), "calls outside 2026-09: {legacy:?}");
    for family in ["/crm/objects/2026-09/", "/crm/properties/2026-09/", "/crm-object-schemas/2026-09/"] {
        assert!(paths.iter().any(|p| p.starts_with(family)), "{family} was used: {paths:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_speaking_v3_calls_the_legacy_paths() {
    let emu = support::Emu::demo(30).await;
    emu.call("DELETE", "/__hubtui/journal", None).await;
    let mut d = Driver::start_speaking(&emu.base, ApiVersion::Legacy).await;
    d.keys(&["enter"]).await;
    let paths = journal_paths(&emu).await;
    assert!(paths.iter().all(|p| p.starts_with("/crm/v3/") || p.starts_with("/crm/v4/")), "{paths:?}");
}

#[test]
fn the_cli_by_default_calls_only_2026_09_paths() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let emu = rt.block_on(support::Emu::demo(50));
    rt.block_on(emu.call("DELETE", "/__hubtui/journal", None));
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
            .args(args)
            .args(["--base-url", &emu.base, "--token", "t"])
            .env_remove("HUBSPOT_ACCESS_TOKEN")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["types"]);
    run(&["props", "cars"]);
    run(&["search", "cars", "--filter", "year GT 2000", "--limit", "5"]);
    run(&["search", "cars", "--all", "--filter", "year GT 2000"]);
    run(&["export", "cars", "--format", "csv", "--properties", "VIN,model"]);
    let paths = rt.block_on(journal_paths(&emu));
    assert!(!paths.is_empty());
    let legacy: Vec<&String> = paths.iter().filter(|p| !dated_2026_09(p)).collect();
    assert!(legacy.is_empty(), "calls outside 2026-09: {legacy:?}");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["types", "--base-url", &emu.base, "--token", "t", "--api-version", "2027-03"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "an unknown version is a usage error");
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("unknown --api-version \"2027-03\": use 2026-09 (the default), 2026-03 or v3"), "{err}");
    // A bad value in a profile is a configuration problem (exit 1) that says where it is.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "default_profile = \"loc\"\n[profiles.loc]\nbase_url = \"{}\"\ntoken = \"t\"\napi_version = \"2025-01\"\n",
            emu.base
        ),
    )
    .unwrap();
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["types"])
        .env("HUBTUI_CONFIG_DIR", dir.path())
        .env("HUBTUI_DATA_DIR", dir.path())
        .env_remove("HUBSPOT_ACCESS_TOKEN")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{err}");
    assert!(err.contains("profile \"loc\" has api_version = \"2025-01\""), "{err}");
}
