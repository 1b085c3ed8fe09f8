//! Runs `Command`s as tokio tasks through the API client; each sends exactly one result
//! message back. The only place that spawns. It dispatches each command to its effect
//! (`effects/`, one file per concept) and owns nothing else.

use std::path::PathBuf;

use tokio::sync::mpsc::Sender;

use super::effects::{
    activities, associations, changes, create, definitions, drafts, export, import, lifecycle, names, pages, paths,
    pins, prefs, record, undo,
};
use super::event::Event;
use crate::api::Client;
use crate::api::batch::Progress;
use crate::app::command::Command;
use crate::app::msg::Msg;

/// What tasks need: the client, the channel back, the config directory.
#[derive(Debug, Clone)]
pub struct Executor {
    pub client: Client,
    pub tx: Sender<Event>,
    pub config_dir: PathBuf,
    /// Where staged changes are journalled (the portal's own directory).
    pub data_dir: PathBuf,
    /// Where every write is logged.
    pub log: crate::writelog::WriteLog,
}

impl Executor {
    /// Starts a command; its result arrives on the channel.
    pub fn execute(&self, cmd: Command) {
        let this = self.clone();
        tokio::spawn(async move {
            // Every write is logged: pending before it goes out, with its results after.
            let entry = super::effects::logged::begin(&this.client, &this.log, &cmd).await;
            let msg = this.run(cmd).await;
            super::effects::logged::finish(&this.log, entry, &msg).await;
            // A send error means the UI is gone: nothing to do.
            let _ = this.tx.send(Event::Msg(Box::new(msg))).await;
        });
    }

    /// A progress callback for long batch writes: each step becomes a `Msg::Progress`
    /// (dropped when the channel is full — the final result always arrives).
    fn progress(&self) -> Progress {
        let tx = self.tx.clone();
        std::sync::Arc::new(move |done, total| {
            let _ = tx.try_send(Event::Msg(Box::new(Msg::Progress { done, total })));
        })
    }

    /// The command's effect, answered with its one result.
    async fn run(&self, cmd: Command) -> Msg {
        let c = &self.client;
        match cmd {
            // What the portal defines.
            Command::FetchTypes { req } => definitions::types(c, req).await,
            Command::FetchProperties { req, type_id } => definitions::properties(c, req, &type_id).await,
            Command::FetchAccount => definitions::account(c).await,
            Command::FetchCount { req, type_id } => definitions::count(c, req, &type_id).await,
            Command::FetchMatches { req, type_id, search } => definitions::matches(c, req, &type_id, &search).await,
            // The records a table shows.
            Command::FetchPage { req, type_id, after, search: Some(request), .. } => {
                pages::search_page(c, req, &type_id, &request, after).await
            }
            Command::FetchPage { req, type_id, after, properties, search: None, archived } => {
                pages::list_page(c, req, &type_id, properties, archived, after).await
            }
            Command::FetchSlice { req, type_id, properties, edge } => {
                pages::slice(c, req, &type_id, properties, &edge).await
            }
            Command::SearchType { req, type_id, query, properties } => {
                pages::search_type(c, req, &type_id, query, properties).await
            }
            Command::FetchAllIds { req, type_id, search } => pages::all_ids(c, req, &type_id, *search).await,
            // One record and its activities.
            Command::FetchRecord { req, type_id, id, id_property, properties, associations, archived } => {
                let read = record::Read { id_property, properties, associations, archived };
                record::record(c, req, &type_id, &id, read).await
            }
            Command::FetchActivities { req, items } => activities::activities(c, req, items).await,
            Command::CheckMergeTarget { req, type_id, id, properties } => {
                record::merge_target(c, req, &type_id, &id, properties).await
            }
            Command::FetchNames { req, items } => names::names(c, req, items).await,
            // Staged changes.
            Command::SaveChanges { req, type_id, items } => {
                changes::save_changes(c, req, type_id, items, self.progress()).await
            }
            Command::FetchOldValues { type_id, property, ids } => changes::old_values(c, type_id, property, ids).await,
            // New records, pins and notes.
            Command::CreateRecord { req, type_id, properties, association } => {
                create::create(c, req, &type_id, properties, association).await
            }
            Command::CreateRecords { req, type_id, rows, association } => {
                create::create_many(c, req, &type_id, rows, association, self.progress()).await
            }
            Command::Pin { req, type_id, id, engagement } => pins::pin(c, req, &type_id, &id, engagement).await,
            Command::CreateNote { req, on, body } => pins::note_and_pin(c, &self.log, req, on, body).await,
            // Associations.
            Command::FindRecords { req, type_id, query, properties } => {
                associations::find(c, req, &type_id, query, properties).await
            }
            Command::FetchLabels { req, from, to } => associations::labels(c, req, &from, &to).await,
            Command::Associate { req, from, to, assoc } => associations::associate(c, req, &from, &to, assoc).await,
            Command::AssociateMany { req, from_type, ids, to, assoc } => {
                associations::associate_many(c, req, &from_type, &ids, &to, assoc).await
            }
            // Merge, archive, restore.
            Command::Merge { req, type_id, primary, other } => {
                lifecycle::merge(c, req, &type_id, &primary, &other).await
            }
            Command::ArchiveRecords { req, type_id, ids } => lifecycle::archive(c, req, type_id, ids).await,
            Command::RestoreRecord { req, type_id, id } => lifecycle::restore(c, req, &type_id, id).await,
            // Import and export.
            Command::Upsert { req, type_id, id_property, items } => {
                import::upsert(c, &self.log, req, &type_id, &id_property, items, self.progress()).await
            }
            Command::Export { req, type_id, path, columns, search, by_id, archived, total } => {
                let x = export::Export { type_id, path, columns, search: search.map(|s| *s), by_id, archived, total };
                export::export(c, req, x, self.progress()).await
            }
            other => self.run_local(other).await,
        }
    }

