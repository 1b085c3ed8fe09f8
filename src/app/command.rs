//! Effects `update` asks the runtime to perform. Each ends with exactly one result `Msg`.

use std::collections::BTreeMap;

use super::state::ReqId;
use crate::model::RecordRef;

/// An effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load the object types (custom schemas and the standard types).
    FetchTypes { req: ReqId },
    /// Read what associated records are called: `(type as associations name it, naming
    /// properties, ids)`.
    FetchNames { req: ReqId, items: Vec<(String, Vec<String>, Vec<String>)> },
    /// How many records a type has (a search for one record: its `total`).
    FetchCount { req: ReqId, type_id: String },
    /// How many records the search shown matches now (after a write).
    FetchMatches { req: ReqId, type_id: String, search: Box<crate::model::SearchRequest> },
    /// Load a type's property definitions (pipeline stages filled in as option labels).
    FetchProperties { req: ReqId, type_id: String },
    /// Load one page (100) of a type's records from `after` (none: the first page). With
    /// `search`, the page comes from the search API and `after` is a search cursor.
    FetchPage {
        req: ReqId,
        type_id: String,
        after: Option<crate::model::Cursor>,
        properties: Vec<String>,
        search: Option<Box<crate::model::SearchRequest>>,
        /// The recycle bin: archived records.
        archived: bool,
    },
    /// Load up to 100 records by id order through search (for jumping to the end and paging
    /// from there): the last ones, or those before / after an id. Results come ascending.
    FetchSlice { req: ReqId, type_id: String, properties: Vec<String>, edge: Edge },
    /// Load one record with these properties (and their history) and its associations to
    /// these object types. `id_property` names a unique property `id` is a value of;
    /// `archived` reads it from the recycle bin.
    FetchRecord {
        req: ReqId,
        type_id: String,
        id: String,
        id_property: Option<String>,
        properties: Vec<String>,
        associations: Vec<String>,
        archived: bool,
    },
    /// Load activities (`(object type, ids)`), for the Activities tab.
    FetchActivities { req: ReqId, items: Vec<(String, Vec<String>)> },
    /// Put text on the clipboard (OSC 52, so it works over ssh and in tmux).
    Copy { text: String, what: String },
    /// Open a URL in the browser.
    OpenUrl { url: String },
    /// Learn the portal's id and web domain (for links into HubSpot's web app).
    FetchAccount,
    /// Save staged changes of one object type (batch/update in chunks of 100), after checking
    /// that nobody changed the records since they were read (unless `force`).
    SaveChanges { req: ReqId, type_id: String, items: Vec<SaveItem> },
    /// Pin an activity on a record (`None` unpins): `hs_pinned_engagement_id`.
    Pin { req: ReqId, type_id: String, id: String, engagement: Option<String> },
    /// Create a record (idempotent: a retry never makes two).
    CreateRecord {
        req: ReqId,
        type_id: String,
        properties: BTreeMap<String, String>,
        association: Option<super::create::NewAssociation>,
    },
    /// Create several records (batch/create, 100 per call; one association for all).
    CreateRecords {
        req: ReqId,
        type_id: String,
        rows: Vec<BTreeMap<String, String>>,
        association: Option<super::create::NewAssociation>,
    },
    /// Create a note associated with a record and pin it there.
    CreateNote { req: ReqId, on: RecordRef, body: String },
    /// Records of a type matching free text (for picking an association target).
    FindRecords { req: ReqId, type_id: String, query: String, properties: Vec<String> },
    /// The v4 association labels from one type to another.
    FetchLabels { req: ReqId, from: String, to: String },
    /// Associate a record to another with a label (v4), or (`assoc: None`) remove every
    /// association between them.
    Associate { req: ReqId, from: RecordRef, to: RecordRef, assoc: Option<(String, i64)> },
    /// Read a file's rows (CSV, JSON array, JSON lines).
    ReadImport { req: ReqId, path: String },
    /// Upsert rows by a unique property, 100 per call: `(row index, unique value, properties)`.
    Upsert { req: ReqId, type_id: String, id_property: String, items: Vec<(usize, String, BTreeMap<String, String>)> },
    /// Merge `other` into `primary`.
    Merge { req: ReqId, type_id: String, primary: String, other: String },
    /// Associate many records of a type to one record with a label (v4 batch, 100 per call).
    AssociateMany { req: ReqId, from_type: String, ids: Vec<String>, to: RecordRef, assoc: (String, i64) },
    /// Archive records (batch/archive in chunks of 100).
    ArchiveRecords { req: ReqId, type_id: String, ids: Vec<String> },
    /// Restore an archived record (the local CRM's admin API).
    RestoreRecord { req: ReqId, type_id: String, id: String },
    /// Read the write log.
    ReadLog { req: ReqId },
    /// An answer known already (a record opened before, from the cache): sent straight back,
    /// with no call.
    Deliver { msg: Box<super::msg::Msg> },
    /// How many records of the type have a value for each property (a `HAS_PROPERTY`
    /// search's total each, paced): a `PropsMsg::Filled` per property as it comes, then
    /// `PropsMsg::Counted`.
    CountFilled { req: ReqId, type_id: String, names: Vec<String> },
    /// A type's property groups. Answers `PropsMsg::Groups`.
    FetchGroups { req: ReqId, type_id: String },
    /// Create, change or archive a property definition. Answers `PropsMsg::Written`.
    WriteProperty { req: ReqId, type_id: String, write: super::prop_form::PropertyWrite },
    /// Create a custom object type. Answers `PropsMsg::SchemaCreated`.
    CreateSchema { req: ReqId, egg: Box<crate::model::schema::ObjectSchemaEgg> },
    /// The lowest and highest value of `property` (the frequency table's ranges): `requests`
    /// are the two searches, sorted up and down, `limit: 1`. Answers `FreqMsg::Range`.
    FreqRange { req: ReqId, type_id: String, property: String, requests: Box<[crate::model::SearchRequest; 2]> },
    /// Each search's `total` (paced): a `FreqMsg::Counted` as each comes, then `FreqMsg::Done`.
    CountEach { req: ReqId, type_id: String, requests: Vec<crate::model::SearchRequest> },
    /// A type's pipelines and stages (the board). Answers `BoardMsg::Pipelines`.
    FetchPipelines { req: ReqId, type_id: String },
    /// A page of one board column's cards (`request` carries `after`). Answers `BoardMsg::Stage`.
    FetchStage { req: ReqId, type_id: String, col: usize, request: Box<crate::model::SearchRequest> },
    /// The sum of `property` over a board column's records. Answers `BoardMsg::Sum`.
    SumStage { req: ReqId, type_id: String, col: usize, request: Box<crate::model::SearchRequest>, property: String },
    /// Undo a logged write (by entry id).
    UndoEntry { req: ReqId, entry: String },
    /// The current value of one property (and `hs_lastmodifieddate`) of records, 100 per
    /// `batch/read`: the old values of a bulk edit.
    FetchOldValues { type_id: String, property: String, ids: Vec<String> },
    /// Every id matching a search (past the 10,000 cap), for "select all matching".
    FetchAllIds { req: ReqId, type_id: String, search: Box<crate::model::SearchRequest> },
    /// Journal the staged changes (so they survive a crash).
    SaveDrafts { staged: super::edit::Staged },
    /// Remember a type's saved searches and last search (`searches/{type}.toml`).
    SaveSearches {
        type_id: String,
        saved: BTreeMap<String, super::search::SearchDraft>,
        last: Option<super::search::SearchDraft>,
    },
    /// Remember the table columns per object type.
    SaveColumns { columns: BTreeMap<String, Vec<String>> },
    /// Write the records shown to a file: every record of the type (or its recycle bin), or
    /// every match of `search` (past the 10,000 cap when `by_id`); `total` for progress.
    Export {
        req: ReqId,
        type_id: String,
        path: String,
        columns: Vec<String>,
        search: Option<Box<crate::model::SearchRequest>>,
        by_id: bool,
        archived: bool,
        total: Option<usize>,
    },
    /// Read the record the merge prompt names (with the properties that name it).
    CheckMergeTarget { req: ReqId, type_id: String, id: String, properties: Vec<String> },
    /// Search one type for a text (part of a search over every type).
    SearchType { req: ReqId, type_id: String, query: String, properties: Vec<String> },
    /// List what a typed path could complete to.
    CompletePath { req: ReqId, typed: String },
    /// Remember the column widths the user set (per type and property).
    SaveWidths { widths: BTreeMap<String, BTreeMap<String, u16>> },
}

impl Command {
    /// Whether it writes to the portal (records read before it may be out of date after).
    #[must_use]
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Self::SaveChanges { .. }
                | Self::Pin { .. }
                | Self::CreateRecord { .. }
                | Self::CreateRecords { .. }
                | Self::CreateNote { .. }
                | Self::Associate { .. }
                | Self::AssociateMany { .. }
                | Self::Upsert { .. }
                | Self::Merge { .. }
                | Self::ArchiveRecords { .. }
                | Self::RestoreRecord { .. }
                | Self::UndoEntry { .. }
        )
    }
}

/// One record's changes to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveItem {
    pub id: String,
    pub properties: BTreeMap<String, String>,
    /// The values the changes were made against (for the conflict rule).
    pub old: BTreeMap<String, String>,
    /// `hs_lastmodifieddate` when the user read it.
    pub seen_modified: Option<String>,
    /// Write even if the record changed since (the user chose "keep mine").
    pub force: bool,
}

/// Where a slice of records is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    /// The last records of the type.
    Last,
    /// The records just before this id.
    Before(String),
    /// The records just after this id.
    After(String),
}
