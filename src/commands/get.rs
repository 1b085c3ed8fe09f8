//! `hubtui get TYPE ID`.

use super::{CliError, Connection, print_json};
use crate::api::objects::ReadParams;
use crate::cli::GetArgs;

/// The unique property `--id-property` names: exact, else the one that matches ignoring case.
async fn id_property(conn: &Connection, type_id: &str, name: Option<String>) -> Result<Option<String>, CliError> {
    let Some(name) = name else { return Ok(None) };
    let props = conn.client.properties(type_id).await?;
    if props.iter().any(|p| p.name == name) {
        return Ok(Some(name));
    }
    let folded: Vec<&str> =
        props.iter().filter(|p| p.name.eq_ignore_ascii_case(&name)).map(|p| p.name.as_str()).collect();
    Ok(Some(match folded.as_slice() {
        [one] => (*one).to_owned(),
        _ => name,
    }))
}

pub async fn run(conn: &Connection, a: GetArgs) -> Result<(), CliError> {
    let id_prop = id_property(conn, &a.object_type, a.id_property.clone()).await?;
    let params = ReadParams {
        properties: a.properties,
        properties_with_history: a.history,
        associations: a.associations,
        archived: false,
        id_property: id_prop,
    };
    let record = conn.client.get(&a.object_type, &a.id, &params).await?;
    print_json(&record)
}
