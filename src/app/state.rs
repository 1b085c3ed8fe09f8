//! `AppState` and its sub-states, one per pane.

use std::collections::BTreeMap;

use super::bar::Bar;
pub use super::modal::Modal;
pub use super::req::{ReqId, ReqIds};
pub use super::table::state::{ActiveSearch, PAGE, QuickFilter, RecordListState, RecordRow, WINDOW};
use crate::model::{Property, RecordRef, SimplePublicObject};

/// Something loaded from the API.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Loadable<T> {
    #[default]
    Idle,
    Loading {
        req: ReqId,
    },
    Ready(T),
    Failed {
        error: String,
        req: ReqId,
    },
}

impl<T> Loadable<T> {
    /// The value, when ready.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Self::Ready(t) => Some(t),
            _ => None,
        }
    }

    /// Whether `req` is the request this is waiting for.
    pub fn awaits(&self, req: ReqId) -> bool {
        matches!(self, Self::Loading { req: r } if *r == req)
    }
}

/// An object type in the left pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeInfo {
    /// `2-3465404`, `0-1`, ...
    pub type_id: String,
    pub label: String,
    pub custom: bool,
    /// Columns of the record table: the primary display property, then secondary ones.
    pub columns: Vec<String>,
    /// Properties a new record must have (custom objects' `requiredProperties`).
    pub required: Vec<String>,
    /// Other names the API gives the type: associations name a custom object by its fully
    /// qualified name (`p48213567_cars`), standard ones by their plural (`contacts`).
    pub aliases: Vec<String>,
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Types,
    List,
    Detail,
}

/// The object types pane.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TypesState {
    pub list: Loadable<Vec<TypeInfo>>,
    pub selected: usize,
    /// Record counts per type id, as they arrive (the pane shows `…` until then).
    pub counts: BTreeMap<String, usize>,
    /// The count read in flight per type (a later one replaces it).
    pub counting: BTreeMap<String, ReqId>,
    /// Types whose counts wait for the first table's page, so that page is not queued
    /// behind a search per type (sent when the table's request in flight answers).
    pub counts_after_first_page: Vec<String>,
}

/// Search drafts and saved searches per object type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Searches {
    /// The draft per type (the last one run is restored on start).
    pub drafts: BTreeMap<String, super::search::SearchDraft>,
    /// Named searches per type.
    pub saved: BTreeMap<String, BTreeMap<String, super::search::SearchDraft>>,
}

/// The record view's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DetailTab {
    #[default]
    Properties,
    History,
    Associations,
    Activities,
}

impl DetailTab {
    /// The tabs in order.
    pub const ALL: [Self; 4] = [Self::Properties, Self::History, Self::Associations, Self::Activities];

    /// The tab's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Properties => "Properties",
            Self::History => "History",
            Self::Associations => "Associations",
            Self::Activities => "Activities",
        }
    }
}

/// One note, meeting, task, call or email associated with the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRow {
    /// `notes`, `meetings`, ...
    pub object_type: String,
    pub id: String,
    /// `hs_timestamp`, ISO 8601 (sorts newest first as text).
    pub timestamp: String,
    /// Subject, title or the start of the body.
    pub title: String,
}

/// One associated record, flattened for selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssocRow {
    /// The association map's key (`contacts`, `p48213567_cars`), usable as an object type.
    pub object_type: String,
    pub id: String,
    /// The v3 association type name (`car_to_contact`, `contact_to_company_unlabeled`).
    pub kind: String,
}

