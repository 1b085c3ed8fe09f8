//! A headless harness for the TUI: keys go through the real keymap and `update`; commands
//! are answered by a fake executor with canned records; screens render into a TestBackend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use hubtui::api::types::{
    AssociatedId, AssociatedIdCollection, ModificationMetadata, Property, PropertyOption, SimplePublicObject,
    ValueWithTimestamp,
};
use hubtui::app::command::{Command, Edge};
use hubtui::app::keys::key_msg;
use hubtui::app::msg::{
    BulkMsg, CreateMsg, DefsMsg, EditMsg, ImportMsg, LogMsg, Msg, PickMsg, PropsMsg, RecordMsg, SearchPage, TableMsg,
};
use hubtui::app::state::{ActivityRow, AppState, TypeInfo};
use hubtui::app::update::{init, update};
use hubtui::keymap::{Key, KeyChord, Keymap};
use hubtui::model::{Cursor, SearchCursor};
use hubtui::ui::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Harness {
    pub state: AppState,
    pub keymap: Keymap,
    pub pending: Vec<Command>,
    /// Cars the fake portal has.
    pub cars: usize,
    /// Make every page request fail.
    pub fail_pages: bool,
    /// Records someone else changed (saves of them conflict unless forced).
    pub conflict_ids: Vec<String>,
}

pub fn car(i: usize) -> SimplePublicObject {
    let makes = ["BMW", "Ford", "Acura", "Tesla"];
    let mut properties = BTreeMap::new();
    properties.insert("model".to_owned(), Some(format!("Model {i}")));
    properties.insert("make".to_owned(), Some(makes[i % 4].to_owned()));
    properties.insert("year".to_owned(), Some((2015 + i % 12).to_string()));
    properties.insert("price".to_owned(), Some((20_000 + i * 100).to_string()));
    properties.insert("maintenance_package".to_owned(), Some("premium".to_owned()));
    properties.insert("hs_object_id".to_owned(), Some((1000 + i).to_string()));
    properties.insert("vin".to_owned(), Some(format!("VIN{i}")));
    SimplePublicObject {
        created_at: "2024-01-15T09:00:00.000Z".into(),
        updated_at: "2024-02-01T10:30:00.000Z".into(),
        ..SimplePublicObject::with_properties(&(1000 + i).to_string(), properties)
    }
}

fn prop(name: &str, label: &str, kind: &str, options: &[(&str, &str)], read_only: bool) -> Property {
    Property {
        name: name.into(),
        label: label.into(),
        kind: kind.into(),
        field_type: if kind == "enumeration" { "select".into() } else { "text".into() },
        description: String::new(),
        group_name: "car_information".into(),
        options: options
            .iter()
            .map(|(v, l)| PropertyOption {
                label: (*l).into(),
                value: (*v).into(),
                display_order: 0,
                hidden: false,
                description: None,
            })
            .collect(),
        display_order: 0,
        calculated: false,
        external_options: false,
        has_unique_value: false,
        hidden: false,
        hubspot_defined: false,
        modification_metadata: ModificationMetadata {
            archivable: true,
            read_only_definition: read_only,
            read_only_value: read_only,
        },
        form_field: true,
        referenced_object_type: None,
        number_display_hint: None,
        created_at: None,
        updated_at: None,
        archived: false,
        archived_at: None,
        validation_rules: Vec::new(),
        required_when: Vec::new(),
    }
}

pub fn car_properties() -> Vec<Property> {
    vec![
        prop("model", "Model", "string", &[], false),
        prop("make", "Make", "string", &[], false),
        prop("year", "Year", "number", &[], false),
        // The demo portal's rule on Cars' price (read with the definitions, checked before sending).
        Property {
            validation_rules: vec![
                hubtui::model::ValidationRule::new("MIN_NUMBER", &["0"]),
                hubtui::model::ValidationRule::new("MAX_NUMBER", &["10000000"]),
            ],
            ..prop("price", "Price", "number", &[], false)
        },
        prop(
            "maintenance_package",
            "Maintenance Package",
            "enumeration",
            &[("basic", "Basic"), ("premium", "Premium")],
            false,
        ),
        prop("hs_object_id", "Record ID", "number", &[], true),
        Property { has_unique_value: true, ..prop("vin", "VIN", "string", &[], false) },
        prop("purchase_date", "Purchase Date", "date", &[], false),
    ]
}

