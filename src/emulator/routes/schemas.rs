//! `/crm/v3/schemas` (and `/crm-object-schemas/v3/schemas`): custom object definitions.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::api::types::{
    AssociationDefinition, CollectionResponse, ObjectSchema, ObjectSchemaEgg, ObjectSchemaPatch, PropertyGroup,
};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::{HubJson, QueryPairs};
use crate::emulator::lookup::custom_type;
use crate::emulator::propdef;
use crate::emulator::seed::assoc_types;
use crate::emulator::seed::defs::builtin_properties;
use crate::emulator::state::EmuState;
use crate::emulator::store::{Catalog, ObjectTypeDef, TypeEntry, assoc, defs, records};
use crate::timefmt::{iso_from_ms, now_ms};

pub fn router() -> Router<EmuState> {
    Router::new().route("/", get(list).post(create)).route("/{object_type}", get(get_one).patch(update).delete(delete))
}

/// A custom type's schema as the API returns it.
pub fn schema_of(conn: &rusqlite::Connection, cat: &Catalog, t: &TypeEntry) -> EmuResult<ObjectSchema> {
    let mut associations = Vec::new();
    for other in cat.types() {
        for at in assoc::types_between(conn, t.def.no, other.def.no)?.into_iter().filter(|a| a.label.is_none()) {
            associations.push(AssociationDefinition {
                id: at.type_id.to_string(),
                from_object_type_id: t.def.type_id.clone(),
                to_object_type_id: other.def.type_id.clone(),
                name: at.name.clone(),
                created_at: Some(iso_from_ms(t.def.created_at)),
                updated_at: Some(iso_from_ms(t.def.updated_at)),
            });
        }
    }
    Ok(ObjectSchema {
        id: t.def.schema_id.clone().unwrap_or_default(),
        object_type_id: t.def.type_id.clone(),
        fully_qualified_name: t.def.fully_qualified_name.clone().unwrap_or_default(),
        meta_type: "PORTAL_SPECIFIC".into(),
        name: t.def.name.clone(),
        labels: t.def.labels.clone(),
        primary_display_property: t.def.primary_display_property.clone(),
        secondary_display_properties: t.def.secondary_display_properties.clone(),
        searchable_properties: t.def.searchable_properties.clone(),
        required_properties: t.def.required_properties.clone(),
        properties: t.properties.iter().filter(|p| !p.archived).cloned().collect(),
        associations,
        description: t.def.description.clone(),
        archived: t.def.archived,
        created_at: Some(iso_from_ms(t.def.created_at)),
        updated_at: Some(iso_from_ms(t.def.updated_at)),
    })
}

async fn list(State(st): State<EmuState>, q: QueryPairs) -> EmuResult<Response> {
    let archived = q.flag("archived", false)?;
    st.store
        .read(move |conn, cat| {
            let results = cat
                .types()
                .iter()
                .filter(|t| t.def.custom && t.def.archived == archived)
                .map(|t| schema_of(conn, cat, t))
                .collect::<EmuResult<Vec<_>>>()?;
            Ok(axum::Json(CollectionResponse { results, paging: None }).into_response())
        })
        .await
}

async fn get_one(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = custom_type(cat, &object_type)?;
            Ok(axum::Json(schema_of(conn, cat, t)?).into_response())
        })
        .await
}

fn check_names_exist(props: &[String], names: &[&str], what: &str) -> EmuResult<()> {
    for n in names {
        if !props.iter().any(|p| p == n) {
            return Err(EmuError::validation(format!("{what} {n:?} is not one of the schema's properties")));
        }
    }
    Ok(())
}

fn validate_egg(egg: &ObjectSchemaEgg, cat: &Catalog) -> EmuResult<()> {
    propdef::check_name("Object", &egg.name)?;
    if egg.labels.singular.trim().is_empty() || egg.labels.plural.trim().is_empty() {
        return Err(EmuError::validation("Some required fields were not set: [labels.singular, labels.plural]"));
    }
    if cat.types().iter().any(|t| t.def.name.eq_ignore_ascii_case(&egg.name)) {
        return Err(EmuError::conflict(format!("An object type named {:?} already exists", egg.name)));
    }
    let names: Vec<String> = egg.properties.iter().map(|p| p.name.clone()).collect();
    let req: Vec<&str> = egg.required_properties.iter().map(String::as_str).collect();
    check_names_exist(&names, &req, "Required property")?;
    let shown: Vec<&str> =
        egg.primary_display_property.iter().chain(&egg.secondary_display_properties).map(String::as_str).collect();
    check_names_exist(&names, &shown, "Display property")?;
    let searchable: Vec<&str> = egg.searchable_properties.iter().map(String::as_str).collect();
    check_names_exist(&names, &searchable, "Searchable property")
}

