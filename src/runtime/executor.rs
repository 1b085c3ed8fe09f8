//! Runs `Command`s as tokio tasks through the API client; each sends exactly one result
//! message back. The only place that spawns.

use std::path::PathBuf;

use tokio::sync::mpsc::Sender;

use super::Event;
use crate::api::Client;
use crate::api::objects::ReadParams;
use crate::api::standard::STANDARD_TYPES;
use crate::app::command::Command;
use crate::app::msg::{ApiMsg, Msg};
use crate::app::state::TypeInfo;

/// What tasks need: the client, the channel back, the config directory.
#[derive(Debug, Clone)]
pub struct Executor {
    pub client: Client,
    pub tx: Sender<Event>,
    pub config_dir: PathBuf,
    /// Where staged changes are journalled.
    pub data_dir: PathBuf,
}

impl Executor {
    /// Starts a command; its result arrives on the channel.
    pub fn execute(&self, cmd: Command) {
        let this = self.clone();
        tokio::spawn(async move {
            let msg = this.run(cmd).await;
            // A send error means the UI is gone: nothing to do.
            let _ = this.tx.send(Event::Msg(Msg::Api(Box::new(msg)))).await;
        });
    }

    /// A progress callback for long batch writes: each step becomes a `Msg::Progress`
    /// (dropped when the channel is full — the final result always arrives).
    fn progress(&self) -> crate::api::batch::Progress {
        let tx = self.tx.clone();
        std::sync::Arc::new(move |done, total| {
            let _ = tx.try_send(Event::Msg(Msg::Progress { done, total }));
        })
    }

