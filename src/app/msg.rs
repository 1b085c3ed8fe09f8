//! Everything that happens is a `Msg`: keys, resizes, ticks, mouse, and command results —
//! each result in the enum of the area that asked for it (`Msg::Table(TableMsg::PageLoaded)`),
//! so it is handled there whatever pane or modal is showing.

use super::bar::RateBudget;
use super::state::{ActivityRow, ReqId, TypeInfo};
use crate::action::Action;
use crate::keymap::KeyChord;
use crate::model::{Property, SimplePublicObject};

/// A message to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key resolved to an action by the keymap.
    Action(Action),
    /// A key the keymap leaves unbound while a text field has the keyboard.
    Key(KeyChord),
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock, sent only while something animates (spinner, toast).
    Tick {
        now_ms: u64,
    },
    Mouse(Mouse),
    /// The rate-limit headers of the latest response.
    Budget(RateBudget),
    /// A request is waiting to be retried (`rate limited by HubSpot (TEN_SECONDLY_ROLLING) —
    /// retrying in 3 s`), or (`None`) no longer.
    Waiting(Option<String>),
    /// The replica's background sync: where the replica stands now.
    Replica(super::bar::ReplicaStatus),
    /// A long write moved on: `done` of `total` records (a progress bar until its result).
    Progress {
        done: usize,
        total: usize,
    },
    /// Results of commands (past tense), each addressed to the area that asked.
    Defs(DefsMsg),
    Table(TableMsg),
    Record(RecordMsg),
    Edit(EditMsg),
    Bulk(BulkMsg),
    Create(CreateMsg),
    Import(ImportMsg),
    Pick(PickMsg),
    Everywhere(EverywhereMsg),
    /// The write log read, an undo done.
    Log(LogMsg),
    /// Fill counts of a type's properties.
    Props(PropsMsg),
    /// The frequency table's range and counts.
    Freq(FreqMsg),
    /// The board's pipelines, columns and sums.
    Board(BoardMsg),
    /// What a path typed in a prompt could be.
    PathsFound {
        req: ReqId,
        /// The path as typed when tab was pressed.
        typed: String,
        /// Entries of its folder starting with its last part (folders end in `/`).
        names: Vec<String>,
    },
    /// The portal's web app base (`https://app.hubspot.com/contacts/{portalId}`).
    AccountLoaded {
        web_base: String,
    },
    /// A side effect (copy, open, save) finished: a toast says how.
    Notice {
        text: String,
        error: bool,
    },
}

impl Msg {
    /// The answer to a command (everything but input, the clock and progress).
    #[must_use]
    pub fn is_result(&self) -> bool {
        !matches!(
            self,
            Self::Action(_)
                | Self::Key(_)
                | Self::Resize { .. }
                | Self::Tick { .. }
                | Self::Mouse(_)
                | Self::Budget(_)
                | Self::Waiting(_)
                | Self::Replica(_)
                | Self::Progress { .. }
                | Self::Props(PropsMsg::Filled { .. })
                | Self::Freq(FreqMsg::Counted { .. })
        )
    }

    /// A write's answer (records read before may be out of date now).
    #[must_use]
    pub fn answers_write(&self) -> bool {
        matches!(
            self,
            Self::Edit(EditMsg::ChangesSaved { .. } | EditMsg::ChangesFailed { .. })
                | Self::Bulk(_)
                | Self::Create(_)
                | Self::Import(ImportMsg::Imported { .. })
                | Self::Log(LogMsg::Undone { .. })
                | Self::Record(RecordMsg::Merged { .. } | RecordMsg::Associated { .. } | RecordMsg::Pinned { .. })
        )
    }

    /// A long write's answer: its progress bar goes.
    #[must_use]
    pub fn ends_progress(&self) -> bool {
        matches!(
            self,
            Self::Edit(EditMsg::ChangesSaved { .. } | EditMsg::ChangesFailed { .. })
                | Self::Import(ImportMsg::Imported { .. })
                | Self::Bulk(BulkMsg::Archived { .. })
                | Self::Create(CreateMsg::CreatedMany { .. })
                | Self::Log(LogMsg::Undone { .. })
        )
    }
}

