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

pub async fn run(conn: &Connection, a: SearchArgs) -> Result<(), CliError> {
    let req = request(&a)?;
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