    /// The effects on local files (and the two the loop keeps for itself).
    async fn run_local(&self, cmd: Command) -> Msg {
        match cmd {
            Command::ReadImport { req, path } => import::read_import(req, path).await,
            Command::SaveDrafts { staged } => drafts::journal(&self.data_dir, &staged).await,
            Command::SaveSearches { type_id, saved, last } => {
                prefs::remember_searches(&self.config_dir, &type_id, &saved, last.as_ref()).await
            }
            Command::SaveColumns { columns } => prefs::remember_columns(&self.config_dir, &columns).await,
            Command::CompletePath { req, typed } => paths::complete(req, typed).await,
            Command::SaveWidths { widths } => prefs::remember_widths(&self.config_dir, &widths).await,
            Command::CountFilled { req, type_id, names } => {
                super::effects::fill::count_filled(&self.client, &self.tx, req, &type_id, names).await
            }
            Command::FetchGroups { req, type_id } => {
                super::effects::prop_write::groups(&self.client, req, type_id).await
            }
            Command::CreateSchema { req, egg } => {
                super::effects::prop_write::create_schema(&self.client, req, &egg).await
            }
            Command::WriteProperty { req, type_id, write } => {
                super::effects::prop_write::write(&self.client, req, &type_id, write).await
            }
            Command::FetchPipelines { req, type_id } => {
                super::effects::board::pipelines(&self.client, req, &type_id).await
            }
            Command::FetchStage { req, type_id, col, request } => {
                super::effects::board::stage(&self.client, req, &type_id, col, *request).await
            }
            Command::SumStage { req, type_id, col, request, property } => {
                super::effects::board::sum(&self.client, req, &type_id, col, *request, &property).await
            }
            Command::FreqRange { req, type_id, property, requests } => {
                super::effects::freq::range(&self.client, req, &type_id, &property, &requests).await
            }
            Command::CountEach { req, type_id, requests } => {
                super::effects::freq::count_each(&self.client, &self.tx, req, &type_id, requests).await
            }
            Command::Deliver { msg } => *msg,
            Command::ReadLog { req } => {
                let log = self.log.clone();
                let entries = tokio::task::spawn_blocking(move || log.entries()).await.unwrap_or_default();
                Msg::Log(crate::app::msg::LogMsg::Read { req, entries, at: crate::timefmt::now_ms() })
            }
            Command::UndoEntry { req, entry } => {
                let (text, error) =
                    match undo::undo(&self.client, &self.log, &entry, false, Some(self.progress())).await {
                        Ok(done) => (done.toast(&entry), !done.errors.is_empty() || !done.plan.held.is_empty()),
                        Err(why) => (why, true),
                    };
                Msg::Log(crate::app::msg::LogMsg::Undone { req, text, error })
            }
            // Handled by the loop itself (they touch the terminal); never spawned.
            _ => Msg::Notice { text: "internal: effect sent to the executor".into(), error: true },
        }
    }
}