/// Fill counts of a type's properties.
#[derive(Debug, Clone, PartialEq)]
pub enum PropsMsg {
    /// One property counted (while the count runs; not the command's result), with the
    /// type's records (counted first, so rates show as they come).
    Filled { req: ReqId, name: String, count: usize, total: Option<usize> },
    /// The count finished: every count, the type's records, when, and the first failure.
    Counted { req: ReqId, counts: Vec<(String, usize)>, total: Option<usize>, at: i64, error: Option<String> },
    /// The type's property groups (empty when they could not be read: the form offers the
    /// groups its properties name).
    Groups { req: ReqId, type_id: String, groups: Vec<crate::model::property::PropertyGroup> },
    /// A property written: the definition as saved (`None`: archived), or HubSpot's refusal.
    Written { req: ReqId, name: String, result: Result<Option<Box<crate::model::Property>>, String> },
    /// A custom object created: its plural label and type id, or HubSpot's refusal.
    SchemaCreated { req: ReqId, result: Result<(String, String), String> },
}

/// A page of a board column.
#[derive(Debug, Clone, PartialEq)]
pub struct StagePage {
    pub total: usize,
    pub cards: Vec<crate::model::SimplePublicObject>,
    pub after: Option<String>,
}

/// The board's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum BoardMsg {
    Pipelines {
        req: ReqId,
        result: Result<Vec<crate::app::board::Pipeline>, String>,
    },
    Stage {
        req: ReqId,
        col: usize,
        result: Result<StagePage, String>,
    },
    /// The sum and how many records it covers.
    Sum {
        req: ReqId,
        col: usize,
        result: Result<(f64, usize), String>,
    },
}

/// The frequency table's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum FreqMsg {
    /// The lowest and highest value of the column among the matching records (numbers, dates).
    Range { req: ReqId, low: Option<String>, high: Option<String>, error: Option<String> },
    /// One count (while the counts run; not the command's result): `index` 0 is the total,
    /// then the buckets in order.
    Counted { req: ReqId, index: usize, count: usize },
    /// Every count is in, in order (fewer after a failure, which `error` names).
    Done { req: ReqId, counts: Vec<usize>, error: Option<String> },
}

/// The write log's answers.
#[derive(Debug, Clone, PartialEq)]
pub enum LogMsg {
    /// The log's entries, newest first.
    /// `at`: when it was read (epoch ms; ages in the filter count from it).
    Read { req: ReqId, entries: Vec<crate::writelog::Entry>, at: i64 },
    /// An undo finished: what it did (or why not).
    Undone { req: ReqId, text: String, error: bool },
}

/// A mouse event at a terminal cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub col: u16,
    pub row: u16,
}

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    ScrollUp,
    ScrollDown,
    Click,
}

/// What a search page says besides its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchPage {
    pub total: usize,
    /// This page came from past the 10,000 cap.
    pub past_cap: bool,
    /// The cap stops this search here.
    pub capped: bool,
}

/// What the portal defines: object types and property definitions.
#[derive(Debug, Clone, PartialEq)]
pub enum DefsMsg {
    /// A type's record count, or why it could not be read.
    Counted {
        req: ReqId,
        type_id: String,
        total: Result<usize, String>,
    },
    TypesLoaded {
        req: ReqId,
        types: Vec<TypeInfo>,
    },
    TypesFailed {
        req: ReqId,
        error: String,
    },
    PropertiesLoaded {
        req: ReqId,
        properties: Vec<Property>,
    },
    PropertiesFailed {
        req: ReqId,
        error: String,
    },
}

/// The record table's pages and slices.
#[derive(Debug, Clone, PartialEq)]
pub enum TableMsg {
    /// The search shown matches this many records now (or why it could not be counted).
    Matches {
        req: ReqId,
        total: Result<usize, String>,
    },
    PageLoaded {
        req: ReqId,
        records: Vec<SimplePublicObject>,
        next_after: Option<crate::model::Cursor>,
        /// For a search page: the match count and how paging went.
        search: Option<SearchPage>,
    },
    PageFailed {
        req: ReqId,
        error: String,
    },
    /// A slice by id order (ascending) and the type's record count.
    SliceLoaded {
        req: ReqId,
        records: Vec<SimplePublicObject>,
        total: usize,
    },
}

