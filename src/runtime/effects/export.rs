//! Exporting the records a table shows to a file, page by page (the file grows as pages
//! come; a million records never sit in memory): a type's records or recycle bin through the
//! list endpoint (no cap), a search through its pager — past HubSpot's 10,000 cap when it is
//! in id order, stopping there (and saying so) when it is sorted by something else.

use tokio::io::AsyncWriteExt;

use crate::api::Client;
use crate::api::batch::Progress;
use crate::api::objects::ReadParams;
use crate::api::paging::{ListPager, SearchPager};
use crate::app::msg::{BulkMsg, Msg};
use crate::app::state::ReqId;
use crate::export::{Format, RecordWriter};
use crate::model::{SearchRequest, SimplePublicObject};
use crate::runtime::error_text::error_text;

/// What to export.
#[derive(Debug)]
pub struct Export {
    pub type_id: String,
    pub path: String,
    pub columns: Vec<String>,
    pub search: Option<SearchRequest>,
    pub by_id: bool,
    pub archived: bool,
    pub total: Option<usize>,
}

/// Either pager, one page at a time.
enum Pages {
    List(ListPager),
    Search(SearchPager),
}

impl Pages {
    async fn next(&mut self) -> Option<Result<Vec<SimplePublicObject>, String>> {
        let page = match self {
            Self::List(p) => p.next_page().await,
            Self::Search(p) => p.next_page().await,
        };
        page.map(|r| r.map_err(|e| error_text(&e)))
    }
}

/// Writes the records to `x.path` (never over an existing file); one result says how it went.
pub async fn export(client: &Client, req: ReqId, x: Export, progress: Progress) -> Msg {
    let path = super::import::expand_home(&x.path);
    let Some(format) = Format::of_path(&path) else {
        return done(req, x.path, 0, None, Some("the file name must end in .csv, .json or .jsonl".into()));
    };
    let mut file = match tokio::fs::OpenOptions::new().write(true).create_new(true).open(&path).await {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let error = Some(format!("{} exists (kept) — choose another name", x.path));
            return Msg::Bulk(BulkMsg::Exported { req, path: x.path, count: 0, note: None, error, exists: true });
        }
        Err(e) => return done(req, x.path, 0, None, Some(e.to_string())),
    };
    let mut pages = match x.search {
        Some(mut s) => {
            s.properties.clone_from(&x.columns);
            s.limit = Some(200);
            if x.by_id {
                Pages::Search(SearchPager::exhaustive(client.clone(), &x.type_id, s))
            } else {
                Pages::Search(SearchPager::new(client.clone(), &x.type_id, s))
            }
        }
        None => {
            let params = ReadParams { properties: x.columns.clone(), archived: x.archived, ..ReadParams::default() };
            Pages::List(ListPager::new(client.clone(), &x.type_id, params, 100))
        }
    };
    let mut writer = RecordWriter::new(format, x.columns.clone());
    let written = async {
        while let Some(page) = pages.next().await {
            let bytes = writer.records(&page?)?;
            file.write_all(&bytes).await.map_err(|e| e.to_string())?;
            if let Some(total) = x.total {
                progress(writer.written(), total);
            }
        }
        file.write_all(&writer.finish()).await.map_err(|e| e.to_string())?;
        file.flush().await.map_err(|e| e.to_string())
    }
    .await;
    let note = match &pages {
        Pages::Search(p) if p.capped => {
            Some("HubSpot stops sorted searches at 10,000: drop the sort (S) to export every match".into())
        }
        _ => None,
    };
    // The toast names the file in full (a relative name says little about where it went).
    let shown = std::path::absolute(&path).map_or(path, |p| p.display().to_string());
    done(req, shown, writer.written(), note, written.err())
}

fn done(req: ReqId, path: String, count: usize, note: Option<String>, error: Option<String>) -> Msg {
    Msg::Bulk(BulkMsg::Exported { req, path, count, note, error, exists: false })
}
