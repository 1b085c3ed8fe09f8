//! The differences between two portals' definitions: what the target lacks (`missing`),
//! what only the target has (`extra`) and what differs (`changed`, with both values).
//! Types match by name, properties and groups by internal name, options by value (the
//! stored value, not the label), rules by rule type, labels by text. HubSpot's read-only
//! definitions are compared by presence only: nobody can change them.

use serde::Serialize;

use crate::api::types::PropertyOption;

use super::doc::{Definitions, PropertyDef, SchemaSettings, TypeDefs};

/// How an item differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// In the source, not in the target.
    Missing,
    /// In the target only.
    Extra,
    /// In both, with a field that differs.
    Changed,
}

/// What kind of item differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Item {
    Schema,
    Group,
    Property,
    Option,
    Rule,
    Label,
    Association,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    pub object_type: String,
    pub change: Change,
    pub item: Item,
    /// The item: a type, group or property name, `property=value` for an option,
    /// `property:RULE_TYPE` for a rule, `to/label` for a label.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// Every difference from `from` to `to`, source order.
#[must_use]
pub fn diff(from: &Definitions, to: &Definitions) -> Vec<Difference> {
    let mut out = Vec::new();
    for a in &from.types {
        match to.types.iter().find(|b| b.name.eq_ignore_ascii_case(&a.name)) {
            Some(b) => type_diff(a, b, &mut out),
            None => out.push(whole(a, Change::Missing)),
        }
    }
    for b in to.types.iter().filter(|b| !from.types.iter().any(|a| a.name.eq_ignore_ascii_case(&b.name))) {
        out.push(whole(b, Change::Extra));
    }
    out
}

fn whole(t: &TypeDefs, change: Change) -> Difference {
    let n = t.properties.len();
    let (side_a, side_b) = (Some(format!("{n} properties")), None);
    let (from, to) = if change == Change::Missing { (side_a, side_b) } else { (side_b, side_a) };
    Difference { object_type: t.name.clone(), change, item: Item::Schema, name: t.name.clone(), field: None, from, to }
}

/// The differences within one type present on both sides.
pub fn type_diff(a: &TypeDefs, b: &TypeDefs, out: &mut Vec<Difference>) {
    let mut push = |change, item, name: String, field: Option<&str>, from: Option<String>, to: Option<String>| {
        out.push(Difference {
            object_type: a.name.clone(),
            change,
            item,
            name,
            field: field.map(str::to_owned),
            from,
            to,
        });
    };
    if let (Some(sa), Some(sb)) = (&a.schema, &b.schema) {
        for (field, x, y) in schema_fields(sa).into_iter().zip(schema_fields(sb)).map(|((f, x), (_, y))| (f, x, y)) {
            if x != y {
                push(Change::Changed, Item::Schema, a.name.clone(), Some(field), Some(x), Some(y));
            }
        }
        sets(&sa.associated_objects, &sb.associated_objects, |change, n| {
            push(change, Item::Association, n.clone(), None, side(change, true, n), side(change, false, n));
        });
    }
    for g in &a.groups {
        match b.group(&g.name) {
            None => push(Change::Missing, Item::Group, g.name.clone(), None, Some(g.label.clone()), None),
            Some(h) if h.label != g.label => {
                push(
                    Change::Changed,
                    Item::Group,
                    g.name.clone(),
                    Some("label"),
                    Some(g.label.clone()),
                    Some(h.label.clone()),
                );
            }
            Some(h) if h.display_order != g.display_order => push(
                Change::Changed,
                Item::Group,
                g.name.clone(),
                Some("displayOrder"),
                Some(g.display_order.to_string()),
                Some(h.display_order.to_string()),
            ),
            Some(_) => {}
        }
    }
    for h in b.groups.iter().filter(|h| a.group(&h.name).is_none()) {
        push(Change::Extra, Item::Group, h.name.clone(), None, None, Some(h.label.clone()));
    }
    for p in &a.properties {
        match b.property(&p.property.name) {
            None => push(Change::Missing, Item::Property, p.property.name.clone(), None, Some(summary(p)), None),
            Some(q) => property_diff(p, q, &mut push),
        }
    }
    for q in b.properties.iter().filter(|q| a.property(&q.property.name).is_none()) {
        push(Change::Extra, Item::Property, q.property.name.clone(), None, None, Some(summary(q)));
    }
    let la: Vec<String> = a.association_labels.iter().map(|l| format!("{}/{}", l.to, l.label)).collect();
    let lb: Vec<String> = b.association_labels.iter().map(|l| format!("{}/{}", l.to, l.label)).collect();
    sets(&la, &lb, |change, n| {
        push(change, Item::Label, n.clone(), None, side(change, true, n), side(change, false, n))
    });
}

type Push<'a> = dyn FnMut(Change, Item, String, Option<&str>, Option<String>, Option<String>) + 'a;

