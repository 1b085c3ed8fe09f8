//! What the record view shows, computed the same way for `update` (which row is selected,
//! what `y` copies) and `view` (what is drawn).

use super::state::AppState;
use crate::model::{Property, SimplePublicObject};

/// One row of the Properties tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyRow<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub value: &'a str,
    pub read_only: bool,
    /// Another visible property has the same label: show the name too.
    pub ambiguous: bool,
}

impl PropertyRow<'_> {
    /// The label as shown: `Owner (hubspot_owner_id)` when another property is also "Owner".
    #[must_use]
    pub fn shown_label(&self) -> String {
        if self.ambiguous { format!("{} ({})", self.label, self.name) } else { self.label.to_owned() }
    }
}

/// Labels that more than one visible property has (compared ignoring case).
#[must_use]
pub fn shared_labels(props: Option<&[Property]>) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for p in props.unwrap_or_default().iter().filter(|p| !p.hidden) {
        *seen.entry(p.label.to_lowercase()).or_default() += 1;
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(l, _)| l).collect()
}

/// A property's label as shown anywhere: with its internal name when another visible
/// property shares the label; the name when it has no definition.
#[must_use]
pub fn shown_label(props: Option<&[Property]>, name: &str) -> String {
    match props.and_then(|ps| ps.iter().find(|p| p.name == name)) {
        Some(p) if shared_labels(props).contains(&p.label.to_lowercase()) => format!("{} ({name})", p.label),
        Some(p) => p.label.clone(),
        None => name.to_owned(),
    }
}

/// How the Properties tab orders a record's rows: its type's display properties (primary
/// first) and required ones lead; read-only system properties go last, folded unless shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowOrder<'a> {
    /// The type's display properties, primary first (the table's default columns).
    pub display: &'a [String],
    /// Properties a record of the type must have.
    pub required: &'a [String],
    /// Show the read-only system properties (`z`).
    pub show_system: bool,
    /// Only the rows whose label, internal name or value hold this (any case); every row,
    /// system ones included, is looked at.
    pub filter: &'a str,
}

/// How the record view orders the shown record's properties (its type's display and
/// required properties first).
#[must_use]
pub fn row_order(state: &AppState) -> RowOrder<'_> {
    let t =
        state.detail.current.as_ref().and_then(|r| state.types.list.ready().and_then(|ts| find_type(ts, &r.type_id)));
    RowOrder {
        display: t.map_or(&[][..], |t| t.columns.as_slice()),
        required: t.map_or(&[][..], |t| t.required.as_slice()),
        show_system: state.prefs.show_system,
        filter: state.detail.filter.as_ref().map_or("", |f| f.field.text().trim()),
    }
}

/// Whether a property is one of HubSpot's read-only system properties (dates, ids, sources)
/// rather than one people came for.
#[must_use]
pub fn is_system(name: &str, p: Option<&Property>) -> bool {
    match p {
        Some(p) => p.read_only_value() && (p.hubspot_defined || p.name.starts_with("hs_")),
        None => name.starts_with("hs_") || matches!(name, "createdate" | "lastmodifieddate"),
    }
}

/// Where a row goes: 0 the primary display property, 1 the other display and required
/// ones, 2 the rest, 3 system properties.
fn rank(order: &RowOrder<'_>, name: &str, p: Option<&Property>) -> (u8, usize) {
    if let Some(i) = order.display.iter().position(|d| d == name) {
        return (u8::from(i > 0), i);
    }
    if let Some(i) = order.required.iter().position(|d| d == name) {
        return (1, order.display.len() + i);
    }
    if is_system(name, p) { (3, 0) } else { (2, 0) }
}