/// The fake write log: a bulk price update (one record held back by someone's change) and
/// a merge (which cannot be undone), newest first.
pub fn log_entries() -> Vec<hubtui::writelog::Entry> {
    use hubtui::writelog::{Action, Entry, Outcome, RecordChange, Status};
    let m = |v: &str| std::collections::BTreeMap::from([("price".to_owned(), v.to_owned())]);
    let mut update = Entry::new(Action::Update, "2-3465404", 1_764_600_000_000);
    update.id = "a1b2c3d4e5f6".into();
    update.by = "app".into();
    update.status = Status::Done;
    let mut ok = RecordChange::pending("1001", m("20200"), m("21000"));
    ok.result = Outcome::Ok;
    let mut held = RecordChange::pending("1002", m("18000"), m("21000"));
    held.result = Outcome::Held { theirs: m("19999") };
    update.records = vec![ok, held];
    let mut merge = Entry::new(Action::Merge, "2-3465404", 1_764_500_000_000);
    merge.id = "0f0f0f0f0f0f".into();
    merge.by = "cli".into();
    merge.status = Status::Done;
    vec![update, merge]
}

pub fn note_properties() -> Vec<Property> {
    vec![
        prop("hs_note_body", "Note body", "string", &[], false),
        prop("hs_timestamp", "Activity date", "datetime", &[], false),
    ]
}

pub fn types() -> Vec<TypeInfo> {
    vec![
        TypeInfo {
            type_id: "2-3465404".into(),
            label: "Cars".into(),
            custom: true,
            columns: vec!["model".into(), "make".into(), "year".into()],
            required: Vec::new(),
            aliases: Vec::new(),
        },
        TypeInfo {
            type_id: "0-1".into(),
            label: "Contacts".into(),
            custom: false,
            columns: vec!["firstname".into(), "lastname".into(), "email".into()],
            required: Vec::new(),
            aliases: Vec::new(),
        },
    ]
}

/// A small evaluator for the fake portal's searches (numbers and strings, the operators the
/// flows use).
fn matches_request(r: &SimplePublicObject, req: &hubtui::api::types::SearchRequest) -> bool {
    let test = |f: &hubtui::api::types::Filter| {
        let have = r.properties.get(&f.property_name).cloned().flatten();
        let v = f.value.as_ref().map(|w| w.0.clone()).unwrap_or_default();
        let num = |s: &str| s.parse::<f64>().ok();
        match (f.operator.as_str(), have) {
            ("HAS_PROPERTY", h) => h.is_some(),
            ("NOT_HAS_PROPERTY", h) => h.is_none(),
            (_, None) => f.operator.starts_with("NOT") || f.operator == "NEQ",
            ("EQ", Some(h)) => h.eq_ignore_ascii_case(&v),
            ("NEQ", Some(h)) => !h.eq_ignore_ascii_case(&v),
            ("GT", Some(h)) => num(&h) > num(&v),
            ("GTE", Some(h)) => num(&h) >= num(&v),
            ("LT", Some(h)) => num(&h) < num(&v),
            ("LTE", Some(h)) => num(&h) <= num(&v),
            ("BETWEEN", Some(h)) => {
                let hi = f.high_value.as_ref().map(|w| w.0.clone()).unwrap_or_default();
                num(&h) >= num(&v) && num(&h) <= num(&hi)
            }
            ("IN", Some(h)) => f.values.iter().flatten().any(|w| w.0.eq_ignore_ascii_case(&h)),
            ("NOT_IN", Some(h)) => !f.values.iter().flatten().any(|w| w.0.eq_ignore_ascii_case(&h)),
            _ => false,
        }
    };
    req.filter_groups.is_empty() || req.filter_groups.iter().any(|g| g.filters.iter().all(test))
}

