//! The initial pull in lanes. HubSpot documents a list page's `after` as the id of the next
//! record (an inclusive lower bound on id), so a type's id range can be cut into lanes listed
//! side by side: with each call taking 100–300 ms, one cursor waits out every round trip and
//! reaches a fraction of the rate limit, while a few calls in flight keep the pacer busy.
//! Lanes are used only when the portal's cursor is seen to be such an id (the first page's
//! `after` is its last id + 1); otherwise the pull follows the one cursor. A lane that ends
//! early takes half of the widest lane left, so the calls in flight stay many to the end.

use serde::{Deserialize, Serialize};

use crate::model::SimplePublicObject;
use crate::model::record::CollectionResponse;

/// Calls in flight during a pull in lanes: enough to keep 10 calls a second (the free tier)
/// going at 300 ms a call, or 19 at 200 ms.
pub const LANES: usize = 4;
/// A lane narrower than this many pages is not split again (each lane's last page is short).
const MIN_SPLIT_PAGES: i64 = 4;

/// One lane: ids from `after` (inclusive) to `end` (exclusive; `None`: no bound, the lane
/// that also finds records created during the pull).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lane {
    pub after: i64,
    pub end: Option<i64>,
}

/// The lanes of a pull and what they were planned on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub lanes: Vec<Lane>,
    /// One past the highest id when the pull began (where the open lane is cut).
    pub top: i64,
    /// About how wide a range of ids holds one page of records.
    pub page_span: i64,
}

fn id_of(o: &SimplePublicObject) -> Option<i64> {
    o.id.parse().ok()
}

impl Plan {
    /// Lanes over the rest of a type after its first page, when the page's cursor is the
    /// id after its last record and more than a few pages are left; `None` otherwise.
    /// `top` is one past the highest id, `total` the live records (both from one search).
    #[must_use]
    pub fn after_first(
        first: &CollectionResponse<SimplePublicObject>,
        page: usize,
        total: u64,
        top: i64,
    ) -> Option<Self> {
        let next: i64 = first.paging.as_ref()?.next.after.parse().ok()?;
        let low = id_of(first.results.first()?)?;
        let last = id_of(first.results.last()?)?;
        let total = i64::try_from(total).ok()?;
        let page = i64::try_from(page).ok()?;
        if next != last + 1
            || first.results.len() < usize::try_from(page).ok()?
            || total < MIN_SPLIT_PAGES * page
            || top <= next
        {
            return None;
        }
        let page_span = ((top - low) * page / total).max(1);
        let mut plan = Self { lanes: vec![Lane { after: next, end: None }], top, page_span };
        plan.fill();
        Some(plan)
    }

    /// Cuts the widest lanes in half until there are [`LANES`] of them or none is wide enough.
    pub fn fill(&mut self) {
        while self.lanes.len() < LANES {
            let width = |l: &Lane| l.end.unwrap_or(self.top) - l.after;
            let Some((i, w)) = self.lanes.iter().enumerate().map(|(i, l)| (i, width(l))).max_by_key(|(_, w)| *w) else {
                return;
            };
            if w < MIN_SPLIT_PAGES * self.page_span {
                return;
            }
            let mid = self.lanes[i].after + w / 2;
            let end = self.lanes[i].end.replace(mid);
            self.lanes.insert(i + 1, Lane { after: mid, end });
        }
    }

    /// Applies the page lane `i` listed: returns the records inside the lane, and moves the
    /// lane on (or ends it when the page reached its end or the last record).
    pub fn advance(&mut self, i: usize, page: CollectionResponse<SimplePublicObject>) -> Vec<SimplePublicObject> {
        let end = self.lanes[i].end;
        let inside = |o: &SimplePublicObject| end.is_none_or(|e| id_of(o).is_some_and(|id| id < e));
        let full = page.results.iter().all(inside);
        let next = page
            .paging
            .as_ref()
            .map(|p| p.next.after.parse().ok().or_else(|| page.results.last().and_then(id_of).map(|id| id + 1)));
        let records: Vec<SimplePublicObject> = page.results.into_iter().filter(inside).collect();
        match next {
            Some(Some(n)) if full && end.is_none_or(|e| n < e) => self.lanes[i].after = n,
            _ => self.lanes[i].end = Some(i64::MIN),
        }
        records
    }

    /// Drops the lanes that ended (marked by [`Plan::advance`]) and refills.
    pub fn settle(&mut self) {
        self.lanes.retain(|l| l.end != Some(i64::MIN));
        self.fill();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::record::{NextPage, Paging};

    fn page(ids: std::ops::Range<i64>, next: Option<&str>) -> CollectionResponse<SimplePublicObject> {
        let results = ids
            .map(|id| {
                let o = serde_json::json!({"id": id.to_string(), "properties": {}, "createdAt": "", "updatedAt": "", "archived": false});
                serde_json::from_value(o).unwrap()
            })
            .collect();
        CollectionResponse {
            results,
            paging: next.map(|a| Paging { next: NextPage { after: a.to_owned(), link: None } }),
        }
    }

    #[test]
    fn a_cursor_that_is_the_next_id_is_cut_into_lanes_that_cover_the_rest_once() {
        let plan = Plan::after_first(&page(1..101, Some("101")), 100, 10_000, 10_001).unwrap();
        assert_eq!(plan.lanes.len(), LANES);
        assert_eq!(plan.lanes[0].after, 101);
        for w in plan.lanes.windows(2) {
            assert_eq!(w[0].end, Some(w[1].after), "the lanes meet: {plan:?}");
        }
        assert_eq!(plan.lanes.last().unwrap().end, None, "the last lane is open");
    }

    #[test]
    fn an_opaque_cursor_or_a_small_type_is_listed_by_the_one_cursor() {
        assert!(Plan::after_first(&page(1..101, Some("xyz")), 100, 10_000, 10_001).is_none());
        assert!(Plan::after_first(&page(1..101, Some("500")), 100, 10_000, 10_001).is_none());
        assert!(Plan::after_first(&page(1..101, Some("101")), 100, 300, 301).is_none());
        assert!(Plan::after_first(&page(1..101, None), 100, 100, 101).is_none());
    }

    #[test]
    fn a_lane_keeps_only_its_own_records_and_a_finished_lane_gives_way_to_a_split() {
        let mut plan = Plan::after_first(&page(1..101, Some("101")), 100, 10_000, 10_001).unwrap();
        let end = plan.lanes[0].end.unwrap();
        let got = plan.advance(0, page(end - 50..end + 50, Some(&(end + 50).to_string())));
        assert_eq!(got.len(), 50, "records past the lane's end belong to the next lane");
        plan.settle();
        assert_eq!(plan.lanes.len(), LANES, "the widest lane was split to fill the gap");
        let mut ranges: Vec<(i64, Option<i64>)> = plan.lanes.iter().map(|l| (l.after, l.end)).collect();
        ranges.sort();
        for w in ranges.windows(2) {
            assert_eq!(w[0].1, Some(w[1].0), "still no gap and no overlap: {ranges:?}");
        }
    }

    #[test]
    fn the_open_lane_ends_when_the_portal_has_no_next_page() {
        let mut plan = Plan::after_first(&page(1..101, Some("101")), 100, 10_000, 10_001).unwrap();
        let last = plan.lanes.len() - 1;
        let from = plan.lanes[last].after;
        assert_eq!(plan.advance(last, page(from..from + 20, None)).len(), 20);
        plan.settle();
        assert!(plan.lanes.iter().all(|l| l.end.is_some_and(|e| e <= plan.top)), "no lane is open: {plan:?}");
    }
}