    async fn run(&self, cmd: Command) -> ApiMsg {
        let client = &self.client;
        let text = super::error_text;
        match cmd {
            Command::FetchTypes { req } => match types(client).await {
                Ok(types) => ApiMsg::TypesLoaded { req, types },
                Err(e) => ApiMsg::TypesFailed { req, error: text(&e) },
            },
            Command::FetchProperties { req, type_id } => match super::records::properties(client, &type_id).await {
                Ok(properties) => ApiMsg::PropertiesLoaded { req, properties },
                Err(e) => ApiMsg::PropertiesFailed { req, error: text(&e) },
            },
            Command::FetchPage { req, type_id, after, properties: _, search: Some(request), .. } => {
                match super::records::search_page(client, &type_id, &request, after.as_deref()).await {
                    Ok((records, next_after, search)) => {
                        ApiMsg::PageLoaded { req, records, next_after, search: Some(search) }
                    }
                    Err(e) => ApiMsg::PageFailed { req, error: text(&e) },
                }
            }
            Command::FetchPage { req, type_id, after, properties, search: None, archived } => {
                let params = ReadParams { properties, archived, ..ReadParams::default() };
                match client.list_page(&type_id, &params, 100, after.as_deref()).await {
                    Ok(page) => ApiMsg::PageLoaded {
                        req,
                        records: page.results,
                        next_after: page.paging.map(|p| p.next.after),
                        search: None,
                    },
                    Err(e) => ApiMsg::PageFailed { req, error: text(&e) },
                }
            }
            Command::FetchSlice { req, type_id, properties, edge } => {
                match super::records::slice(client, &type_id, properties, &edge).await {
                    Ok((records, total)) => ApiMsg::SliceLoaded { req, records, total },
                    Err(e) => ApiMsg::PageFailed { req, error: text(&e) },
                }
            }
            Command::FetchRecord { req, type_id, id, id_property, properties, associations, archived } => {
                let read = super::records::Read { id_property, properties, associations, archived };
                match super::records::record(client, &type_id, &id, read).await {
                    Ok(record) => ApiMsg::RecordLoaded { req, record },
                    Err(e) => ApiMsg::RecordFailed {
                        req,
                        not_found: matches!(e, crate::api::Error::NotFound { .. }),
                        error: text(&e),
                    },
                }
            }
            Command::FetchActivities { req, items } => match super::records::activities(client, items).await {
                Ok(activities) => ApiMsg::ActivitiesLoaded { req, activities },
                Err(e) => ApiMsg::ActivitiesFailed { req, error: text(&e) },
            },
            Command::FetchAccount => match super::records::web_base(client).await {
                Ok(web_base) => ApiMsg::AccountLoaded { web_base },
                Err(e) => ApiMsg::Notice { text: format!("No links to HubSpot's web app: {}", text(&e)), error: true },
            },
            Command::SaveChanges { req, type_id, items } => {
                super::save::save_changes(client, req, type_id, items, self.progress()).await
            }
            Command::Pin { req, type_id, id, engagement } => {
                let mut props = serde_json::Map::new();
                props.insert(
                    "hs_pinned_engagement_id".into(),
                    engagement.map_or(serde_json::Value::String(String::new()), serde_json::Value::String),
                );
                let r = client.update(&type_id, &id, props, None).await;
                ApiMsg::Pinned { req, error: r.err().map(|e| text(&e)) }
            }
            Command::CreateRecord { req, type_id, properties, association } => {
                super::save::create(client, req, &type_id, properties, association).await
            }
            Command::CreateRecords { req, type_id, rows, association } => {
                super::save::create_many(client, req, &type_id, rows, association, self.progress()).await
            }
            Command::CreateNote { req, on, body } => super::save::note_and_pin(client, req, on, body).await,
            Command::FindRecords { req, type_id, query, properties } => {
                super::save::find(client, req, &type_id, query, properties).await
            }
            Command::FetchLabels { req, from, to } => super::save::labels(client, req, &from, &to).await,
            Command::AssociateMany { req, from_type, ids, to, assoc } => {
                super::save::associate_many(client, req, &from_type, ids, to, assoc).await
            }
            Command::Associate { req, from, to, assoc } => super::save::associate(client, req, from, to, assoc).await,
            Command::ReadImport { req, path } => super::save::read_import(req, path).await,
            Command::Upsert { req, type_id, id_property, items } => {
                super::save::upsert(client, req, &type_id, &id_property, items, self.progress()).await
            }
            Command::Merge { req, type_id, primary, other } => match client.merge(&type_id, &primary, &other).await {
                Ok(record) => ApiMsg::Merged { req, record: Some(record), error: None },
                Err(e) => ApiMsg::Merged { req, record: None, error: Some(text(&e)) },
            },
            Command::ArchiveRecords { req, type_id, ids } => super::save::archive(client, req, type_id, ids).await,
            Command::RestoreRecord { req, type_id, id } => {
                let path = format!("/__hubtui/objects/{type_id}/{id}/restore");
                let r: Result<serde_json::Value, _> =
                    client.send(reqwest::Method::POST, &path, &[], None::<&()>, crate::api::Safety::Repeatable).await;
                ApiMsg::Restored { req, id, error: r.err().map(|e| text(&e)) }
            }
            Command::FetchOldValues { type_id, property, ids } => {
                super::values::old_values(client, type_id, property, ids).await
            }
            Command::FetchAllIds { req, type_id, search } => super::save::all_ids(client, req, &type_id, *search).await,
            Command::SaveDrafts { staged } => match super::save::save_drafts(&self.data_dir, &staged).await {
                Ok(()) => ApiMsg::Notice { text: String::new(), error: false },
                Err(e) => ApiMsg::Notice { text: format!("Staged changes not journalled: {e}"), error: true },
            },
            Command::SaveSearches { type_id, saved, last } => {
                match super::prefs::save_searches(&self.config_dir, &type_id, &saved, last.as_ref()).await {
                    Ok(()) => ApiMsg::Notice { text: String::new(), error: false },
                    Err(e) => ApiMsg::Notice { text: format!("Searches not saved: {e}"), error: true },
                }
            }
            Command::SaveColumns { columns } => match super::prefs::save_columns(&self.config_dir, &columns).await {
                Ok(()) => ApiMsg::Notice { text: "Columns saved".into(), error: false },
                Err(e) => ApiMsg::Notice { text: format!("Columns not saved: {e}"), error: true },
            },
            // Handled by the loop itself (they touch the terminal); never spawned.
            Command::Copy { .. } | Command::OpenUrl { .. } => {
                ApiMsg::Notice { text: "internal: effect sent to the executor".into(), error: true }
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
            required: s.required_properties,
        })
        .collect();
    out.extend(STANDARD_TYPES.iter().map(|(id, _, label, cols)| TypeInfo {
        type_id: (*id).to_owned(),
        label: (*label).to_owned(),
        custom: false,
        columns: cols.iter().map(|c| (*c).to_owned()).collect(),
        required: Vec::new(),
    }));
    Ok(out)
}