/// The Properties tab's rows: the display and required properties first, then the rest with
/// values by group and label, then the writable ones without a value (so `e` can set them),
/// then — when shown — the read-only system properties.
#[must_use]
pub fn property_rows<'a>(
    rec: &'a SimplePublicObject,
    props: Option<&'a [Property]>,
    order: &RowOrder<'_>,
) -> Vec<PropertyRow<'a>> {
    let find = |n: &str| props.and_then(|ps| ps.iter().find(|p| p.name == n));
    let shared = shared_labels(props);
    let ambiguous = |label: &str| shared.contains(&label.to_lowercase());
    let row = |name: &'a str, p: Option<&'a Property>, value: &'a str| PropertyRow {
        name,
        label: p.map_or(name, |p| p.label.as_str()),
        value,
        read_only: p.is_some_and(Property::read_only_value),
        ambiguous: p.is_some_and(|p| ambiguous(&p.label)),
    };
    // (rank, has no value, no definition, group, label) orders every row.
    type Key<'k> = ((u8, usize), bool, bool, Option<&'k str>, &'k str);
    let mut rows: Vec<(Key<'a>, PropertyRow<'a>)> = rec
        .properties
        .iter()
        .filter_map(|(name, v)| {
            let value = v.as_deref().filter(|v| !v.is_empty())?;
            let p = find(name);
            let r = row(name, p, value);
            Some(((rank(order, name, p), false, p.is_none(), p.map(|p| p.group_name.as_str()), r.label), r))
        })
        .collect();
    // The writable properties the record has no value for, so they can be set (e).
    rows.extend(
        props
            .unwrap_or_default()
            .iter()
            .filter(|p| !p.hidden && p.writable())
            .filter(|p| rec.properties.get(&p.name).is_none_or(|v| v.as_deref().is_none_or(str::is_empty)))
            .map(|p| {
                let (r, k) = rank(order, &p.name, Some(p));
                let k = if r < 2 { (r, k) } else { (2, 0) };
                ((k, r >= 2, false, None, p.label.as_str()), row(&p.name, Some(p), ""))
            }),
    );
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let q = order.filter.to_lowercase();
    if !q.is_empty() {
        let hit = |r: &PropertyRow<'_>| {
            [r.label, r.name, r.value].iter().any(|s| s.to_lowercase().contains(&q))
                || display_value(find(r.name), r.value).to_lowercase().contains(&q)
        };
        return rows.into_iter().map(|(_, r)| r).filter(hit).collect();
    }
    rows.into_iter().filter(|(k, _)| order.show_system || k.0.0 < 3).map(|(_, r)| r).collect()
}

/// How many read-only system properties with a value the Properties tab folds away.
#[must_use]
pub fn folded_system(rec: &SimplePublicObject, props: Option<&[Property]>, order: &RowOrder<'_>) -> usize {
    if order.show_system || !order.filter.is_empty() {
        return 0;
    }
    rec.properties
        .iter()
        .filter(|(_, v)| v.as_deref().is_some_and(|v| !v.is_empty()))
        .filter(|(n, _)| rank(order, n, props.and_then(|ps| ps.iter().find(|p| p.name == **n))).0 == 3)
        .count()
}

/// The History tab's properties: what changed most first, then by label.
#[must_use]
pub fn history_order<'a>(
    rec: &'a SimplePublicObject,
    props: Option<&[Property]>,
) -> Vec<(&'a String, &'a Vec<crate::model::ValueWithTimestamp>)> {
    let Some(hist) = &rec.properties_with_history else { return Vec::new() };
    let find = |n: &str| props.and_then(|ps| ps.iter().find(|p| p.name == n));
    let mut out: Vec<_> = hist.iter().filter(|(_, e)| !e.is_empty()).collect();
    out.sort_by_cached_key(|(n, e)| {
        (std::cmp::Reverse(e.len()), find(n).map_or_else(|| (*n).clone(), |p| p.label.clone()))
    });
    out
}

/// The version under the History tab's cursor: `(property, index (0 = current), value)`.
#[must_use]
pub fn history_entry<'a>(
    rec: &'a SimplePublicObject,
    props: Option<&[Property]>,
    cursor: usize,
) -> Option<(&'a str, usize, &'a str)> {
    history_order(rec, props)
        .into_iter()
        .flat_map(|(name, entries)| entries.iter().enumerate().map(move |(i, e)| (name.as_str(), i, e.value.as_str())))
        .nth(cursor)
}

