//! `hubtui search TYPE --filter … [--or …]`.

use serde_json::json;

use super::{CliError, Connection, parse_filter, parse_sort, print_json};
use crate::api::paging::SearchPager;
use crate::api::types::{FilterGroup, SearchRequest};
use crate::cli::SearchArgs;

/// Builds the request from the arguments (groups come from the filters' positions).
pub fn request(a: &SearchArgs) -> Result<SearchRequest, CliError> {
    let groups = if a.groups.is_empty() && !a.filter.is_empty() { vec![a.filter.clone()] } else { a.groups.clone() };
    let mut filter_groups = Vec::new();
    for g in groups.iter().filter(|g| !g.is_empty()) {
        let filters = g.iter().map(|f| parse_filter(f)).collect::<Result<Vec<_>, _>>().map_err(CliError::Usage)?;
        filter_groups.push(FilterGroup { filters });
    }
    if !(1..=200).contains(&a.limit) {
        return Err(CliError::Usage(format!("--limit must be from 1 to 200, not {}", a.limit)));
    }
    Ok(SearchRequest {
        filter_groups,
        sorts: a.sort.as_deref().map(parse_sort).into_iter().collect(),
        query: a.query.clone(),
        properties: a.properties.clone(),
        limit: Some(if a.all { 200 } else { i64::from(a.limit) }),
        after: None,
    })
}

/// HubSpot matches `IN` / `NOT_IN` values of string properties only in lowercase: lowercase
/// them (as the app's builder does) so `make IN BMW,Audi` finds what it says.
async fn lowercase_in_values(conn: &Connection, type_id: &str, req: &mut SearchRequest) -> Result<(), CliError> {
    let has_in = req.filter_groups.iter().flat_map(|g| &g.filters).any(|f| f.values.is_some());
    if !has_in {
        return Ok(());
    }
    let props = conn.client.properties(type_id).await?;
    for f in req.filter_groups.iter_mut().flat_map(|g| g.filters.iter_mut()) {
        let string = props.iter().any(|p| p.name == f.property_name && p.kind == "string");
        if let (true, Some(values)) = (string, f.values.as_mut()) {
            for v in values.iter_mut() {
                v.0 = v.0.to_lowercase();
            }
        }
    }
    Ok(())
}

pub async fn run(conn: &Connection, a: SearchArgs) -> Result<(), CliError> {
    let mut req = request(&a)?;
    lowercase_in_values(conn, &a.object_type, &mut req).await?;
    if !a.all {
        let resp = conn.client.search(&a.object_type, &req).await?;
        return print_json(&resp);
    }
    if a.sort.is_some() {
        eprintln!("note: --all returns results sorted by record id (the order that can continue past 10,000)");
    }
    let mut pager = SearchPager::exhaustive(conn.client.clone(), &a.object_type, req);
    let mut results = Vec::new();
    while let Some(page) = pager.next_page().await {
        results.extend(page?);
    }
    if pager.continued_past_cap {
        eprintln!("note: more than 10,000 matches; continued past HubSpot's cap by record id");
    }
    print_json(&json!({"total": results.len(), "results": results}))
}