/// The record view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DetailState {
    pub record: Loadable<SimplePublicObject>,
    /// The record shown: its object type and id.
    pub current: Option<RecordRef>,
    pub tab: DetailTab,
    /// Selected row of the Properties, Associations and Activities tabs.
    pub cursor: usize,
    /// Records left by following associations (Back returns to them), like breadcrumbs.
    pub back: Vec<LeftAt>,
    /// The board the record was opened from (Back, past the breadcrumbs, shows it again).
    pub from_board: Option<Box<crate::app::board::BoardView>>,
    /// The pin write in flight and whether it unpins (for its toast).
    pub pinning: Option<(ReqId, bool)>,
    /// Property definitions of the shown record's type when it is not the table's type.
    pub properties: Loadable<Vec<Property>>,
    /// Which type `properties` describes.
    pub properties_type: Option<String>,
    /// A read of another type's record waiting for that type's definitions (so it asks for
    /// every property, not only the defaults).
    pub deferred: Option<DeferredRead>,
    /// Go-to lookups left to try when the current one finds nothing: `(value, unique
    /// property)`, `None` meaning by id.
    pub go_to_fallbacks: Vec<(String, Option<String>)>,
    /// What a go-to looked for, said when nothing has it (`Not found: no Cars record has VIN X`).
    pub go_to_by: Option<String>,
    /// The record's activities, newest first.
    pub activities: Loadable<Vec<ActivityRow>>,
    /// How records seen here are named in the title and its trail (`Cars: Model 7 · Ford`).
    pub titles: std::collections::BTreeMap<RecordRef, String>,
    /// The read of the associated records' names in flight, and for which record.
    pub names: Option<(ReqId, RecordRef)>,
    /// The table row's values of the record loading, shown until the whole record is in.
    pub preview: Option<(RecordRef, SimplePublicObject)>,
    /// The Properties tab's filter (`/`): label, internal name or value; it reaches the folded
    /// system properties too.
    pub filter: Option<QuickFilter>,
}

/// A record the record view left to follow an association or activity: where Back returns
/// (the same tab, the same row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftAt {
    pub record: RecordRef,
    pub tab: DetailTab,
    pub cursor: usize,
}

/// A record read that waits for its type's property definitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeferredRead {
    pub req: ReqId,
    pub type_id: String,
    pub id: String,
    pub id_property: Option<String>,
    pub associations: Vec<String>,
}

impl DetailState {
    /// The loaded record's associations, flattened in a stable order.
    #[must_use]
    pub fn assoc_rows(&self) -> Vec<AssocRow> {
        let Some(rec) = self.record.ready() else { return Vec::new() };
        let Some(map) = &rec.associations else { return Vec::new() };
        let mut out = Vec::new();
        for (key, coll) in map {
            let mut seen: Vec<&str> = Vec::new();
            for a in &coll.results {
                // v3 repeats an id once per label: show each record once.
                if seen.contains(&a.id.as_str()) {
                    continue;
                }
                seen.push(&a.id);
                out.push(AssocRow { object_type: key.clone(), id: a.id.clone(), kind: a.kind.clone() });
            }
        }
        out
    }

    /// The id of the pinned activity, if any.
    #[must_use]
    pub fn pinned(&self) -> Option<&str> {
        self.record.ready()?.properties.get("hs_pinned_engagement_id")?.as_deref().filter(|v| !v.is_empty())
    }
}

/// Where records live on the web and over the API (for `o`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Links {
    /// The API base URL (the local CRM's, or HubSpot's).
    pub api_base: String,
    /// `https://app.hubspot.com/contacts/{portalId}` for a HubSpot portal.
    pub web_base: Option<String>,
}

/// Choices remembered between runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prefs {
    /// Table columns per object type id.
    pub columns: BTreeMap<String, Vec<String>>,
    /// Column widths the user set, per object type id and property.
    pub widths: BTreeMap<String, BTreeMap<String, u16>>,
    /// The record view shows the read-only system properties too (`z`, for this session).
    pub show_system: bool,
}

