//! The reads behind the record view: one record (a wide property list goes through
//! `batch/read` so the URL stays short), its activities, and property definitions with
//! pipeline stages as option labels.

use crate::api::objects::ReadParams;
use crate::api::paging::{SearchCursor, SearchNext};
use crate::api::types::{
    BatchId, BatchReadInput, Filter, FilterGroup, Property, PropertyOption, SearchRequest, SimplePublicObject, SortSpec,
};
use crate::api::{Client, Error};
use crate::app::command::Edge;
use crate::app::msg::SearchPage;
use crate::app::state::ActivityRow;

/// Past this many properties the record is read with `batch/read` (POST) instead of a GET
/// whose query string would outgrow real portals' URL limit (contacts have hundreds).
pub const WIDE: usize = 40;

/// What a record read asks for besides the record's key.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub id_property: Option<String>,
    pub properties: Vec<String>,
    pub associations: Vec<String>,
    /// From the recycle bin.
    pub archived: bool,
}

/// One record with these properties (and their history) and its associations.
pub async fn record(client: &Client, type_id: &str, id: &str, read: Read) -> Result<SimplePublicObject, Error> {
    let Read { id_property, properties, associations, archived } = read;
    if properties.len() <= WIDE {
        let params = ReadParams {
            properties: properties.clone(),
            properties_with_history: properties,
            associations,
            id_property,
            archived,
        };
        return client.get(type_id, id, &params).await;
    }
    let params = ReadParams {
        properties: vec!["hs_object_id".into()],
        associations,
        id_property,
        archived,
        ..ReadParams::default()
    };
    let mut rec = client.get(type_id, id, &params).await?;
    let input = BatchReadInput {
        properties: properties.clone(),
        properties_with_history: properties,
        id_property: None,
        inputs: vec![BatchId { id: rec.id.clone().into() }],
    };
    let batch = client.batch_read(type_id, &input, archived).await?;
    if let Some(full) = batch.results.into_iter().next() {
        rec.properties = full.properties;
        rec.properties_with_history = full.properties_with_history;
    }
    Ok(rec)
}

/// Up to 100 records by id order through search: the last ones, or those before / after an
/// id; returned ascending, with the type's record count.
pub async fn slice(
    client: &Client,
    type_id: &str,
    properties: Vec<String>,
    edge: &Edge,
) -> Result<(Vec<SimplePublicObject>, usize), Error> {
    let (filter, direction) = match edge {
        Edge::Last => (None, "DESCENDING"),
        Edge::Before(id) => (Some(("LT", id)), "DESCENDING"),
        Edge::After(id) => (Some(("GT", id)), "ASCENDING"),
    };
    let filter_groups = filter
        .map(|(op, id)| {
            vec![FilterGroup {
                filters: vec![Filter {
                    property_name: "hs_object_id".into(),
                    operator: op.into(),
                    value: Some(id.clone().into()),
                    high_value: None,
                    values: None,
                }],
            }]
        })
        .unwrap_or_default();
    let request = SearchRequest {
        filter_groups,
        sorts: vec![SortSpec::Object { property_name: "hs_object_id".into(), direction: Some(direction.into()) }],
        properties,
        limit: Some(100),
        ..SearchRequest::default()
    };
    let mut resp = client.search(type_id, &request).await?;
    if direction == "DESCENDING" {
        resp.results.reverse();
    }
    // The count of the whole type: a filtered search counts only its side.
    let total = match edge {
        Edge::Last => usize::try_from(resp.total).unwrap_or(usize::MAX),
        _ => 0,
    };
    Ok((resp.results, total))
}

