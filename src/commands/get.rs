//! `hubtui get TYPE ID`.

use super::{CliError, Connection, print_json};
use crate::api::objects::ReadParams;
use crate::cli::GetArgs;

pub async fn run(conn: &Connection, a: GetArgs) -> Result<(), CliError> {
    let params = ReadParams {
        properties: a.properties,
        properties_with_history: a.history,
        associations: a.associations,
        archived: false,
        id_property: a.id_property,
    };
    let record = conn.client.get(&a.object_type, &a.id, &params).await?;
    print_json(&record)
}
