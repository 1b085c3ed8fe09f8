//! The TUI's search over real HTTP: the real `update`, executor and client against the local
//! CRM with more than 10,000 matches; paging the results goes on past HubSpot's cap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::driver::Driver;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_with_more_than_ten_thousand_matches_pages_past_the_cap() {
    let emu = support::Emu::demo(10_450).await;
    let mut d = Driver::start(&emu.base).await;
    d.search_for("year", "GT", "1900").await;
    let search = d.state.list.search.clone().expect("a search runs");
    assert_eq!(search.total, Some(10_450));
    let mut presses = 0;
    while !d.state.list.loaded_all {
        d.keys(&["G"]).await;
        presses += 1;
        assert!(presses < 500, "paging stalled at row {}", d.state.list.selected);
    }
    let l = &d.state.list;
    assert_eq!(l.end(), 10_450, "every match, past the 10,000 cap");
    assert!(l.search.as_ref().unwrap().past_cap, "and it says so");
    assert!(l.error.is_none());
    // Ids ascend across the cap (no match twice, none skipped).
    let ids: Vec<u64> = l.rows.iter().map(|r| r.id.parse().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}
