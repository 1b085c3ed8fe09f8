//! Runs `Command`s as tokio tasks through the API client; each sends exactly one result
//! message back. The only place that spawns.

use tokio::sync::mpsc::Sender;

use super::Event;
use crate::api::Client;
use crate::api::objects::ReadParams;
use crate::api::standard::STANDARD_TYPES;
use crate::app::command::Command;
use crate::app::msg::{ApiMsg, Msg};
use crate::app::state::TypeInfo;

/// Starts a command; its result arrives on `tx`.
pub fn execute(client: &Client, tx: &Sender<Event>, cmd: Command) {
    let client = client.clone();
    let tx = tx.clone();
    tokio::spawn(async move {
        let msg = run(&client, cmd).await;
        // A send error means the UI is gone: nothing to do.
        let _ = tx.send(Event::Msg(Msg::Api(Box::new(msg)))).await;
    });
}

async fn run(client: &Client, cmd: Command) -> ApiMsg {
    match cmd {
        Command::FetchTypes { req } => match types(client).await {
            Ok(types) => ApiMsg::TypesLoaded { req, types },
            Err(e) => ApiMsg::TypesFailed { req, error: super::error_text(&e) },
        },
        Command::FetchProperties { req, type_id } => match client.properties(&type_id).await {
            Ok(properties) => ApiMsg::PropertiesLoaded { req, properties },
            Err(e) => ApiMsg::PropertiesFailed { req, error: super::error_text(&e) },
        },
        Command::FetchPage { req, type_id, after, properties } => {
            let params = ReadParams { properties, ..ReadParams::default() };
            match client.list_page(&type_id, &params, 100, after.as_deref()).await {
                Ok(page) => {
                    ApiMsg::PageLoaded { req, records: page.results, next_after: page.paging.map(|p| p.next.after) }
                }
                Err(e) => ApiMsg::PageFailed { req, error: super::error_text(&e) },
            }
        }
        Command::FetchRecord { req, type_id, id, properties, associations } => {
            let params = ReadParams {
                properties: properties.clone(),
                properties_with_history: properties,
                associations,
                ..ReadParams::default()
            };
            match client.get(&type_id, &id, &params).await {
                Ok(record) => ApiMsg::RecordLoaded { req, record },
                Err(e) => ApiMsg::RecordFailed { req, error: super::error_text(&e) },
            }
        }
    }
}

/// Custom objects first (from the schemas API), then the standard types.
async fn types(client: &Client) -> Result<Vec<TypeInfo>, crate::api::Error> {
    let mut out: Vec<TypeInfo> = client
        .schemas()
        .await?
        .into_iter()
        .map(|s| TypeInfo {
            type_id: s.object_type_id,
            label: s.labels.plural,
            custom: true,
            columns: s.primary_display_property.into_iter().chain(s.secondary_display_properties).collect(),
        })
        .collect();
    out.extend(STANDARD_TYPES.iter().map(|(id, _, label, cols)| TypeInfo {
        type_id: (*id).to_owned(),
        label: (*label).to_owned(),
        custom: false,
        columns: cols.iter().map(|c| (*c).to_owned()).collect(),
    }));
    Ok(out)
}