/// Everything the app knows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// Which portal or local CRM this is (status bar).
    pub portal: String,
    pub focus: Focus,
    pub modal: Modal,
    /// The views the overlay shown covers (help or the changeset over the board …): closing it
    /// shows the last again.
    pub under: Vec<Modal>,
    pub types: TypesState,
    pub list: RecordListState,
    /// Property definitions of the selected type (labels, types, validation rules).
    pub properties: Loadable<Vec<Property>>,
    /// A re-read of the table type's definitions (`r`): `(request, type)`; the ones shown stay
    /// until it answers.
    pub properties_refresh: Option<(ReqId, String)>,
    pub detail: DetailState,
    /// Records opened recently (shown at once when opened again; writes and `r` forget them).
    pub record_cache: crate::app::record_cache::RecordCache,
    /// Fill rates counted this session, by type (the Properties view shows them again).
    pub fill_rates: BTreeMap<String, crate::app::props_view::FillRates>,
    /// The frequency table a table was narrowed from, and the search it narrowed to (esc in
    /// the table while it shows that search goes back to the table of counts).
    pub freq_back: Option<Box<(crate::app::freq::FreqView, crate::app::search::SearchDraft)>>,
    /// Terminal size.
    pub size: (u16, u16),
    /// The last error for the status bar.
    pub status: Option<String>,
    pub bar: Bar,
    pub links: Links,
    pub prefs: Prefs,
    pub searches: Searches,
    /// Edits not yet saved (journalled in the data directory).
    pub staged: super::edit::Staged,
    /// Write requests in flight (saves, creates, archives…): one save at a time.
    pub saving: Vec<ReqId>,
    /// Read requests in flight for overlays (an association search, a file to import, all
    /// ids of a search): never a reason to refuse a write.
    pub reading: Vec<ReqId>,
    /// Which association picker asked each pending search or label read.
    pub pick_reads: Vec<(ReqId, super::create::Asker)>,
    /// Set for a read-only profile: why writes are off.
    pub read_only: Option<String>,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
    /// Where the log and the user's keymap are (shown in help).
    pub about: String,
    /// Request ids for every area.
    pub ids: ReqIds,
    pub quit: bool,
    /// While a go-to looks a record up: what was shown before, to come back to (with the
    /// prompt and the reason) when nothing is found.
    pub go_to_undo: Option<Box<GoToUndo>>,
}

/// What a go-to replaced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoToUndo {
    pub detail: DetailState,
    pub focus: Focus,
    /// What the user typed.
    pub text: String,
}

impl AppState {
    /// A fresh state for a portal.
    #[must_use]
    pub fn new(portal: impl Into<String>, size: (u16, u16)) -> Self {
        Self { portal: portal.into(), size, ..Self::default() }
    }

    /// Takes a finished request off whichever in-flight list has it; false when none does
    /// (a stale answer, to drop).
    pub fn finish(&mut self, req: ReqId) -> bool {
        let known = self.saving.contains(&req) || self.reading.contains(&req);
        self.saving.retain(|r| *r != req);
        self.reading.retain(|r| *r != req);
        known
    }

    /// A new request id (ids only grow).
    pub fn req(&mut self) -> ReqId {
        self.ids.issue()
    }

    /// The property definitions for the record shown (its own type's when reached through
    /// an association).
    #[must_use]
    pub fn detail_properties(&self) -> Option<&[Property]> {
        match &self.detail.current {
            Some(r) if self.list.type_id.as_deref() != Some(r.type_id.as_str()) => {
                self.detail.properties.ready().map(Vec::as_slice)
            }
            _ => self.properties.ready().map(Vec::as_slice),
        }
    }

    /// The property definitions of a type, when loaded: the table's type, or the type of a
    /// record reached from another.
    #[must_use]
    pub fn definitions_of(&self, type_id: &str) -> Option<&[Property]> {
        if self.list.type_id.as_deref() == Some(type_id) {
            self.properties.ready().map(Vec::as_slice)
        } else if self.detail.properties_type.as_deref() == Some(type_id) {
            self.detail.properties.ready().map(Vec::as_slice)
        } else {
            None
        }
    }

    /// Whether a request is pending (the status bar's spinner).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.list.in_flight.is_some()
            || matches!(self.types.list, Loadable::Loading { .. })
            || matches!(self.detail.record, Loadable::Loading { .. })
            || matches!(self.detail.activities, Loadable::Loading { .. })
            || matches!(self.properties, Loadable::Loading { .. })
    }

    /// Whether the clock should tick (spinner or toast on screen).
    #[must_use]
    pub fn animating(&self) -> bool {
        self.busy()
            || self.bar.toast.is_some()
            || self.bar.waiting.is_some()
            || !self.saving.is_empty()
            || !self.reading.is_empty()
    }

    /// The type the table shows (not necessarily the one highlighted in the Objects pane).
    #[must_use]
    pub fn table_type(&self) -> Option<&TypeInfo> {
        let id = self.list.type_id.as_deref()?;
        self.types.list.ready()?.iter().find(|t| t.type_id == id)
    }

    /// The type highlighted in the Objects pane, if loaded.
    #[must_use]
    pub fn selected_type(&self) -> Option<&TypeInfo> {
        self.types.list.ready()?.get(self.types.selected)
    }
}
