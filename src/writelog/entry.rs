//! One logged write: what was called, on which records, their values before and after, and
//! how it ended. Entries are what the log view lists and what undo reverses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Update,
    Create,
    Import,
    Archive,
    Restore,
    Merge,
    Associate,
    Dissociate,
}

impl Action {
    /// The word shown in the log.
    #[must_use]
    pub const fn word(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::Create => "create",
            Self::Import => "import",
            Self::Archive => "archive",
            Self::Restore => "restore",
            Self::Merge => "merge",
            Self::Associate => "associate",
            Self::Dissociate => "dissociate",
        }
    }
}

/// How an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Written before the call; the result has not arrived (yet, or ever: a crash).
    Pending,
    /// The call answered; each record says how it went.
    Done,
    /// The result never arrived and reading the records could not tell.
    Unknown,
}

/// How one record's write ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "is")]
pub enum Outcome {
    Pending,
    Ok,
    Failed {
        why: String,
    },
    /// Not written: someone changed it since it was read (their values).
    Held {
        theirs: BTreeMap<String, String>,
    },
}

/// One record's part in a write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordChange {
    pub id: String,
    /// The values before (read for the conflict guard, or just before the write).
    #[serde(default)]
    pub before: BTreeMap<String, String>,
    #[serde(default)]
    pub after: BTreeMap<String, String>,
    /// The write created this record (an import's new rows, a create).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub created: bool,
    pub result: Outcome,
}

impl RecordChange {
    /// A record about to be written.
    #[must_use]
    pub fn pending(id: &str, before: BTreeMap<String, String>, after: BTreeMap<String, String>) -> Self {
        Self { id: id.to_owned(), before, after, created: false, result: Outcome::Pending }
    }
}

/// One association written or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    pub from_type: String,
    pub from_id: String,
    pub to_type: String,
    pub to_id: String,
    /// `(category, typeId)`; `None`: the default association.
    #[serde(default)]
    pub kind: Option<(String, i64)>,
}

/// One logged write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: String,
    /// When, epoch ms.
    pub at: i64,
    pub portal: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// `app` or `cli`.
    pub by: String,
    /// The writing process: a pending entry is interrupted only once it is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
    pub action: Action,
    pub type_id: String,
    /// The unique property an import named its rows by (their ids until the answer came).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_property: Option<String>,
    #[serde(default)]
    pub records: Vec<RecordChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    pub status: Status,
    /// The entry this one undid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
    /// What else to know (why the status is unknown, what could not be undone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Entry {
    /// A new pending entry.
    #[must_use]
    pub fn new(action: Action, type_id: &str, at: i64) -> Self {
        let id = format!("{:012x}", crate::rng::random_u64() & 0xffff_ffff_ffff);
        Self {
            id,
            at,
            portal: String::new(),
            profile: None,
            by: String::new(),
            pid: None,
            action,
            type_id: type_id.to_owned(),
            id_property: None,
            records: Vec::new(),
            links: Vec::new(),
            status: Status::Pending,
            undoes: None,
            note: None,
        }
    }

    /// `(ok, failed, held)` counts of its records.
    #[must_use]
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |f: fn(&Outcome) -> bool| self.records.iter().filter(|r| f(&r.result)).count();
        (n(|o| *o == Outcome::Ok), n(|o| matches!(o, Outcome::Failed { .. })), n(|o| matches!(o, Outcome::Held { .. })))
    }

    /// Whether the entry passes a filter: each word must match — an age (`30m`, `2h`, `1d`:
    /// written this recently), else (ignoring case) part of its id, action, type (its id or
    /// one of `aliases`, e.g. the type's label), who wrote it, when (`2026-12-01`), the entry
    /// it undid, or one of its records' ids.
    #[must_use]
    pub fn matches(&self, query: &str, now: i64, aliases: &[String]) -> bool {
        let when = crate::timefmt::iso_from_ms(self.at);
        let mut hay = vec![self.id.as_str(), self.action.word(), &self.type_id, &self.by, &when];
        hay.extend(aliases.iter().map(String::as_str));
        hay.extend(self.undoes.as_deref());
        hay.extend(self.records.iter().map(|r| r.id.as_str()));
        hay.extend(self.links.iter().flat_map(|l| [l.from_id.as_str(), l.to_id.as_str()]));
        query.split_whitespace().all(|word| match crate::timefmt::age_ms(word) {
            Some(age) => self.at >= now - age,
            None => {
                let w = word.to_lowercase();
                hay.iter().any(|h| h.to_lowercase().contains(&w))
            }
        })
    }

    /// One line for lists: `update 2-3465404 · 250 records (3 failed) · undo of …`.
    #[must_use]
    pub fn summary(&self) -> String {
        self.summary_as(&self.type_id)
    }

    /// [`Entry::summary`] naming the type as `type_name` (its label, where it is known).
    #[must_use]
    pub fn summary_as(&self, type_name: &str) -> String {
        let (ok, failed, held) = self.counts();
        let n = if self.links.is_empty() { self.records.len() } else { self.links.len() };
        let what = if self.links.is_empty() { "record" } else { "association" };
        let mut s = format!("{} {} · {n} {what}{}", self.action.word(), type_name, if n == 1 { "" } else { "s" });
        match self.status {
            Status::Pending => s.push_str(" · in flight"),
            Status::Unknown => s.push_str(" · result unknown"),
            Status::Done if failed + held > 0 => {
                s.push_str(&format!(" · {ok} ok, {failed} failed, {held} held back"));
            }
            Status::Done => {}
        }
        if let Some(u) = &self.undoes {
            s.push_str(&format!(" · undo of {u}"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_match_words_ages_types_and_records() {
        let mut e = Entry::new(Action::Update, "2-3465404", 1_000_000);
        e.by = "app".into();
        e.records.push(RecordChange::pending("10000691", BTreeMap::new(), BTreeMap::new()));
        let cars = ["Cars".to_owned()];
        let now = 1_000_000 + 90 * 60_000;
        assert!(e.matches("", now, &cars));
        assert!(e.matches("update cars", now, &cars));
        assert!(e.matches("UPDATE 2-3465404 000691", now, &cars));
        assert!(e.matches("2h", now, &cars) && !e.matches("1h", now, &cars));
        assert!(e.matches("1970-01-01", now, &cars));
        assert!(!e.matches("archive", now, &cars));
        assert!(!e.matches("cars deals", now, &cars));
        assert!(!e.matches("cars", now, &[]));
    }
}
