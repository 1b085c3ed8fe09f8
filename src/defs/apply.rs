//! Sending a plan to the target portal, one item at a time, each reported as it ends.
//! New schemas go first; then the target is read again and the rest planned against what
//! it really has (a new schema comes with HubSpot's own properties and its first ones).

use std::collections::BTreeMap;

use crate::api::Client;
use crate::api::standard::STANDARD_TYPES;

use super::doc::Definitions;
use super::plan::{Step, plan};
use super::read::read_present;

/// How an apply went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub written: usize,
    pub failed: usize,
    pub skipped: usize,
}

/// The target's definitions for the source's types, and the plan against them.
///
/// # Errors
/// The target could not be read.
pub async fn planned(client: &Client, source: &Definitions, prune: bool) -> Result<(Definitions, Vec<Step>), String> {
    let names: Vec<String> = source.types.iter().map(|t| t.name.clone()).collect();
    let (target, _) = read_present(client, &names, client.base_url()).await?;
    let steps = plan(source, &target, prune);
    Ok((target, steps))
}

/// Makes the target like `source` (deleting only when `prune`); `say` gets a line per item.
///
/// # Errors
/// The target could not be read (items already written are reported through `say`).
pub async fn apply(
    client: &Client,
    source: &Definitions,
    prune: bool,
    say: &mut dyn FnMut(&str),
) -> Result<Report, String> {
    let (target, first) = planned(client, source, prune).await?;
    let mut report = Report::default();
    let mut ids = type_ids(&target);
    let schemas: Vec<&Step> = first.iter().filter(|s| matches!(s, Step::CreateSchema { .. })).collect();
    for step in &schemas {
        if let Step::CreateSchema { egg } = step {
            match client.create_schema(egg).await {
                Ok(s) => {
                    ids.insert(s.name.clone(), s.object_type_id.clone());
                    report.written += 1;
                    say(&format!("✓ {}", step.describe()));
                }
                Err(e) => {
                    report.failed += 1;
                    say(&format!("✗ {}: {e}", step.describe()));
                }
            }
        }
    }
    let steps = if schemas.is_empty() { first } else { planned(client, source, prune).await?.1 };
    for step in steps.iter().filter(|s| !matches!(s, Step::CreateSchema { .. })) {
        if !step.writes() {
            report.skipped += 1;
            say(&format!("- {}", step.describe()));
            continue;
        }
        match send(client, step, &ids).await {
            Ok(()) => {
                report.written += 1;
                say(&format!("✓ {}", step.describe()));
            }
            Err(e) => {
                report.failed += 1;
                say(&format!("✗ {}: {e}", step.describe()));
            }
        }
    }
    Ok(report)
}

/// The target's type ids by name (custom types differ between portals).
fn type_ids(target: &Definitions) -> BTreeMap<String, String> {
    let mut ids: BTreeMap<String, String> =
        STANDARD_TYPES.iter().map(|(id, name, _, _)| ((*name).to_owned(), (*id).to_owned())).collect();
    ids.extend(target.types.iter().map(|t| (t.name.clone(), t.object_type_id.clone())));
    ids
}

async fn send(client: &Client, step: &Step, ids: &BTreeMap<String, String>) -> Result<(), crate::api::Error> {
    let id = |name: &str| ids.get(name).cloned().unwrap_or_else(|| name.to_owned());
    match step {
        Step::CreateGroup { object_type, group } => client.create_group(&id(object_type), group).await.map(drop),
        Step::UpdateGroup { object_type, group } => client.update_group(&id(object_type), group).await.map(drop),
        Step::CreateProperty { object_type, body } => client.create_property(&id(object_type), body).await.map(drop),
        Step::UpdateProperty { object_type, name, body, .. } => {
            client.update_property(&id(object_type), name, body).await.map(drop)
        }
        Step::PutRule { object_type, property, rule } => {
            client.put_validation_rule(&id(object_type), property, rule).await
        }
        Step::UpdateSchema { object_type, patch } => client.update_schema(&id(object_type), patch).await.map(drop),
        Step::AddAssociation { object_type, to } => {
            let from = id(object_type);
            client.create_association_definition(&from, &from, &id(to)).await.map(drop)
        }
        Step::AddLabel { object_type, to, label } => {
            client.create_association_label(&id(object_type), &id(to), &crate::model::internal_name(label), label).await
        }
        Step::ArchiveProperty { object_type, name } => client.archive_property(&id(object_type), name).await,
        Step::ArchiveGroup { object_type, name } => client.archive_group(&id(object_type), name).await,
        Step::CreateSchema { egg } => client.create_schema(egg).await.map(drop),
        Step::Skip { .. } => Ok(()),
    }
}