impl Harness {
    /// A fresh app (100x30) whose first commands are pending.
    pub fn new(cars: usize) -> Self {
        let (state, pending) = init(AppState::new("local CRM (test)", (100, 30)));
        Self { state, keymap: Keymap::defaults().unwrap(), pending, cars, fail_pages: false, conflict_ids: Vec::new() }
    }

    pub fn send(&mut self, msg: Msg) {
        let (s, cmds) = update(std::mem::take(&mut self.state), msg);
        self.state = s;
        self.pending.extend(cmds);
    }

    /// Presses keys written as keymap strings ("j", "enter", "ctrl-d").
    pub fn press(&mut self, keys: &[&str]) {
        for k in keys {
            let chord = KeyChord::parse(k).unwrap();
            if let Some(m) = key_msg(&self.keymap, &self.state, chord) {
                self.send(m);
            }
        }
    }

    /// Types text into whichever field has the keyboard.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let chord = KeyChord::plain(Key::Char(c));
            if let Some(m) = key_msg(&self.keymap, &self.state, chord) {
                self.send(m);
            }
        }
    }

    /// In an association picker: type `object_type`, search it for `query`, take the first
    /// match; leaves the label picker open.
    pub fn pick_association_target(&mut self, object_type: &str, query: &str) {
        self.type_text(object_type);
        self.press(&["enter"]);
        self.type_text(query);
        self.press(&["enter"]);
        self.settle();
        self.press(&["enter"]);
        self.settle();
    }

    /// The canned answer to a command.
    pub fn answer(&self, cmd: &Command) -> Msg {
        match cmd {
            Command::CreateSchema { req, egg } => Msg::Props(PropsMsg::SchemaCreated {
                req: *req,
                result: Ok((egg.labels.plural.clone(), "2-4100001".to_owned())),
            }),
            Command::FetchGroups { req, type_id } => Msg::Props(PropsMsg::Groups {
                req: *req,
                type_id: type_id.clone(),
                groups: vec![hubtui::model::property::PropertyGroup {
                    name: "car_information".into(),
                    label: "Car information".into(),
                    display_order: 0,
                    archived: false,
                }],
            }),
            Command::WriteProperty { req, write, .. } => {
                use hubtui::app::prop_form::PropertyWrite;
                let (name, result) = match write {
                    PropertyWrite::Create(b) => {
                        let p: Property = serde_json::from_value(serde_json::json!({
                            "name": b.name, "label": b.label, "type": b.kind, "fieldType": b.field_type,
                            "groupName": b.group_name, "options": b.options.clone().unwrap_or_default()
                        }))
                        .unwrap();
                        (b.name.clone(), Ok(Some(Box::new(p))))
                    }
                    PropertyWrite::Update { name, .. } => (name.clone(), Err("not in the fake".to_owned())),
                    PropertyWrite::Archive { name } => (name.clone(), Ok(None)),
                };
                Msg::Props(PropsMsg::Written { req: *req, name, result })
            }
            // Fill rates: maintenance_package is dead, purchase_date half filled, the rest full.
            Command::CountFilled { req, names, .. } => {
                let count = |n: &str| match n {
                    "maintenance_package" => 0,
                    "purchase_date" => self.cars / 2,
                    _ => self.cars,
                };
                Msg::Props(hubtui::app::msg::PropsMsg::Counted {
                    req: *req,
                    counts: names.iter().map(|n| (n.clone(), count(n))).collect(),
                    total: Some(self.cars),
                    at: 1_764_600_000_000,
                    error: None,
                })
            }
            Command::FreqRange { req, property, requests, .. } => {
                let mut values: Vec<String> = (0..self.cars)
                    .map(car)
                    .filter(|c| matches_request(c, &requests[0]))
                    .filter_map(|c| c.properties.get(property).cloned().flatten())
                    .collect();
                values.sort_by(|a, b| a.parse::<f64>().ok().partial_cmp(&b.parse::<f64>().ok()).unwrap_or(a.cmp(b)));
                Msg::Freq(hubtui::app::msg::FreqMsg::Range {
                    req: *req,
                    low: values.first().cloned(),
                    high: values.last().cloned(),
                    error: None,
                })
            }
            Command::CountEach { req, requests, .. } => Msg::Freq(hubtui::app::msg::FreqMsg::Done {
                req: *req,
                counts: requests
                    .iter()
                    .map(|r| (0..self.cars).filter(|i| matches_request(&car(*i), r)).count())
                    .collect(),
                error: None,
            }),
            // The fake portal's cars have no pipelines (the board is tested over HTTP).
            Command::FetchPipelines { req, .. } => {
                Msg::Board(hubtui::app::msg::BoardMsg::Pipelines { req: *req, result: Ok(Vec::new()) })
            }
            Command::FetchStage { req, col, .. } => Msg::Board(hubtui::app::msg::BoardMsg::Stage {
                req: *req,
                col: *col,
                result: Ok(hubtui::app::msg::StagePage { total: 0, cards: Vec::new(), after: None }),
            }),
            Command::SumStage { req, col, .. } => {
                Msg::Board(hubtui::app::msg::BoardMsg::Sum { req: *req, col: *col, result: Ok((0.0, 0)) })
            }
            Command::Deliver { msg } => (**msg).clone(),
            Command::ReadLog { req } => {
                Msg::Log(LogMsg::Read { req: *req, entries: log_entries(), at: 1_764_600_000_000 + 3_600_000 })
            }
            Command::UndoEntry { req, entry } => Msg::Log(LogMsg::Undone {
                req: *req,
                text: format!("Undid {entry}: 1 set back, 1 held back (changed since)"),
                error: true,
            }),
            Command::FetchActivities { req, items } => Msg::Record(RecordMsg::ActivitiesLoaded {
                req: *req,
                activities: items
                    .iter()
                    .flat_map(|(t, ids)| {
                        ids.iter().map(move |id| ActivityRow {
                            object_type: t.clone(),
                            id: id.clone(),
                            timestamp: format!("2024-03-0{}T10:00:00.000Z", id.len() % 9),
                            title: format!("Note {id} about the car"),
                        })
                    })
                    .collect(),
            }),
            Command::FetchSlice { req, edge, .. } => {
                let (start, end) = match edge {
                    Edge::Last => (self.cars.saturating_sub(100), self.cars),
                    Edge::Before(id) => {
                        let i = id.parse::<usize>().unwrap() - 1000;
                        (i.saturating_sub(100), i)
                    }
                    Edge::After(id) => {
                        let i = id.parse::<usize>().unwrap() - 1000 + 1;
                        (i, (i + 100).min(self.cars))
                    }
                };
                Msg::Table(TableMsg::SliceLoaded {
                    req: *req,
                    records: (start..end).map(car).collect(),
                    total: self.cars,
                })
            }
            Command::FetchAccount => Msg::AccountLoaded { web_base: "https://app.hubspot.com/contacts/42".into() },
            Command::Copy { what, .. } => Msg::Notice { text: format!("Copied {what}"), error: false },
            Command::OpenUrl { url } => Msg::Notice { text: format!("Opened {url}"), error: false },
            Command::SaveChanges { req, type_id, items } => {
                let mut saved = Vec::new();
                let mut failed = Vec::new();
                let mut conflicts = Vec::new();
                for it in items {
                    let i = it.id.parse::<usize>().unwrap() - 1000;
                    if self.conflict_ids.contains(&it.id) && !it.force {
                        let theirs = it.properties.keys().map(|k| (k.clone(), "99999".to_owned())).collect();
                        conflicts.push((it.id.clone(), Some("2024-03-01T00:00:00.000Z".to_owned()), theirs));
                    } else if it.properties.values().any(|v| v == "-1") {
                        failed
                            .push((it.id.clone(), "Property values were not valid: price must be positive".to_owned()));
                    } else {
                        let mut r = car(i);
                        for (k, v) in &it.properties {
                            r.properties.insert(k.clone(), Some(v.clone()));
                        }
                        saved.push(r);
                    }
                }
                Msg::Edit(EditMsg::ChangesSaved { req: *req, type_id: type_id.clone(), saved, failed, conflicts })
            }
            Command::CreateRecord { req, properties, .. } => {
                // As 2026-09 refuses a conditionally required property left empty.
                if properties.get("make").is_some_and(|m| m == "Tesla") && !properties.contains_key("price") {
                    return Msg::Create(CreateMsg::CreateFailed {
                        req: *req,
                        error:
                            "invalid request: price is required because of a conditional property rule based on [make]"
                                .into(),
                        fields: vec![(
                            "price".into(),
                            "price is required because of a conditional property rule based on [make]".into(),
                        )],
                    });
                }
                if properties.get("model").is_some_and(|m| m == "Duplicate") {
                    return Msg::Create(CreateMsg::CreateFailed {
                        req: *req,
                        error: "A car with this VIN already exists".into(),
                        fields: Vec::new(),
                    });
                }
                let mut r = car(8999);
                for (k, v) in properties {
                    r.properties.insert(k.clone(), Some(v.clone()));
                }
                Msg::Create(CreateMsg::Created { req: *req, record: Box::new(r) })
            }
            Command::CreateRecords { req, rows, .. } => {
                let dup = |r: &BTreeMap<String, String>| r.get("model").is_some_and(|m| m == "Duplicate");
                Msg::Create(CreateMsg::CreatedMany {
                    req: *req,
                    created: rows
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| !dup(r))
                        .map(|(i, _)| (9000 + i).to_string())
                        .collect(),
                    failed: rows
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| dup(r))
                        .map(|(i, _)| (i, "A car with this VIN already exists".to_owned()))
                        .collect(),
                })
            }
            Command::CreateNote { req, .. } => Msg::Record(RecordMsg::Pinned { req: *req, error: None }),
            Command::FindRecords { req, .. } => Msg::Pick(PickMsg::RecordsFound {
                req: *req,
                matches: vec![("5000".into(), "5000  Ada · ada@example.com".into())],
                error: None,
            }),
            Command::FetchLabels { req, .. } => Msg::Pick(PickMsg::LabelsLoaded {
                req: *req,
                labels: vec![
                    ("HUBSPOT_DEFINED".into(), 2, "Unlabeled".into()),
                    ("USER_DEFINED".into(), 7, "Owner".into()),
                ],
                error: None,
            }),
            Command::ReadImport { req, path } => Msg::Import(ImportMsg::ImportRead {
                req: *req,
                path: path.clone(),
                rows: vec![
                    BTreeMap::from([("VIN".to_owned(), "VIN1".to_owned()), ("Price".to_owned(), "1".to_owned())]),
                    BTreeMap::from([("VIN".to_owned(), "NEW9".to_owned()), ("Price".to_owned(), "x".to_owned())]),
                ],
                error: None,
            }),
            Command::Upsert { req, items, .. } => Msg::Import(ImportMsg::Imported {
                req: *req,
                report: hubtui::app::import::ImportReport { created: 1, updated: items.len() - 1, failed: Vec::new() },
            }),
            Command::Merge { req, primary, .. } => {
                let mut r = car(primary.parse::<usize>().unwrap() - 1000);
                r.id.clone_from(primary);
                Msg::Record(RecordMsg::Merged { req: *req, record: Some(r), error: None })
            }
            Command::AssociateMany { req, .. } => Msg::Bulk(BulkMsg::AssociatedMany { req: *req, error: None }),
            Command::Associate { req, .. } => Msg::Record(RecordMsg::Associated { req: *req, error: None }),
            Command::Pin { req, .. } => Msg::Record(RecordMsg::Pinned { req: *req, error: None }),
            Command::ArchiveRecords { req, type_id, ids } => {
                Msg::Bulk(BulkMsg::Archived { req: *req, type_id: type_id.clone(), count: ids.len(), error: None })
            }
            Command::RestoreRecord { req, id, .. } => {
                Msg::Bulk(BulkMsg::Restored { req: *req, id: id.clone(), error: None })
            }
            Command::FetchOldValues { type_id, property, ids } => Msg::Edit(EditMsg::OldValues {
                type_id: type_id.clone(),
                property: property.clone(),
                values: ids
                    .iter()
                    .map(|id| {
                        let r = car(id.parse::<usize>().unwrap() - 1000);
                        let v = r.properties.get(property).cloned().flatten().unwrap_or_default();
                        (id.clone(), v, Some("2024-02-01T10:30:00.000Z".to_owned()))
                    })
                    .collect(),
                error: None,
            }),
            Command::FetchAllIds { req, search, .. } => Msg::Bulk(BulkMsg::AllIds {
                req: *req,
                ids: (0..self.cars)
                    .filter(|i| matches_request(&car(*i), search))
                    .map(|i| (1000 + i).to_string())
                    .collect(),
                error: None,
            }),
            Command::SaveDrafts { .. } => Msg::Notice { text: String::new(), error: false },
            Command::SaveSearches { .. } => Msg::Notice { text: String::new(), error: false },
            Command::SaveColumns { .. } => Msg::Notice { text: "Columns saved".into(), error: false },
            Command::SaveWidths { .. } => Msg::Notice { text: String::new(), error: false },
            Command::FetchMatches { req, search, .. } => Msg::Table(TableMsg::Matches {
                req: *req,
                total: Ok((0..self.cars).filter(|i| matches_request(&car(*i), search)).count()),
            }),
            Command::FetchCount { req, type_id } => Msg::Defs(DefsMsg::Counted {
                req: *req,
                type_id: type_id.clone(),
                total: Ok(if type_id == "2-3465404" { self.cars } else { 3 }),
            }),
            Command::FetchNames { req, items } => Msg::Record(RecordMsg::NamesLoaded {
                req: *req,
                records: items
                    .iter()
                    .flat_map(|(t, _, ids)| ids.iter().map(move |id| (t.clone(), id.clone())))
                    .filter(|(t, _)| t == "contacts")
                    .map(|(t, id)| {
                        let mut r = car(0);
                        r.id.clone_from(&id);
                        r.properties = BTreeMap::from([
                            ("firstname".to_owned(), Some("Ada".to_owned())),
                            ("lastname".to_owned(), Some("Lovelace".to_owned())),
                            ("email".to_owned(), Some("ada@example.com".to_owned())),
                        ]);
                        (hubtui::model::RecordRef::new(t, id), r)
                    })
                    .collect(),
                error: None,
            }),
            Command::Export { req, path, total, .. } => Msg::Bulk(BulkMsg::Exported {
                req: *req,
                path: path.clone(),
                count: total.unwrap_or(self.cars),
                note: None,
                error: None,
                exists: false,
            }),
            Command::SearchType { req, type_id, query, .. } => {
                // Cars whose VIN or model contains the text; contacts never match.
                let q = query.to_lowercase();
                let hits: Vec<SimplePublicObject> = if type_id == "2-3465404" {
                    (0..self.cars)
                        .map(car)
                        .filter(|c| {
                            ["vin", "model"]
                                .iter()
                                .any(|p| c.properties.get(*p).cloned().flatten().is_some_and(|v| v.to_lowercase() == q))
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                Msg::Everywhere(hubtui::app::msg::EverywhereMsg::Found {
                    req: *req,
                    total: hits.len(),
                    records: hits.into_iter().take(10).collect(),
                    error: None,
                })
            }
            Command::CompletePath { req, typed } => {
                // The folder holds cars-export.csv, cars.jsonl and a folder data/.
                let part = typed.rsplit('/').next().unwrap_or_default();
                let names = ["cars-export.csv", "cars.jsonl", "data/"]
                    .iter()
                    .filter(|n| n.starts_with(part))
                    .map(|n| (*n).to_owned())
                    .collect();
                Msg::PathsFound { req: *req, typed: typed.clone(), names }
            }
            Command::CheckMergeTarget { req, id, .. } => {
                let i = id.parse::<usize>().unwrap_or(usize::MAX).wrapping_sub(1000);
                let found = i < self.cars;
                Msg::Record(RecordMsg::MergeTarget {
                    req: *req,
                    record: found.then(|| car(i)),
                    error: (!found).then(|| "Not found: no record with that id".to_owned()),
                    not_found: !found,
                })
            }
            Command::FetchTypes { req } => Msg::Defs(DefsMsg::TypesLoaded { req: *req, types: types() }),
            Command::FetchProperties { req, type_id } if type_id == "notes" => {
                Msg::Defs(DefsMsg::PropertiesLoaded { req: *req, properties: note_properties() })
            }
            Command::FetchProperties { req, .. } => {
                Msg::Defs(DefsMsg::PropertiesLoaded { req: *req, properties: car_properties() })
            }
            Command::FetchPage { req, after, search: Some(request), .. } => {
                // Cars matching a search: the fake portal evaluates EQ/GT/IN on year, price, make.
                let mut matching: Vec<usize> = (0..self.cars).filter(|i| matches_request(&car(*i), request)).collect();
                if let Some(hubtui::model::SortSpec::Object { property_name, direction }) = request.sorts.first() {
                    // Sorted by a property (numbers as numbers), ties by id.
                    let key = |i: &usize| {
                        let v = car(*i).properties.get(property_name).cloned().flatten().unwrap_or_default();
                        (v.parse::<f64>().unwrap_or(f64::NAN), v)
                    };
                    matching.sort_by(|a, b| {
                        let (ka, kb) = (key(a), key(b));
                        ka.0.partial_cmp(&kb.0).unwrap_or_else(|| ka.1.cmp(&kb.1)).then(a.cmp(b))
                    });
                    if direction.as_deref() == Some("DESCENDING") {
                        matching.reverse();
                    }
                }
                let offset = match after {
                    Some(Cursor::Search(c)) => usize::try_from(c.offset).unwrap(),
                    None => 0,
                    Some(other) => panic!("a list cursor for a search: {other:?}"),
                };
                let page: Vec<_> = matching.iter().skip(offset).take(100).map(|i| car(*i)).collect();
                let next = (offset + 100 < matching.len())
                    .then(|| Cursor::Search(SearchCursor { offset: (offset + 100) as u64, last_id: None }));
                Msg::Table(TableMsg::PageLoaded {
                    req: *req,
                    records: page,
                    next_after: next,
                    search: Some(SearchPage { total: matching.len(), past_cap: false, capped: false }),
                })
            }
            Command::FetchPage { req, after, .. } => {
                if self.fail_pages {
                    return Msg::Table(TableMsg::PageFailed {
                        req: *req,
                        error: "HubSpot answered 502: Bad Gateway".into(),
                    });
                }
                let start: usize = match after {
                    Some(Cursor::List(a)) => a.parse::<usize>().unwrap() - 1000,
                    None => 0,
                    Some(other) => panic!("a search cursor for a list: {other:?}"),
                };
                let end = (start + 100).min(self.cars);
                let records = (start..end).map(car).collect();
                Msg::Table(TableMsg::PageLoaded {
                    req: *req,
                    records,
                    next_after: (end < self.cars).then(|| Cursor::List((1000 + end).to_string())),
                    search: None,
                })
            }
            Command::FetchRecord { req, type_id, id, properties, .. } if type_id == "notes" => {
                // Like HubSpot: a note's body comes only when asked for (it is not a default).
                let mut r = car(0);
                r.id.clone_from(id);
                r.properties = BTreeMap::from([("hs_timestamp".to_owned(), Some("2024-03-01T10:00:00.000Z".into()))]);
                if properties.iter().any(|p| p == "hs_note_body") {
                    r.properties.insert("hs_note_body".to_owned(), Some(format!("Note {id} about the car")));
                }
                Msg::Record(RecordMsg::RecordLoaded { req: *req, record: r })
            }
            Command::FetchRecord { req, id, .. } if id == "5000" => {
                let mut r = car(0);
                r.id = "5000".into();
                r.properties = BTreeMap::from([
                    ("firstname".to_owned(), Some("Ada".to_owned())),
                    ("email".to_owned(), Some("ada@example.com".to_owned())),
                ]);
                Msg::Record(RecordMsg::RecordLoaded { req: *req, record: r })
            }
            Command::FetchRecord { req, id, id_property: Some(_), .. } => {
                // Unique values are `VIN{i}` in this portal.
                match id.strip_prefix("VIN").and_then(|n| n.parse::<usize>().ok()) {
                    Some(i) => Msg::Record(RecordMsg::RecordLoaded { req: *req, record: car(i) }),
                    None => Msg::Record(RecordMsg::RecordFailed {
                        req: *req,
                        error: "Not found: no record with that value".into(),
                        not_found: true,
                    }),
                }
            }
            Command::FetchRecord { req, id, .. } => {
                let i = id.parse::<usize>().unwrap() - 1000;
                let mut r = car(i);
                let mut h = BTreeMap::new();
                h.insert(
                    "price".to_owned(),
                    vec![
                        ValueWithTimestamp {
                            value: (20_000 + i * 100).to_string(),
                            timestamp: "2024-02-01T10:30:00.000Z".into(),
                            source_type: "CRM_UI".into(),
                            source_id: None,
                            source_label: None,
                            updated_by_user_id: None,
                        },
                        ValueWithTimestamp {
                            value: "25000".into(),
                            timestamp: "2024-01-15T09:00:00.000Z".into(),
                            source_type: "IMPORT".into(),
                            source_id: None,
                            source_label: None,
                            updated_by_user_id: None,
                        },
                    ],
                );
                r.properties_with_history = Some(h);
                let contacts = AssociatedIdCollection {
                    results: vec![AssociatedId { id: "5000".into(), kind: "car_to_contact".into() }],
                    paging: None,
                };
                let notes = AssociatedIdCollection {
                    results: vec![
                        AssociatedId { id: "71".into(), kind: "car_to_note".into() },
                        AssociatedId { id: "7200".into(), kind: "car_to_note".into() },
                    ],
                    paging: None,
                };
                r.properties.insert("hs_pinned_engagement_id".into(), Some("7200".into()));
                r.associations = Some(BTreeMap::from([("contacts".to_owned(), contacts), ("notes".to_owned(), notes)]));
                Msg::Record(RecordMsg::RecordLoaded { req: *req, record: r })
            }
        }
    }

    /// Answers every pending command (and the ones those answers cause).
    pub fn settle(&mut self) {
        while !self.pending.is_empty() {
            let cmds = std::mem::take(&mut self.pending);
            for c in cmds {
                let m = self.answer(&c);
                self.send(m);
            }
        }
    }

    /// The screen as text.
    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut state = self.state.clone();
        state.size = (w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view(f, &state, &self.keymap, &Theme::no_color())).unwrap();
        format!("{}", terminal.backend())
    }

    /// The screen drawn with a theme: each line's text, then its runs of colour and
    /// emphasis (`3-9 fg=Cyan bg=Reset BOLD`), so a snapshot shows what a theme paints.
    pub fn screen_styled(&self, w: u16, h: u16, theme: &Theme) -> String {
        let mut state = self.state.clone();
        state.size = (w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view(f, &state, &self.keymap, theme)).unwrap();
        let buf = terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            let text: String = (0..w).map(|x| buf[(x, y)].symbol().to_owned()).collect();
            out.push_str(&text);
            out.push('\n');
            let mut runs: Vec<String> = Vec::new();
            let mut start = 0;
            let style = |x: u16| {
                let c = &buf[(x, y)];
                (c.fg, c.bg, c.modifier)
            };
            for x in 1..=w {
                if x == w || style(x) != style(start) {
                    let (fg, bg, m) = style(start);
                    if (fg, bg, m)
                        != (
                            ratatui::style::Color::Reset,
                            ratatui::style::Color::Reset,
                            ratatui::style::Modifier::empty(),
                        )
                    {
                        runs.push(format!("{start}-{} fg={fg:?} bg={bg:?} {m:?}", x - 1));
                    }
                    start = x;
                }
            }
            if !runs.is_empty() {
                out.push_str(&format!("    {}\n", runs.join(" | ")));
            }
        }
        out
    }
}