/// The display form of a stored value: enumeration labels (incl. pipeline stages) instead of
/// internal values.
#[must_use]
pub fn display_value(prop: Option<&Property>, value: &str) -> String {
    match prop {
        // Rich text (a note's body) reads as its text.
        Some(p) if p.field_type == "html" || is_rich_text(&p.name) => plain_text(value, 2_000),
        Some(p) if p.kind == "enumeration" && !p.options.is_empty() => value
            .split(';')
            .map(|v| p.options.iter().find(|o| o.value == v).map_or(v, |o| o.label.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        Some(p) if p.kind == "datetime" && value.len() >= 19 && value.as_bytes().get(10) == Some(&b'T') => {
            format!("{} {} UTC", &value[..10], &value[11..19])
        }
        Some(p) if p.kind == "number" && formatted(p) => group_thousands(value),
        _ => value.to_owned(),
    }
}

/// HubSpot's activity bodies, kept as HTML whatever their definition says.
fn is_rich_text(name: &str) -> bool {
    matches!(name, "hs_note_body" | "hs_meeting_body" | "hs_task_body" | "hs_call_body" | "hs_email_html")
}

/// Whether a number reads better grouped (amounts yes; ids and years no).
fn formatted(p: &Property) -> bool {
    let hint = p.number_display_hint.as_deref().unwrap_or("formatted");
    let id_like = p.name == "hs_object_id" || p.name.ends_with("_id") || p.name == "year" || p.name.ends_with("_year");
    !id_like && !matches!(hint, "unformatted" | "duration" | "percentage")
}

/// A count as shown: `1234567` → `1,234,567`.
#[must_use]
pub fn group_count(n: usize) -> String {
    group_thousands(&n.to_string())
}

/// `1234567.5` → `1,234,567.5`; anything that is not a plain decimal number is kept.
#[must_use]
pub fn group_thousands(value: &str) -> String {
    let (sign, rest) = value.strip_prefix('-').map_or(("", value), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.is_some_and(|f| !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return value.to_owned();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diff {
    Same(String),
    Removed(String),
    Added(String),
}

/// A word-level diff from `old` to `new` (longest common subsequence over words; long texts
/// fall back to one removal and one addition).
#[must_use]
pub fn diff_words(old: &str, new: &str) -> Vec<Diff> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    if a.len() * b.len() > 250_000 {
        return vec![Diff::Removed(old.to_owned()), Diff::Added(new.to_owned())];
    }
    // lcs[i][j]: common words of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out: Vec<Diff> = Vec::new();
    let push = |out: &mut Vec<Diff>, d: Diff| {
        let merged = match (out.last_mut(), &d) {
            (Some(Diff::Same(s)), Diff::Same(w))
            | (Some(Diff::Removed(s)), Diff::Removed(w))
            | (Some(Diff::Added(s)), Diff::Added(w)) => {
                s.push(' ');
                s.push_str(w);
                true
            }
            _ => false,
        };
        if !merged {
            out.push(d);
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(&mut out, Diff::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            push(&mut out, Diff::Removed(a[i].to_owned()));
            i += 1;
        } else {
            push(&mut out, Diff::Added(b[j].to_owned()));
            j += 1;
        }
    }
    out
}

/// The properties that name a record of an activity type (they are not in the types list).
pub fn activity_name_property(type_id: &str) -> Option<(&'static str, &'static str)> {
    Some(match type_id {
        "notes" | "0-46" => ("Note", "hs_note_body"),
        "meetings" | "0-47" => ("Meeting", "hs_meeting_title"),
        "tasks" | "0-27" => ("Task", "hs_task_subject"),
        "calls" | "0-48" => ("Call", "hs_call_title"),
        "emails" | "0-49" => ("Email", "hs_email_subject"),
        _ => return None,
    })
}

/// The properties that name a type's records (its display properties, an activity's
/// title), or none when the type is not known.
#[must_use]
pub fn naming_properties(types: &[crate::app::state::TypeInfo], type_id: &str) -> Vec<String> {
    match find_type(types, type_id) {
        Some(t) => t.columns.clone(),
        None => activity_name_property(type_id).map(|(_, p)| vec![p.to_owned()]).unwrap_or_default(),
    }
}

/// Text without HTML tags (and with its common entities decoded), whitespace collapsed, cut
/// to `max` characters.
#[must_use]
pub fn plain_text(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    // The common HTML entities, `&amp;` last so `&amp;lt;` stays `&lt;`.
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let words: Vec<&str> = out.split_whitespace().collect();
    let text = words.join(" ");
    if text.chars().count() > max { format!("{}…", text.chars().take(max).collect::<String>()) } else { text }
}

/// A type by its id, or by the plural name associations use for it (`contacts`).
#[must_use]
pub fn find_type<'a>(
    types: &'a [crate::app::state::TypeInfo],
    type_id: &str,
) -> Option<&'a crate::app::state::TypeInfo> {
    types.iter().find(|t| {
        t.type_id == type_id || t.label.eq_ignore_ascii_case(type_id) || t.aliases.iter().any(|a| a == type_id)
    })
}

/// A type's label (`Cars`), or its id when the types are not loaded.
#[must_use]
pub fn type_label(state: &AppState, type_id: &str) -> String {
    state
        .types
        .list
        .ready()
        .and_then(|ts| find_type(ts, type_id))
        .map_or_else(|| type_id.to_owned(), |t| t.label.clone())
}

/// How a record is named in titles and questions: its type's label and its display values
/// (`Cars: Model 7 · Ford`, `Note: Called about the service…`), else the type and id.
#[must_use]
pub fn record_title(types: &[crate::app::state::TypeInfo], type_id: &str, rec: &SimplePublicObject) -> String {
    let value = |p: &str| rec.properties.get(p).cloned().flatten().filter(|v| !v.trim().is_empty());
    // Associations name types by their plural name (`contacts`), the types list by id.
    let known = find_type(types, type_id);
    let (label, names): (String, Vec<String>) = match known {
        Some(t) => (t.label.clone(), t.columns.iter().filter_map(|c| value(c)).take(2).collect()),
        None => match activity_name_property(type_id) {
            Some((label, p)) => (label.to_owned(), value(p).into_iter().collect()),
            None => (type_id.to_owned(), Vec::new()),
        },
    };
    let names: Vec<String> = names.iter().map(|n| plain_text(n, 40)).collect();
    if names.is_empty() { label } else { format!("{label}: {}", names.join(" · ")) }
}

/// How a record is named for the user: its title in the record view (`Cars: Camry ·
/// Toyota #1007`) when it was shown, else its type's label and id (`Contacts #5000`).
#[must_use]
pub fn record_label(state: &AppState, type_id: &str, id: &str) -> String {
    if let Some(t) = state.detail.titles.get(&crate::model::RecordRef::new(type_id, id)) {
        return format!("{t} #{id}");
    }
    format!("{} #{id}", type_label(state, type_id))
}

/// A property's label for the user (with its name when another property shares the label);
/// its name when the definitions of that type are not loaded.
#[must_use]
pub fn property_label(state: &AppState, type_id: &str, name: &str) -> String {
    shown_label(state.definitions_of(type_id), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walkthrough found a car followed from a contact named `p48213567_cars #10000691`:
    /// associations name a custom object by its fully qualified name.
    #[test]
    fn a_type_is_found_by_the_names_associations_give_it() {
        let t = crate::app::state::TypeInfo {
            type_id: "2-3465404".into(),
            label: "Cars".into(),
            custom: true,
            columns: vec!["model".into()],
            required: Vec::new(),
            aliases: vec!["p48213567_cars".into(), "cars".into()],
        };
        let types = [t];
        for name in ["2-3465404", "p48213567_cars", "cars", "CARS"] {
            assert_eq!(find_type(&types, name).map(|t| t.type_id.as_str()), Some("2-3465404"), "{name}");
        }
        assert!(find_type(&types, "p1_cars").is_none());
    }

    /// A walkthrough found `a &lt; b &amp; c` in the Activities list.
    #[test]
    fn plain_text_decodes_entities_after_dropping_tags() {
        assert_eq!(plain_text("<p>a &lt; b &amp; c</p><p>&amp;lt;x&gt;</p>", 80), "a < b & c &lt;x>");
    }

    #[test]
    fn numbers_group_thousands_and_keep_odd_values() {
        assert_eq!(group_thousands("1234567.5"), "1,234,567.5");
        assert_eq!(group_thousands("-1000"), "-1,000");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1e5"), "1e5");
    }

    #[test]
    fn word_diff_marks_what_changed() {
        let d = diff_words("red sedan with sunroof", "blue sedan with sunroof and tow bar");
        assert_eq!(
            d,
            vec![
                Diff::Removed("red".into()),
                Diff::Added("blue".into()),
                Diff::Same("sedan with sunroof".into()),
                Diff::Added("and tow bar".into()),
            ]
        );
        assert_eq!(diff_words("", "x"), vec![Diff::Added("x".into())]);
    }
}
