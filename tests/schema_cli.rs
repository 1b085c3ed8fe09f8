//! Issue 17.4: definitions between portals with the real binary and two `hubtui serve`s —
//! export from one, diff against the other, a dry run that writes nothing (the target's
//! journal), apply, diff again (empty); a property made this way is at once writable and
//! searchable; `--prune` asks and refuses without a terminal; refusals are per item.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use reqwest::Method;
use serde_json::{Value, json};

#[path = "support/cli.rs"]
mod cli_support;

use cli_support::{Env, Serve, stderr};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The source portal gets a custom enumeration on contacts, a group of its own and a
/// relabelled option on the demo cars' enumeration.
fn shape_source(a: &Serve) {
    let (s, g) = a.call(
        Method::POST,
        "/crm/v3/properties/contacts/groups",
        Some(json!({"name": "loyalty", "label": "Loyalty", "displayOrder": 7})),
    );
    assert_eq!(s, 201, "{g}");
    let (s, p) = a.call(
        Method::POST,
        "/crm/v3/properties/contacts",
        Some(json!({"name": "tier", "label": "Tier", "type": "enumeration", "fieldType": "select",
            "groupName": "loyalty", "options": [
                {"label": "Gold", "value": "gold", "displayOrder": 0, "hidden": false},
                {"label": "Silver", "value": "silver", "displayOrder": 1, "hidden": false}]})),
    );
    assert_eq!(s, 201, "{p}");
}