fn property_diff(p: &PropertyDef, q: &PropertyDef, push: &mut Push<'_>) {
    let name = &p.property.name;
    if p.property.modification_metadata.read_only_definition || q.property.modification_metadata.read_only_definition {
        return;
    }
    for ((field, x), (_, y)) in property_fields(p).into_iter().zip(property_fields(q)) {
        if x != y {
            push(Change::Changed, Item::Property, name.clone(), Some(field), Some(x), Some(y));
        }
    }
    for o in &p.property.options {
        let key = format!("{name}={}", o.value);
        match q.property.options.iter().find(|r| r.value == o.value) {
            None => push(Change::Missing, Item::Option, key, None, Some(o.label.clone()), None),
            Some(r) => {
                for ((field, x), (_, y)) in option_fields(o).into_iter().zip(option_fields(r)) {
                    if x != y {
                        push(Change::Changed, Item::Option, key.clone(), Some(field), Some(x), Some(y));
                    }
                }
            }
        }
    }
    for r in q.property.options.iter().filter(|r| !p.property.options.iter().any(|o| o.value == r.value)) {
        push(Change::Extra, Item::Option, format!("{name}={}", r.value), None, None, Some(r.label.clone()));
    }
    for rule in &p.validation_rules {
        let key = format!("{name}:{}", rule.rule_type);
        let args = rule.rule_arguments.join(",");
        match q.validation_rules.iter().find(|r| r.rule_type == rule.rule_type) {
            None => push(Change::Missing, Item::Rule, key, None, Some(args), None),
            Some(r) if r.rule_arguments != rule.rule_arguments => {
                push(
                    Change::Changed,
                    Item::Rule,
                    key,
                    Some("ruleArguments"),
                    Some(args),
                    Some(r.rule_arguments.join(",")),
                );
            }
            Some(_) => {}
        }
    }
    for r in q.validation_rules.iter().filter(|r| !p.validation_rules.iter().any(|x| x.rule_type == r.rule_type)) {
        push(
            Change::Extra,
            Item::Rule,
            format!("{name}:{}", r.rule_type),
            None,
            None,
            Some(r.rule_arguments.join(",")),
        );
    }
}

/// The compared fields of a property, as text.
#[must_use]
pub fn property_fields(p: &PropertyDef) -> [(&'static str, String); 8] {
    let p = &p.property;
    [
        ("label", p.label.clone()),
        ("type", p.kind.clone()),
        ("fieldType", p.field_type.clone()),
        ("groupName", p.group_name.clone()),
        ("description", p.description.clone()),
        ("hasUniqueValue", p.has_unique_value.to_string()),
        ("hidden", p.hidden.to_string()),
        ("formField", p.form_field.to_string()),
    ]
}

fn option_fields(o: &PropertyOption) -> [(&'static str, String); 3] {
    [("label", o.label.clone()), ("hidden", o.hidden.to_string()), ("displayOrder", o.display_order.to_string())]
}

fn schema_fields(s: &SchemaSettings) -> [(&'static str, String); 7] {
    [
        ("labels.singular", s.labels.singular.clone()),
        ("labels.plural", s.labels.plural.clone()),
        ("description", s.description.clone().unwrap_or_default()),
        ("primaryDisplayProperty", s.primary_display_property.clone().unwrap_or_default()),
        ("secondaryDisplayProperties", s.secondary_display_properties.join(",")),
        ("searchableProperties", sorted(&s.searchable_properties)),
        ("requiredProperties", sorted(&s.required_properties)),
    ]
}

/// A list as sorted text: lists compared as sets.
pub(super) fn sorted(v: &[String]) -> String {
    let mut v = v.to_vec();
    v.sort();
    v.join(",")
}

fn summary(p: &PropertyDef) -> String {
    format!("{} ({}/{})", p.property.label, p.property.kind, p.property.field_type)
}

fn side(change: Change, source: bool, n: &str) -> Option<String> {
    ((change == Change::Missing) == source).then(|| n.to_owned())
}

/// Calls `f` for each of `a` not in `b` (missing) and each of `b` not in `a` (extra).
fn sets(a: &[String], b: &[String], mut f: impl FnMut(Change, &String)) {
    for x in a.iter().filter(|x| !b.contains(x)) {
        f(Change::Missing, x);
    }
    for y in b.iter().filter(|y| !a.contains(y)) {
        f(Change::Extra, y);
    }
}

/// The differences as an aligned table for a terminal (one line saying so when none).
#[must_use]
pub fn table(diffs: &[Difference]) -> String {
    if diffs.is_empty() {
        return "no differences\n".to_owned();
    }
    let rows: Vec<[String; 5]> = diffs
        .iter()
        .map(|d| {
            let change = format!("{:?}", d.change).to_lowercase();
            let item = format!("{:?}", d.item).to_lowercase();
            let values = match (&d.from, &d.to) {
                (Some(x), Some(y)) => format!("{x:?} → {y:?}"),
                (Some(x), None) => x.clone(),
                (None, Some(y)) => y.clone(),
                (None, None) => String::new(),
            };
            let name = d.field.as_ref().map_or_else(|| d.name.clone(), |f| format!("{}.{f}", d.name));
            [d.object_type.clone(), change, item, name, values]
        })
        .collect();
    let heads = ["TYPE", "CHANGE", "ITEM", "NAME", "VALUES (source → target)"];
    let widths: Vec<usize> =
        (0..4).map(|i| rows.iter().map(|r| r[i].chars().count()).chain([heads[i].len()]).max().unwrap_or(0)).collect();
    let line = |r: [&str; 5]| {
        format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {:<w3$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        )
        .trim_end()
        .to_owned()
    };
    let mut text = line(heads) + "\n";
    for r in &rows {
        text.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
        text.push('\n');
    }
    let (m, e, c) = diffs.iter().fold((0, 0, 0), |(m, e, c), d| match d.change {
        Change::Missing => (m + 1, e, c),
        Change::Extra => (m, e + 1, c),
        Change::Changed => (m, e, c + 1),
    });
    text.push_str(&format!(
        "{} differences: {m} missing in the target, {e} only in the target, {c} changed\n",
        diffs.len()
    ));
    text
}
