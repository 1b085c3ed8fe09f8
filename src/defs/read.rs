//! Reading a portal's definitions into a [`Definitions`] document through the client.

use std::collections::BTreeMap;

use crate::api::standard::STANDARD_TYPES;
use crate::api::types::ObjectSchema;
use crate::api::{Client, Error};

use super::doc::{Definitions, FORMAT, LabelDef, PropertyDef, SchemaSettings, TypeDefs};

/// One type the portal has: its name, id and (for custom objects) schema.
#[derive(Debug, Clone)]
struct Known {
    name: String,
    id: String,
    labels: Vec<String>,
    schema: Option<ObjectSchema>,
}

/// Reads the definitions of `wanted` types (names, ids or labels; every type when empty).
///
/// # Errors
/// A type the portal does not have (the error lists those it has), or the API's error.
pub async fn read(client: &Client, wanted: &[String], source: &str) -> Result<Definitions, String> {
    let (defs, absent) = read_present(client, wanted, source).await?;
    match absent.first() {
        None => Ok(defs),
        Some(w) => {
            let known = known_types(client).await.map_err(|e| e.to_string())?;
            let all: Vec<&str> = known.iter().map(|k| k.name.as_str()).collect();
            Err(format!("{source} has no type {w:?}; it has {}", all.join(", ")))
        }
    }
}

/// Like [`read`], for the types of `wanted` the portal has; the names it lacks are returned
/// beside (what a target of `schema apply` is compared as).
///
/// # Errors
/// The API's error.
pub async fn read_present(
    client: &Client,
    wanted: &[String],
    source: &str,
) -> Result<(Definitions, Vec<String>), String> {
    let known = known_types(client).await.map_err(|e| e.to_string())?;
    let (chosen, absent) = choose(&known, wanted);
    let names: BTreeMap<String, String> = known.iter().map(|k| (k.id.clone(), k.name.clone())).collect();
    let mut types = Vec::new();
    for k in &chosen {
        types.push(type_defs(client, k, &names).await.map_err(|e| format!("{}: {e}", k.name))?);
    }
    for i in 0..chosen.len() {
        for j in i + 1..chosen.len() {
            let labels = user_labels(client, &chosen[i].id, &chosen[j].id).await.map_err(|e| e.to_string())?;
            types[i]
                .association_labels
                .extend(labels.into_iter().map(|label| LabelDef { to: chosen[j].name.clone(), label }));
        }
    }
    let exported_at = crate::timefmt::iso_from_ms(crate::timefmt::now_ms());
    Ok((Definitions { format: FORMAT.to_owned(), source: source.to_owned(), exported_at, types }, absent))
}

/// The names of the portal's custom object types (what a comparison lists as extra when the
/// other side lacks them).
///
/// # Errors
/// The API's error.
pub async fn custom_names(client: &Client) -> Result<Vec<String>, String> {
    let known = known_types(client).await.map_err(|e| e.to_string())?;
    Ok(known.into_iter().filter(|k| k.schema.is_some()).map(|k| k.name).collect())
}

async fn known_types(client: &Client) -> Result<Vec<Known>, Error> {
    let mut known: Vec<Known> = client
        .schemas()
        .await?
        .into_iter()
        .filter(|s| !s.archived)
        .map(|s| Known {
            name: s.name.clone(),
            id: s.object_type_id.clone(),
            labels: vec![s.labels.plural.clone(), s.labels.singular.clone(), s.fully_qualified_name.clone()],
            schema: Some(s),
        })
        .collect();
    known.extend(STANDARD_TYPES.iter().map(|(id, name, label, _)| Known {
        name: (*name).to_owned(),
        id: (*id).to_owned(),
        labels: vec![(*label).to_owned()],
        schema: None,
    }));
    Ok(known)
}

/// The known types `wanted` names (all when empty), and the names matching none.
fn choose(known: &[Known], wanted: &[String]) -> (Vec<Known>, Vec<String>) {
    if wanted.is_empty() {
        return (known.to_vec(), Vec::new());
    }
    let mut out: Vec<Known> = Vec::new();
    let mut absent = Vec::new();
    for w in wanted.iter().flat_map(|w| w.split(',')).map(str::trim).filter(|w| !w.is_empty()) {
        let found = known.iter().find(|k| {
            k.name.eq_ignore_ascii_case(w) || k.id == w || k.labels.iter().any(|l| l.eq_ignore_ascii_case(w))
        });
        match found {
            Some(k) if !out.iter().any(|o| o.id == k.id) => out.push(k.clone()),
            Some(_) => {}
            None => absent.push(w.to_owned()),
        }
    }
    (out, absent)
}

async fn type_defs(client: &Client, k: &Known, names: &BTreeMap<String, String>) -> Result<TypeDefs, Error> {
    let mut rules: BTreeMap<String, Vec<_>> = client
        .property_validations(&k.id)
        .await?
        .into_iter()
        .map(|v| (v.property_name, v.property_validation_rules))
        .collect();
    let properties = client
        .properties(&k.id)
        .await?
        .into_iter()
        .filter(|p| !p.archived)
        .map(|property| PropertyDef { validation_rules: rules.remove(&property.name).unwrap_or_default(), property })
        .collect();
    let groups = client.property_groups(&k.id).await?.into_iter().filter(|g| !g.archived).collect();
    Ok(TypeDefs {
        name: k.name.clone(),
        object_type_id: k.id.clone(),
        schema: k.schema.as_ref().map(|s| settings(s, names)),
        groups,
        properties,
        association_labels: Vec::new(),
    })
}

fn settings(s: &ObjectSchema, names: &BTreeMap<String, String>) -> SchemaSettings {
    let mut associated: Vec<String> = s
        .associations
        .iter()
        .filter_map(|a| {
            let other =
                if a.from_object_type_id == s.object_type_id { &a.to_object_type_id } else { &a.from_object_type_id };
            names.get(other).cloned()
        })
        .filter(|n| *n != s.name)
        .collect();
    associated.sort();
    associated.dedup();
    SchemaSettings {
        labels: s.labels.clone(),
        description: s.description.clone().filter(|d| !d.is_empty()),
        primary_display_property: s.primary_display_property.clone(),
        secondary_display_properties: s.secondary_display_properties.clone(),
        searchable_properties: s.searchable_properties.clone(),
        required_properties: s.required_properties.clone(),
        associated_objects: associated,
    }
}

/// The user-defined labels from one type to another, sorted.
async fn user_labels(client: &Client, from: &str, to: &str) -> Result<Vec<String>, Error> {
    let mut labels: Vec<String> = client
        .association_labels(from, to)
        .await?
        .into_iter()
        .filter(|l| l.category == "USER_DEFINED")
        .filter_map(|l| l.label)
        .collect();
    labels.sort();
    labels.dedup();
    Ok(labels)
}