fn export(env: &Env, a: &Serve, file: &str) {
    let out =
        env.run(&["props", "export", "cars", "contacts", "deals", "-o", file, "--base-url", &a.base, "--token", "t"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote 3 types"), "{}", stderr(&out));
}

#[test]
fn export_diff_dry_run_apply_and_diff_again_is_empty() {
    let env = Env::new();
    let a = Serve::start(&["--records", "20"]);
    let b = Serve::start(&["--seed", "empty"]);
    shape_source(&a);
    let file = env.dir.path().join("defs.json");
    let file = file.to_str().unwrap();
    export(&env, &a, file);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(doc["format"], "hubtui-definitions/1");
    let cars = doc["types"].as_array().unwrap().iter().find(|t| t["name"] == "cars").unwrap();
    assert_eq!(cars["schema"]["primaryDisplayProperty"], "model", "{}", cars["schema"]);
    let vin = cars["properties"].as_array().unwrap().iter().find(|p| p["name"] == "VIN").unwrap();
    assert!(vin["validationRules"].as_array().is_some_and(|r| !r.is_empty()), "rules travel with the file: {vin}");

    let to = ["--to", b.base.as_str(), "--token", "t"];
    let diff = env.run(&[&["schema", "diff", "--from", file, "--json"][..], &to].concat());
    assert!(diff.status.success(), "{}", stderr(&diff));
    let diffs: Vec<Value> = serde_json::from_slice(&diff.stdout).unwrap();
    let has = |t: &str, change: &str, item: &str, name: &str| {
        diffs.iter().any(|d| d["objectType"] == t && d["change"] == change && d["item"] == item && d["name"] == name)
    };
    assert!(has("cars", "missing", "schema", "cars"), "{diffs:?}");
    assert!(has("contacts", "missing", "property", "tier"), "{diffs:?}");
    assert!(has("contacts", "missing", "group", "loyalty"), "{diffs:?}");
    let table = env.run(&[&["schema", "diff", "--from", a.base.as_str()][..], &to].concat());
    assert!(stdout(&table).contains("contacts  missing  property  tier"), "{}", stdout(&table));

    let dry = env.run(&[&["schema", "apply", file, "--dry-run"][..], &to].concat());
    assert!(dry.status.success(), "{}", stderr(&dry));
    let plan = stdout(&dry);
    assert!(plan.contains("would create schema cars (Cars)"), "{plan}");
    assert!(plan.contains("would create property contacts.tier (Tier, enumeration/select)"), "{plan}");
    assert!(plan.contains("nothing written (--dry-run)"), "{plan}");
    assert_eq!(b.writes(), Vec::<String>::new(), "a dry run writes nothing");

    let applied = env.run(&[&["schema", "apply", file][..], &to].concat());
    assert!(applied.status.success(), "{}\n{}", stdout(&applied), stderr(&applied));
    let report = stdout(&applied);
    assert!(report.contains("✓ create schema cars"), "{report}");
    assert!(report.contains("0 failed"), "{report}");
    assert!(!b.writes().is_empty());

    let again =
        env.run(&[&["schema", "diff", "--from", a.base.as_str(), "--types", "cars,contacts,deals"][..], &to].concat());
    assert_eq!(stdout(&again).trim(), "no differences", "{}", stdout(&again));
    let nothing = env.run(&[&["schema", "apply", file][..], &to].concat());
    assert!(stdout(&nothing).contains("nothing to write"), "{}", stdout(&nothing));

    // The new property is writable and searchable on the target at once.
    let (s, c) = b.call(
        Method::POST,
        "/crm/v3/objects/contacts",
        Some(json!({"properties": {"email": "t@x.io", "tier": "gold"}})),
    );
    assert_eq!(s, 201, "{c}");
    let found = env.json(&["search", "contacts", "--filter", "tier EQ gold", "--base-url", &b.base, "--token", "t"]);
    assert_eq!(found["total"], 1, "{found}");
    let (s, car) = b.call(Method::POST, "/crm/v3/objects/cars", Some(json!({"properties": {"VIN": "1HGCM82633A004352", "make": "Kia", "model": "Rio", "year": "2024", "maintenance_package": "basic"}})));
    assert_eq!(s, 201, "a car on the new schema, with its rules and options: {car}");
}

#[test]
fn changed_options_and_labels_are_updated_and_extras_kept_without_prune() {
    let env = Env::new();
    let a = Serve::start(&["--records", "5"]);
    let b = Serve::start(&["--records", "5"]);
    shape_source(&a);
    shape_source(&b);
    // The source relabels an option and adds one; the target has an option of its own.
    let opts = |extra: Value| {
        let mut o = vec![
            json!({"label": "Gold+", "value": "gold", "displayOrder": 0, "hidden": false}),
            json!({"label": "Silver", "value": "silver", "displayOrder": 1, "hidden": false}),
        ];
        o.push(extra);
        json!({ "options": o })
    };
    let (s, _) = a.call(
        Method::PATCH,
        "/crm/v3/properties/contacts/tier",
        Some(opts(json!({"label": "Bronze", "value": "bronze", "displayOrder": 2, "hidden": false}))),
    );
    assert_eq!(s, 200);
    let (s, _) = b.call(
        Method::PATCH,
        "/crm/v3/properties/contacts/tier",
        Some(opts(json!({"label": "Legacy", "value": "legacy", "displayOrder": 2, "hidden": false}))),
    );
    assert_eq!(s, 200);
    let (s, _) = b.call(Method::PATCH, "/crm/v3/properties/contacts/tier", Some(json!({"label": "Level"})));
    assert_eq!(s, 200);
    let (s, _) = b.call(Method::POST, "/crm/v3/properties/contacts", Some(json!({"name": "scratch", "label": "Scratch", "type": "string", "fieldType": "text", "groupName": "loyalty"})));
    assert_eq!(s, 201);
    let file = env.dir.path().join("d.json");
    let file = file.to_str().unwrap();
    let out = env.run(&["props", "export", "contacts", "-o", file, "--base-url", &a.base, "--token", "t"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let to = ["--to", b.base.as_str(), "--token", "t"];
    let table = stdout(&env.run(&[&["schema", "diff", "--from", file][..], &to].concat()));
    for line in [
        "contacts  changed  property  tier.label",
        "contacts  missing  option    tier=bronze",
        "contacts  extra    option    tier=legacy",
        "contacts  extra    property  scratch",
    ] {
        assert!(table.contains(line), "{line:?} in\n{table}");
    }
    let applied = env.run(&[&["schema", "apply", file][..], &to].concat());
    assert!(applied.status.success(), "{}", stderr(&applied));
    let (_, tier) = b.call(Method::GET, "/crm/v3/properties/contacts/tier", None);
    assert_eq!(tier["label"], "Tier");
    let values: Vec<&str> = tier["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["gold", "silver", "bronze", "legacy"], "the target's own option is kept: {tier}");
    assert_eq!(tier["options"][0]["label"], "Gold+");

    // Pruning deletes what only the target has: refused without a terminal, done with --yes.
    let refused = env.run(&[&["schema", "apply", file, "--prune"][..], &to].concat());
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("DELETE property contacts.scratch"), "{}", stderr(&refused));
    let (s, _) = b.call(Method::GET, "/crm/v3/properties/contacts/scratch", None);
    assert_eq!(s, 200, "nothing deleted without a confirmation");
    let pruned = env.run(&[&["schema", "apply", file, "--prune", "--yes"][..], &to].concat());
    assert!(pruned.status.success(), "{}", stderr(&pruned));
    let (s, _) = b.call(Method::GET, "/crm/v3/properties/contacts/scratch", None);
    assert_eq!(s, 404);
    let (_, tier) = b.call(Method::GET, "/crm/v3/properties/contacts/tier", None);
    assert_eq!(tier["options"].as_array().unwrap().len(), 3, "the extra option pruned: {tier}");
}

#[test]
fn a_refused_item_is_reported_and_the_rest_written() {
    let env = Env::new();
    let a = Serve::start(&["--records", "5"]);
    let b = Serve::start(&["--records", "5"]);
    shape_source(&a);
    let file = env.dir.path().join("d.json");
    let file = file.to_str().unwrap();
    let out = env.run(&["props", "export", "contacts", "-o", file, "--base-url", &a.base, "--token", "t"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A property whose type and field type do not go together: HubSpot refuses it.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let props = doc["types"][0]["properties"].as_array_mut().unwrap();
    let mut bad = props.iter().find(|p| p["name"] == "tier").unwrap().clone();
    bad["name"] = json!("broken");
    bad["fieldType"] = json!("date");
    props.push(bad);
    std::fs::write(file, doc.to_string()).unwrap();
    let applied = env.run(&["schema", "apply", file, "--to", &b.base, "--token", "t"]);
    assert_eq!(applied.status.code(), Some(4), "{}", stderr(&applied));
    let report = stdout(&applied);
    assert!(report.contains("✗ create property contacts.broken"), "{report}");
    assert!(report.contains("✓ create property contacts.tier"), "{report}");
    assert!(stderr(&applied).contains("1 failed"), "{}", stderr(&applied));
    // Not a definitions file: refused before anything is read.
    std::fs::write(file, "{\"a\": 1}").unwrap();
    let refused = env.run(&["schema", "apply", file, "--to", &b.base, "--token", "t"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("hubtui props export"), "{}", stderr(&refused));
}

/// A custom object only the target has is listed as an extra schema; a type named with
/// `--types` that the source lacks says which portal lacks it.
#[test]
fn a_schema_only_the_target_has_is_extra_and_a_missing_type_names_its_side() {
    let env = Env::new();
    let a = Serve::start(&["--seed", "empty"]);
    let b = Serve::start(&["--records", "5"]);
    let to = ["--to", b.base.as_str(), "--token", "t"];
    let diff = env.run(&[&["schema", "diff", "--from", a.base.as_str(), "--json"][..], &to].concat());
    assert!(diff.status.success(), "{}", stderr(&diff));
    let diffs: Vec<Value> = serde_json::from_slice(&diff.stdout).unwrap();
    assert!(
        diffs.iter().any(|d| d["objectType"] == "cars" && d["change"] == "extra" && d["item"] == "schema"),
        "{diffs:?}"
    );
    let named = env.run(&[&["schema", "diff", "--from", a.base.as_str(), "--types", "cars"][..], &to].concat());
    assert!(!named.status.success());
    assert!(stderr(&named).contains(&format!("{} has no type \"cars\"", a.base)), "{}", stderr(&named));
}
