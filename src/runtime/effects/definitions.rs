//! What the portal defines: its object types (custom schemas first, then the standard
//! types), a type's property definitions (pipelines, stages and owners filled in as option
//! labels), and the account's web address for links into HubSpot's web app.

use crate::api::standard::STANDARD_TYPES;
use crate::api::types::{Property, PropertyOption};
use crate::api::{Client, Error};
use crate::app::msg::{DefsMsg, Msg};
use crate::app::state::{ReqId, TypeInfo};
use crate::runtime::error_text::error_text;

/// The object types.
pub async fn types(client: &Client, req: ReqId) -> Msg {
    match fetch_types(client).await {
        Ok(types) => Msg::Defs(DefsMsg::TypesLoaded { req, types }),
        Err(e) => Msg::Defs(DefsMsg::TypesFailed { req, error: error_text(&e) }),
    }
}

/// A type's property definitions.
pub async fn properties(client: &Client, req: ReqId, type_id: &str) -> Msg {
    match fetch_properties(client, type_id).await {
        Ok(properties) => Msg::Defs(DefsMsg::PropertiesLoaded { req, properties }),
        Err(e) => Msg::Defs(DefsMsg::PropertiesFailed { req, error: error_text(&e) }),
    }
}

/// A type's record count: a search for one record reads the `total` (the search API counts
/// past its 10,000-result cap).
pub async fn count(client: &Client, req: ReqId, type_id: &str) -> Msg {
    let request = crate::model::SearchRequest {
        properties: vec!["hs_object_id".into()],
        limit: Some(1),
        ..crate::model::SearchRequest::default()
    };
    let total = match client.search(type_id, &request).await {
        Ok(r) => Ok(usize::try_from(r.total).unwrap_or(0)),
        Err(e) => Err(error_text(&e)),
    };
    Msg::Defs(DefsMsg::Counted { req, type_id: type_id.to_owned(), total })
}

/// How many records a search matches (its `total`, from a one-record page).
pub async fn matches(client: &Client, req: ReqId, type_id: &str, search: &crate::model::SearchRequest) -> Msg {
    let request = crate::model::SearchRequest {
        properties: vec!["hs_object_id".into()],
        limit: Some(1),
        after: None,
        ..search.clone()
    };
    let total = match client.search(type_id, &request).await {
        Ok(r) => Ok(usize::try_from(r.total).unwrap_or(0)),
        Err(e) => Err(error_text(&e)),
    };
    Msg::Table(crate::app::msg::TableMsg::Matches { req, total })
}

/// The web app's address (without it, no links into HubSpot: a notice says so).
pub async fn account(client: &Client) -> Msg {
    match web_base(client).await {
        Ok(web_base) => Msg::AccountLoaded { web_base },
        Err(e) => Msg::Notice { text: format!("No links to HubSpot's web app: {}", error_text(&e)), error: true },
    }
}

/// Custom objects first (from the schemas API), then the standard types.
async fn fetch_types(client: &Client) -> Result<Vec<TypeInfo>, Error> {
    let mut out: Vec<TypeInfo> = client
        .schemas()
        .await?
        .into_iter()
        .map(|s| TypeInfo {
            type_id: s.object_type_id,
            label: s.labels.plural,
            custom: true,
            columns: s.primary_display_property.into_iter().chain(s.secondary_display_properties).collect(),
            required: s.required_properties,
            aliases: [s.fully_qualified_name, s.name].into_iter().filter(|n| !n.is_empty()).collect(),
        })
        .collect();
    out.extend(STANDARD_TYPES.iter().map(|(id, name, label, cols)| TypeInfo {
        type_id: (*id).to_owned(),
        label: (*label).to_owned(),
        custom: false,
        columns: cols.iter().map(|c| (*c).to_owned()).collect(),
        required: Vec::new(),
        aliases: vec![(*name).to_owned()],
    }));
    Ok(out)
}

