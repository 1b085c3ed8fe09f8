//! `/crm/property-validations/{V}/{objectTypeId}` (v3, 2026-03, 2026-09): a type's property
//! validation rules — list them, read one property's or one rule, and set a rule (a PUT
//! replaces the rule of that type and leaves the property's other rules alone). Writes on
//! 2026-09 paths are refused when they break one (`emulator::rules`, `model::validation`).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::lookup;
use crate::emulator::state::EmuState;
use crate::emulator::store::{TypeEntry, defs};
use crate::model::validation::{RULE_TYPES, check_rule};
use crate::model::{PropertyValidation, ValidationRule};

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{object_type}", get(list))
        .route("/{object_type}/{property}", get(of_property))
        .route("/{object_type}/{property}/rule-type/{rule_type}", get(one_rule).put(put_rule))
}

/// The body of a rule PUT (`RuleInput`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleInput {
    rule_arguments: Vec<String>,
    #[serde(default)]
    should_apply_normalization: bool,
}

fn results<T: serde::Serialize>(results: Vec<T>) -> Response {
    axum::Json(serde_json::json!({ "results": results })).into_response()
}

fn property<'a>(t: &'a TypeEntry, name: &str) -> EmuResult<&'a crate::model::Property> {
    t.property(name).ok_or_else(|| EmuError::not_found(format!("Property {name} does not exist on {}", t.def.name)))
}

async fn list(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .read(move |_, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let all: Vec<PropertyValidation> = t
                .properties
                .iter()
                .filter(|p| !p.archived && !p.validation_rules.is_empty())
                .map(|p| PropertyValidation {
                    property_name: p.name.clone(),
                    property_validation_rules: p.validation_rules.clone(),
                })
                .collect();
            Ok(results(all))
        })
        .await
}

async fn of_property(
    State(st): State<EmuState>,
    Path((object_type, name)): Path<(String, String)>,
) -> EmuResult<Response> {
    st.store
        .read(move |_, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            Ok(results(property(t, &name)?.validation_rules.clone()))
        })
        .await
}

fn known_rule(rule_type: &str) -> EmuResult<()> {
    if RULE_TYPES.contains(&rule_type) {
        Ok(())
    } else {
        Err(EmuError::validation(format!("Unknown ruleType {rule_type}; it must be one of {}", RULE_TYPES.join(", "))))
    }
}

async fn one_rule(
    State(st): State<EmuState>,
    Path((object_type, name, rule_type)): Path<(String, String, String)>,
) -> EmuResult<Response> {
    known_rule(&rule_type)?;
    st.store
        .read(move |_, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let rule = property(t, &name)?.validation_rules.iter().find(|r| r.rule_type == rule_type).cloned();
            rule.map(|r| axum::Json(r).into_response())
                .ok_or_else(|| EmuError::not_found(format!("Property {name} has no {rule_type} validation rule")))
        })
        .await
}

async fn put_rule(
    State(st): State<EmuState>,
    Path((object_type, name, rule_type)): Path<(String, String, String)>,
    HubJson(input): HubJson<RuleInput>,
) -> EmuResult<Response> {
    known_rule(&rule_type)?;
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let kind = property(t, &name)?.kind.clone();
            let rule = ValidationRule {
                rule_type,
                rule_arguments: input.rule_arguments,
                should_apply_normalization: input.should_apply_normalization,
            };
            check_rule(&rule, &kind).map_err(EmuError::validation)?;
            let mut def = t.def.clone();
            let rules = def.validations.entry(name).or_default();
            match rules.iter_mut().find(|r| r.rule_type == rule.rule_type) {
                Some(old) => *old = rule,
                None => rules.push(rule),
            }
            defs::put_type(tx, &def)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
