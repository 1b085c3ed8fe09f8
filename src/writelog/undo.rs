//! Planning an undo (pure): what writes reverse an entry, given the records' values now. A
//! record someone changed since the entry wrote it (its values now differ from the entry's
//! "after") is held back with both values, never overwritten — the same guard as saves.

use std::collections::BTreeMap;

use super::entry::{Action, Entry, Link, Outcome, Status};

/// Values by record id, by property.
pub type Values = BTreeMap<String, BTreeMap<String, String>>;

/// A record held back: its id, what the entry wrote, what it holds now.
pub type Held = (String, BTreeMap<String, String>, BTreeMap<String, String>);

/// The writes that undo an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Records to set back: id → the values before.
    pub writes: Vec<(String, BTreeMap<String, String>)>,
    /// Records held back: id, what the entry wrote, what they hold now.
    pub held: Vec<Held>,
    /// Records the entry created: archived.
    pub archive: Vec<String>,
    /// Records the entry archived: restored.
    pub restore: Vec<String>,
    pub associate: Vec<Link>,
    pub dissociate: Vec<Link>,
}

impl Plan {
    /// Whether there is nothing to write.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
            && self.archive.is_empty()
            && self.restore.is_empty()
            && self.associate.is_empty()
            && self.dissociate.is_empty()
    }

    /// What it would do, in one line.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.writes.len(), "set back"),
            (self.archive.len(), "archived"),
            (self.restore.len(), "restored"),
            (self.associate.len(), "associations restored"),
            (self.dissociate.len(), "associations removed"),
            (self.held.len(), "held back (changed since)"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if parts.is_empty() { "nothing to undo".into() } else { parts.join(", ") }
    }
}

/// Why an entry cannot be undone, if it cannot.
#[must_use]
pub fn refusal(e: &Entry) -> Option<String> {
    match (e.action, e.status) {
        (Action::Merge, _) => Some("it is a merge, and HubSpot has no unmerge".into()),
        (_, Status::Pending) => Some("its result has not arrived yet (r reads the log again)".into()),
        (_, Status::Unknown) => Some("its result is unknown (the write was interrupted); check the records".into()),
        _ => None,
    }
}

/// The records whose values must be read now to plan (id → properties).
#[must_use]
pub fn to_read(e: &Entry) -> BTreeMap<String, Vec<String>> {
    if !matches!(e.action, Action::Update | Action::Import) {
        return BTreeMap::new();
    }
    e.records
        .iter()
        .filter(|r| r.result == Outcome::Ok && !r.created)
        .map(|r| (r.id.clone(), r.after.keys().cloned().collect()))
        .collect()
}

/// The writes that undo `e`, given the values `now` of the records [`to_read`] names.
#[must_use]
pub fn plan(e: &Entry, now: &Values) -> Plan {
    let mut p = Plan::default();
    let ok = e.records.iter().filter(|r| r.result == Outcome::Ok);
    match e.action {
        Action::Update | Action::Import => {
            for r in ok {
                if r.created {
                    p.archive.push(r.id.clone());
                    continue;
                }
                let theirs: BTreeMap<String, String> = r
                    .after
                    .keys()
                    .map(|k| (k.clone(), now.get(&r.id).and_then(|v| v.get(k)).cloned().unwrap_or_default()))
                    .collect();
                if theirs == r.after {
                    let back =
                        r.after.keys().map(|k| (k.clone(), r.before.get(k).cloned().unwrap_or_default())).collect();
                    p.writes.push((r.id.clone(), back));
                } else {
                    p.held.push((r.id.clone(), r.after.clone(), theirs));
                }
            }
        }
        Action::Create => p.archive = ok.map(|r| r.id.clone()).collect(),
        Action::Archive => p.restore = ok.map(|r| r.id.clone()).collect(),
        Action::Restore => p.archive = ok.map(|r| r.id.clone()).collect(),
        Action::Associate => p.dissociate.clone_from(&e.links),
        Action::Dissociate => p.associate.clone_from(&e.links),
        Action::Merge => {}
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writelog::entry::RecordChange;

    fn m(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn an_update_is_set_back_except_where_someone_changed_it_since() {
        let mut e = Entry::new(Action::Update, "2-1", 0);
        e.status = Status::Done;
        for id in ["1", "2"] {
            let mut r = RecordChange::pending(id, m(&[("price", "10")]), m(&[("price", "20")]));
            r.result = Outcome::Ok;
            e.records.push(r);
        }
        let now: Values = [("1".into(), m(&[("price", "20")])), ("2".into(), m(&[("price", "25")]))].into();
        let p = plan(&e, &now);
        assert_eq!(p.writes, vec![("1".to_owned(), m(&[("price", "10")]))]);
        assert_eq!(p.held, vec![("2".to_owned(), m(&[("price", "20")]), m(&[("price", "25")]))]);
        assert_eq!(p.describe(), "1 set back, 1 held back (changed since)");
    }

    #[test]
    fn creates_are_archived_archives_restored_and_merges_refused() {
        let mut e = Entry::new(Action::Create, "2-1", 0);
        e.status = Status::Done;
        let mut r = RecordChange::pending("9", BTreeMap::new(), m(&[("make", "Kia")]));
        r.result = Outcome::Ok;
        e.records.push(r);
        assert_eq!(plan(&e, &Values::new()).archive, ["9"]);
        e.action = Action::Archive;
        assert_eq!(plan(&e, &Values::new()).restore, ["9"]);
        e.action = Action::Merge;
        assert!(refusal(&e).is_some());
        e.action = Action::Update;
        e.status = Status::Unknown;
        assert!(refusal(&e).unwrap().contains("unknown"));
    }
}