/// One page of a search shown in the table: `after` is an encoded [`SearchCursor`]; the
/// answer carries the next one (past the 10,000 cap for id-ordered searches).
pub async fn search_page(
    client: &Client,
    type_id: &str,
    request: &SearchRequest,
    after: Option<&str>,
) -> Result<(Vec<SimplePublicObject>, Option<String>, SearchPage), Error> {
    let cursor = after.and_then(SearchCursor::decode).unwrap_or_default();
    let limit = 100;
    let resp = client.search(type_id, &cursor.request(request, limit)).await?;
    let by_id = matches!(request.sorts.as_slice(), [SortSpec::Object { property_name, direction }]
        if property_name == "hs_object_id" && direction.as_deref() != Some("DESCENDING"));
    let (next, past_cap, capped) = match cursor.next(&resp, limit, by_id) {
        SearchNext::Page(c) => (Some(c.encode()), cursor.last_id.is_some(), false),
        SearchNext::PastCap(c) => (Some(c.encode()), true, false),
        SearchNext::Capped => (None, false, true),
        SearchNext::Done => (None, cursor.last_id.is_some(), false),
    };
    // Past the cap HubSpot counts only the continuation's matches: keep the first total.
    let total = usize::try_from(resp.total).unwrap_or(usize::MAX);
    Ok((resp.results, next, SearchPage { total, past_cap, capped }))
}

const TITLE_PROPS: [&str; 6] =
    ["hs_meeting_title", "hs_task_subject", "hs_call_title", "hs_email_subject", "hs_note_body", "hs_call_body"];

/// Text without HTML tags, whitespace collapsed, at most `max` characters.
fn plain(html: &str, max: usize) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let text = words.join(" ");
    if text.chars().count() > max { format!("{}…", text.chars().take(max).collect::<String>()) } else { text }
}

/// The activities, read in batches of 100 per type.
pub async fn activities(client: &Client, items: Vec<(String, Vec<String>)>) -> Result<Vec<ActivityRow>, Error> {
    let mut out = Vec::new();
    for (object_type, ids) in items {
        for chunk in ids.chunks(100) {
            let input = BatchReadInput {
                properties: TITLE_PROPS.iter().map(|p| (*p).to_owned()).chain(["hs_timestamp".to_owned()]).collect(),
                properties_with_history: Vec::new(),
                id_property: None,
                inputs: chunk.iter().map(|id| BatchId { id: id.clone().into() }).collect(),
            };
            let batch = client.batch_read(&object_type, &input, false).await?;
            for r in batch.results {
                let get = |n: &str| r.properties.get(n).cloned().flatten().filter(|v| !v.is_empty());
                let title = TITLE_PROPS.iter().find_map(|p| get(p)).map(|t| plain(&t, 120)).unwrap_or_default();
                let timestamp = get("hs_timestamp").unwrap_or_else(|| r.created_at.clone());
                out.push(ActivityRow { object_type: object_type.clone(), id: r.id.clone(), timestamp, title });
            }
        }
    }
    Ok(out)
}

/// Property definitions; pipeline and stage properties get the pipelines' labels as options
/// when their definitions carry none.
pub async fn properties(client: &Client, type_id: &str) -> Result<Vec<Property>, Error> {
    let (props, pipelines) = tokio::join!(client.properties(type_id), client.pipelines(type_id));
    let mut props = props?;
    if props.iter().any(is_owner) {
        // Owners by name (a portal without the owners scope keeps raw ids).
        match client.owners().await {
            Ok(owners) => fill_owner_options(&mut props, &owners),
            Err(e) => tracing::info!(error = %e, "owners not read; owner properties show ids"),
        }
    }
    // Types without pipelines answer 404 (or nothing): no labels to add.
    let pipelines = pipelines.unwrap_or_default();
    let option = |value: &serde_json::Value, label: &serde_json::Value| PropertyOption {
        label: label.as_str().unwrap_or_default().to_owned(),
        value: value.as_str().map_or_else(|| value.to_string(), str::to_owned),
        display_order: 0,
        hidden: false,
        description: None,
    };
    let mut pipeline_opts = Vec::new();
    let mut stage_opts = Vec::new();
    for p in &pipelines {
        pipeline_opts.push(option(&p["id"], &p["label"]));
        for s in p["stages"].as_array().into_iter().flatten() {
            stage_opts.push(option(&s["id"], &s["label"]));
        }
    }
    for p in &mut props {
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
    Ok(props)
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
pub async fn web_base(client: &Client) -> Result<String, Error> {
    let account = client.account_details().await?;
    Ok(format!("https://{}/contacts/{}", account.ui_domain, account.portal_id))
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn activity_titles_drop_html_and_stay_short() {
        assert_eq!(plain("<p>Call <b>Ada</b></p>\n about  the car", 100), "Call Ada about the car");
        assert_eq!(plain("abcdef", 3), "abc…");
    }
}