/// The record view: its record, its activities, and the writes made from it.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordMsg {
    /// The record named in the merge prompt, or why it could not be read.
    MergeTarget {
        req: ReqId,
        record: Option<SimplePublicObject>,
        error: Option<String>,
        not_found: bool,
    },
    /// Associated records with their naming properties (for the Associations tab and the
    /// breadcrumbs), and the first failure if some could not be read.
    NamesLoaded {
        req: ReqId,
        records: Vec<(crate::model::RecordRef, SimplePublicObject)>,
        error: Option<String>,
    },
    RecordLoaded {
        req: ReqId,
        record: SimplePublicObject,
    },
    RecordFailed {
        req: ReqId,
        error: String,
        /// The record does not exist (a 404), as opposed to a failure to read it.
        not_found: bool,
    },
    ActivitiesLoaded {
        req: ReqId,
        activities: Vec<ActivityRow>,
    },
    ActivitiesFailed {
        req: ReqId,
        error: String,
    },
    /// Two records were merged (or why not): the record that stays.
    Merged {
        req: ReqId,
        record: Option<SimplePublicObject>,
        error: Option<String>,
    },
    /// An association was added or removed (or why not).
    Associated {
        req: ReqId,
        error: Option<String>,
    },
    /// A pin or unpin was written (or why not).
    Pinned {
        req: ReqId,
        error: Option<String>,
    },
}

/// Staged changes: how a save went, and the values a bulk edit replaces.
#[derive(Debug, Clone, PartialEq)]
pub enum EditMsg {
    /// How a save went, record by record.
    ChangesSaved {
        req: ReqId,
        type_id: String,
        saved: Vec<SimplePublicObject>,
        failed: Vec<(String, String)>,
        /// `(id, their hs_lastmodifieddate, their values of the touched properties)`.
        conflicts: Vec<(String, Option<String>, std::collections::BTreeMap<String, String>)>,
    },
    /// The whole save failed (nothing written, everything stays staged).
    ChangesFailed { req: ReqId, type_id: String, error: String },
    /// The values a bulk edit replaces: `(id, value, hs_lastmodifieddate)`; `error` when some
    /// could not be read.
    OldValues {
        type_id: String,
        property: String,
        values: Vec<(String, String, Option<String>)>,
        error: Option<String>,
    },
}

/// Marked records and the recycle bin: archive, restore, associate many, every matching id.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkMsg {
    /// An export finished (or stopped): where, how many records, what to say about it.
    Exported {
        req: ReqId,
        path: String,
        count: usize,
        /// Why it stopped short (HubSpot's cap on a sorted search).
        note: Option<String>,
        error: Option<String>,
        /// The file was there already (kept): the prompt comes back for another name.
        exists: bool,
    },
    /// Records archived (or why not).
    Archived { req: ReqId, type_id: String, count: usize, error: Option<String> },
    /// A record restored (or why not).
    Restored { req: ReqId, id: String, error: Option<String> },
    /// Many records were associated to one (or why not).
    AssociatedMany { req: ReqId, error: Option<String> },
    /// Every id matching the search shown.
    AllIds { req: ReqId, ids: Vec<String>, error: Option<String> },
}

/// The create form's writes.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateMsg {
    /// A record was created.
    Created { req: ReqId, record: Box<SimplePublicObject> },
    /// A batch create: ids created, and `(row, why)` for the rows that failed.
    CreatedMany { req: ReqId, created: Vec<String>, failed: Vec<(usize, String)> },
    /// Creating failed: the form stays, with the reason.
    /// `fields`: the properties the server named, with why (they go on the form's fields).
    CreateFailed { req: ReqId, error: String, fields: Vec<(String, String)> },
}

/// Import: the file read, then the upsert.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportMsg {
    /// A file's rows, or why it could not be read.
    ImportRead {
        req: ReqId,
        path: String,
        rows: Vec<std::collections::BTreeMap<String, String>>,
        error: Option<String>,
    },
    /// How an upsert went.
    Imported { req: ReqId, report: crate::app::import::ImportReport },
}

/// Association targets and labels, for the picker that asked (a form or the Associations tab).
#[derive(Debug, Clone, PartialEq)]
pub enum PickMsg {
    /// Matches for an association target: `(id, label)`.
    RecordsFound { req: ReqId, matches: Vec<(String, String)>, error: Option<String> },
    /// Association labels: `(category, typeId, label)`.
    LabelsLoaded { req: ReqId, labels: Vec<(String, i64, String)>, error: Option<String> },
}

/// A search over every object type: one type's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum EverywhereMsg {
    Found { req: ReqId, total: usize, records: Vec<SimplePublicObject>, error: Option<String> },
}