/// Property definitions with their validation rules; pipeline and stage properties get the
/// pipelines' labels as options when their definitions carry none.
async fn fetch_properties(client: &Client, type_id: &str) -> Result<Vec<Property>, Error> {
    let (props, pipelines, rules, conditional) = tokio::join!(
        client.properties(type_id),
        client.pipelines(type_id),
        client.property_validations(type_id),
        client.conditional_rules(type_id)
    );
    let mut props = props?;
    match rules {
        Ok(rules) => attach_rules(&mut props, rules),
        // A portal (or token) without the API: the server still checks every write.
        Err(e) => tracing::info!(error = %e, "validation rules not read; edits are checked by the server only"),
    }
    match conditional {
        Ok(rules) => attach_conditions(&mut props, rules),
        Err(e) => tracing::info!(error = %e, "conditional rules not read; the server checks them"),
    }
    if props.iter().any(is_owner) {
        // Owners by name (a portal without the owners scope keeps raw ids).
        match client.owners().await {
            Ok(owners) => fill_owner_options(&mut props, &owners),
            Err(e) => tracing::info!(error = %e, "owners not read; owner properties show ids"),
        }
    }
    // Types without pipelines answer 404 (or nothing): no labels to add.
    fill_pipeline_options(&mut props, &pipelines.unwrap_or_default());
    Ok(props)
}

/// Puts each property's validation rules on its definition, where every check of a typed
/// value finds them.
fn attach_rules(props: &mut [Property], rules: Vec<crate::model::PropertyValidation>) {
    for r in rules {
        if let Some(p) = props.iter_mut().find(|p| p.name == r.property_name) {
            p.validation_rules = r.property_validation_rules;
        }
    }
}

/// Puts each conditional rule on the property it makes required.
fn attach_conditions(props: &mut [Property], rules: Vec<crate::model::ConditionalRequired>) {
    for r in rules {
        if let Some(p) = props.iter_mut().find(|p| p.name == r.property_name) {
            p.required_when.push(r);
        }
    }
}

/// Gives pipeline and stage properties without options the pipelines' ids and labels.
fn fill_pipeline_options(props: &mut [Property], pipelines: &[serde_json::Value]) {
    let option = |value: &serde_json::Value, label: &serde_json::Value| PropertyOption {
        label: label.as_str().unwrap_or_default().to_owned(),
        value: value.as_str().map_or_else(|| value.to_string(), str::to_owned),
        display_order: 0,
        hidden: false,
        description: None,
    };
    let mut pipeline_opts = Vec::new();
    let mut stage_opts = Vec::new();
    for p in pipelines {
        pipeline_opts.push(option(&p["id"], &p["label"]));
        for s in p["stages"].as_array().into_iter().flatten() {
            stage_opts.push(option(&s["id"], &s["label"]));
        }
    }
    for p in props.iter_mut() {
        let opts = match p.name.as_str() {
            "dealstage" | "hs_pipeline_stage" => &stage_opts,
            "pipeline" | "hs_pipeline" => &pipeline_opts,
            _ => continue,
        };
        if p.options.is_empty() && !opts.is_empty() {
            p.options.clone_from(opts);
            p.kind = "enumeration".into();
        }
    }
}

/// A property whose values are owner ids (`hubspot_owner_id` and the like).
fn is_owner(p: &Property) -> bool {
    p.referenced_object_type.as_deref() == Some("OWNER") || p.name == "hubspot_owner_id"
}

/// Gives owner properties the owners as options: `Ada Lovelace (ada@…)` for id `71000001`.
fn fill_owner_options(props: &mut [Property], owners: &[serde_json::Value]) {
    let options: Vec<PropertyOption> = owners
        .iter()
        .filter(|o| !o["archived"].as_bool().unwrap_or(false))
        .filter_map(|o| {
            let id = o["id"].as_str()?.to_owned();
            let name = [o["firstName"].as_str(), o["lastName"].as_str()].into_iter().flatten().collect::<Vec<_>>();
            let email = o["email"].as_str().unwrap_or_default();
            let label = match (name.join(" ").trim(), email) {
                ("", "") => id.clone(),
                ("", e) => e.to_owned(),
                (n, "") => n.to_owned(),
                (n, e) => format!("{n} ({e})"),
            };
            Some(PropertyOption { label, value: id, display_order: 0, hidden: false, description: None })
        })
        .collect();
    for p in props.iter_mut().filter(|p| is_owner(p)) {
        if p.options.is_empty() && !options.is_empty() {
            p.options.clone_from(&options);
            p.kind = "enumeration".into();
            p.field_type = "select".into();
        }
    }
}

/// `https://{uiDomain}/contacts/{portalId}` from the account-info API.
async fn web_base(client: &Client) -> Result<String, Error> {
    let account = client.account_details().await?;
    Ok(format!("https://{}/contacts/{}", account.ui_domain, account.portal_id))
}
