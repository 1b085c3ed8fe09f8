//! `hubtui types` and `hubtui props TYPE`.

use super::{CliError, Connection};
use crate::cli::TypesArgs;

use crate::api::standard::STANDARD_TYPES;

pub async fn types(conn: &Connection, _: TypesArgs) -> Result<(), CliError> {
    let schemas = conn.client.schemas().await?;
    println!("{:<14} {:<24} LABEL", "TYPE ID", "NAME");
    for s in &schemas {
        println!("{:<14} {:<24} {} (custom: {})", s.object_type_id, s.name, s.labels.plural, s.fully_qualified_name);
    }
    for (id, name, label, _) in STANDARD_TYPES {
        println!("{id:<14} {name:<24} {label}");
    }
    Ok(())
}

pub async fn props(conn: &Connection, object_type: String) -> Result<(), CliError> {
    let props = conn.client.properties(&object_type).await?;
    println!("{:<32} {:<12} {:<16} {:<32} FLAGS", "NAME", "TYPE", "FIELD TYPE", "LABEL");
    for p in &props {
        let mut flags = Vec::new();
        if p.has_unique_value {
            flags.push("unique");
        }
        if p.read_only_value() {
            flags.push("read-only");
        }
        if p.hidden {
            flags.push("hidden");
        }
        if p.calculated {
            flags.push("calculated");
        }
        println!("{:<32} {:<12} {:<16} {:<32} {}", p.name, p.kind, p.field_type, p.label, flags.join(","));
    }
    Ok(())
}