async fn create(State(st): State<EmuState>, HubJson(egg): HubJson<ObjectSchemaEgg>) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            validate_egg(&egg, cat)?;
            let n = defs::meta(tx, "next_schema_id")?.and_then(|s| s.parse::<i64>().ok()).unwrap_or(4_100_001);
            defs::set_meta(tx, "next_schema_id", &(n + 1).to_string())?;
            let def = ObjectTypeDef {
                no: 0,
                type_id: format!("2-{n}"),
                name: egg.name.clone(),
                singular: egg.name.clone(),
                labels: egg.labels.clone(),
                custom: true,
                fully_qualified_name: Some(format!("p{}_{}", cat.portal_id, egg.name)),
                schema_id: Some(n.to_string()),
                description: egg.description.clone(),
                primary_display_property: egg.primary_display_property.clone(),
                secondary_display_properties: egg.secondary_display_properties.clone(),
                searchable_properties: egg.searchable_properties.clone(),
                required_properties: egg.required_properties.clone(),
                required_any_of: Vec::new(),
                default_properties: vec!["hs_createdate".into(), "hs_lastmodifieddate".into(), "hs_object_id".into()],
                has_legacy_createdate: false,
                legacy_lastmodified: false,
                created_at: now,
                updated_at: now,
                archived: false,
            };
            let no = defs::put_type(tx, &def)?;
            let group = PropertyGroup {
                name: format!("{}_information", egg.name),
                label: format!("{} information", egg.labels.singular),
                display_order: 0,
                archived: false,
            };
            defs::put_group(tx, no, &group)?;
            let created = iso_from_ms(now);
            let mut props = builtin_properties(&def, &group.name, &created);
            let entry = TypeEntry::new(ObjectTypeDef { no, ..def.clone() }, props.clone(), vec![group.clone()]);
            for c in &egg.properties {
                props.push(propdef::from_create(&entry, c, now)?);
            }
            for p in &props {
                defs::put_property(tx, no, p)?;
            }
            assoc_types::define_for_custom(tx, cat, (no, &def.singular), &egg.associated_objects)?;
            let fresh = Catalog::load(tx)?;
            let t =
                fresh.resolve(&def.type_id).ok_or_else(|| EmuError::validation("schema vanished while creating it"))?;
            Ok((StatusCode::CREATED, axum::Json(schema_of(tx, &fresh, t)?)).into_response())
        })
        .await
}

async fn update(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(patch): HubJson<ObjectSchemaPatch>,
) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = custom_type(cat, &object_type)?;
            let names: Vec<String> = t.properties.iter().filter(|p| !p.archived).map(|p| p.name.clone()).collect();
            let mut def = t.def.clone();
            if let Some(l) = &patch.labels {
                def.labels = l.clone();
            }
            if let Some(d) = &patch.description {
                def.description = Some(d.clone());
            }
            if let Some(p) = &patch.primary_display_property {
                check_names_exist(&names, &[p.as_str()], "Display property")?;
                def.primary_display_property = Some(p.clone());
            }
            for (src, dst, what) in [
                (&patch.secondary_display_properties, &mut def.secondary_display_properties, "Display property"),
                (&patch.searchable_properties, &mut def.searchable_properties, "Searchable property"),
                (&patch.required_properties, &mut def.required_properties, "Required property"),
            ] {
                if let Some(list) = src {
                    let refs: Vec<&str> = list.iter().map(String::as_str).collect();
                    check_names_exist(&names, &refs, what)?;
                    dst.clone_from(list);
                }
            }
            def.updated_at = now;
            defs::put_type(tx, &def)?;
            let fresh = Catalog::load(tx)?;
            let t =
                fresh.resolve(&def.type_id).ok_or_else(|| EmuError::validation("schema vanished while updating it"))?;
            Ok(axum::Json(schema_of(tx, &fresh, t)?).into_response())
        })
        .await
}

async fn delete(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .write_catalog(move |tx, cat| {
            let t = custom_type(cat, &object_type)?;
            if records::count(tx, t.def.no)? > 0 {
                return Err(EmuError::validation(format!(
                    "Object type {} still has records; archive them before deleting the schema",
                    t.def.name
                )));
            }
            let mut def = t.def.clone();
            def.archived = true;
            defs::put_type(tx, &def)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
