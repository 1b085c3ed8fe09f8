//! The record table over real HTTP: a sort goes through the search API, counts come from
//! it, and widths and column order set with keys are there again after a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::driver::Driver;

const CARS: &str = "2-3465404";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widths_and_order_set_with_keys_come_back_after_a_restart() {
    let emu = support::Emu::demo(300).await;
    let mut d = Driver::start(&emu.base).await;
    assert_eq!(d.state.types.counts.get(CARS), Some(&300), "the Objects pane's count");
    let columns = d.state.list.columns.clone();
    d.keys(&[">", "+", "+", "}"]).await;
    let width = d.state.prefs.widths[CARS][&columns[1]];
    let mut moved = columns.clone();
    moved.swap(1, 2);
    assert_eq!(d.state.list.columns, moved);
    let d = d.restart().await;
    assert_eq!(d.state.list.columns, moved, "the order came back");
    assert_eq!(d.state.prefs.widths[CARS][&columns[1]], width, "the width came back");
    assert_eq!(d.state.list.rows[0].cells.len(), moved.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sorting_by_price_descending_puts_the_dearest_car_first() {
    let emu = support::Emu::demo(300).await;
    let mut d = Driver::start(&emu.base).await;
    let price = d.state.list.columns.iter().position(|c| c == "price");
    let mut d = match price {
        Some(_) => d,
        None => {
            // Add the price column through the picker.
            d.keys(&["c"]).await;
            d.text("price").await;
            d.keys(&["enter", "esc"]).await;
            d
        }
    };
    let at = d.state.list.columns.iter().position(|c| c == "price").expect("a price column");
    for _ in 0..at {
        d.keys(&[">"]).await;
    }
    d.keys(&["S", "S"]).await;
    let prices: Vec<f64> = d.state.list.rows.iter().map(|r| r.cells[at].parse().unwrap_or(0.0)).collect();
    assert!(prices.len() >= 100);
    assert!(prices.windows(2).all(|w| w[0] >= w[1]), "descending: {:?}", &prices[..10]);
    let search = d.state.list.search.as_ref().unwrap();
    assert_eq!(search.total, Some(300), "every car, sorted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_a_search_past_ten_thousand_matches_writes_what_the_cli_finds() {
    let emu = support::Emu::demo(10_450).await;
    let mut d = Driver::start(&emu.base).await;
    d.search_for("year", "GT", "1900").await;
    assert_eq!(d.state.list.search.as_ref().and_then(|s| s.total), Some(10_450));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cars.csv");
    d.keys(&["E"]).await;
    for _ in 0..40 {
        d.keys(&["backspace"]).await;
    }
    d.text(path.to_str().unwrap()).await;
    d.keys(&["enter"]).await;
    let toast = d.state.bar.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.starts_with("Exported 10,450 records"), "{toast}");
    let mut rows = csv::Reader::from_path(&path).unwrap();
    let header = rows.headers().unwrap().clone();
    assert_eq!(&header[0], "id");
    let exported: Vec<String> = rows.records().map(|r| r.unwrap()[0].to_owned()).collect();
    // The CLI's `search --all` over the same filter finds the same records in the same order.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["search", "cars", "--all", "--filter", "year GT 1900", "--base-url", &emu.base, "--token", "t"])
        .env_remove("HUBSPOT_ACCESS_TOKEN")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cli: Vec<String> =
        v["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(exported.len(), 10_450);
    assert_eq!(exported, cli);
    // An existing file is never overwritten.
    d.keys(&["E"]).await;
    for _ in 0..40 {
        d.keys(&["backspace"]).await;
    }
    d.text(path.to_str().unwrap()).await;
    d.keys(&["enter"]).await;
    // The prompt comes back with the name and the reason, to choose another.
    let hubtui::app::modal::Modal::Prompt(p) = &d.state.modal else { panic!("{:?}", d.state.modal) };
    assert!(p.error.as_deref().is_some_and(|e| e.contains("exists (kept)")), "{:?}", p.error);
    assert_eq!(p.field.text(), path.to_str().unwrap());
}

/// Issue 16: with 250 ms a call, holding `j` at 30 rows a second through 3,000 rows never
/// brings the screen to the "loading more…" row, and the pages asked for stay within one of
/// the pages scrolled through (one ahead at most).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn steady_scrolling_at_250_ms_a_call_never_shows_a_loading_row() {
    use hubtui::runtime::event::Event;
    let emu = support::Emu::demo(3_200).await;
    let slow = serde_json::json!({"seed": 1, "rules": [{"path": "*", "action": {"type": "delay", "ms": 250}}]});
    assert!(emu.put("/__hubtui/faults", slow).await.status < 300);
    let mut d = Driver::start(&emu.base).await;
    assert_eq!(d.state.focus, hubtui::app::state::Focus::List);
    let visible = hubtui::app::layout::list_rows(d.state.size);
    let mut requests = std::collections::BTreeSet::new();
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(33));
    for n in 0..3_000 {
        tick.tick().await;
        while let Ok(Event::Msg(m)) = d.rx.try_recv() {
            if m.is_result() {
                d.pending -= 1;
            }
            d.run(*m);
        }
        d.run(hubtui::app::msg::Msg::Action(hubtui::action::Action::Down));
        let l = &d.state.list;
        requests.extend(l.in_flight);
        let bottom = l.offset + visible;
        assert!(
            bottom < l.end() || l.in_flight.is_none(),
            "row {n}: the screen reached the loading row (rows to {}, screen to {bottom})",
            l.end()
        );
        assert!(l.selected_row().is_some(), "row {n}: the selected row is not loaded");
    }
    assert_eq!(d.state.list.selected, 3_000);
    let scrolled = 3_000 / hubtui::app::table::state::PAGE;
    assert!(requests.len() <= scrolled + 1, "{} page requests for {scrolled} pages scrolled", requests.len());
}

/// Issue 17: the Properties view's fill rates over HTTP equal a brute-force count of the
/// records that have each value.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fill_rates_equal_a_brute_force_count() {
    let emu = support::Emu::demo(300).await;
    let mut d = Driver::start(&emu.base).await;
    d.keys(&["D"]).await;
    let hubtui::app::modal::Modal::Props(v) = &d.state.modal else { panic!("the Properties view is open") };
    assert_eq!(v.fill.total, Some(300));
    let names: Vec<String> = v.properties.iter().map(|p| p.name.clone()).collect();
    let mut have: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut after = String::new();
    loop {
        let page = emu.get(&format!("/crm/v3/objects/cars?limit=100&properties={}{after}", names.join(","))).await;
        for car in page.json["results"].as_array().unwrap() {
            for n in &names {
                if car["properties"][n].as_str().is_some_and(|s| !s.is_empty()) {
                    *have.entry(n.clone()).or_default() += 1;
                }
            }
        }
        match page.json["paging"]["next"]["after"].as_str() {
            Some(a) => after = format!("&after={a}"),
            None => break,
        }
    }
    let mut checked = 0;
    for (name, count) in &v.fill.counts {
        assert_eq!(*count, have.get(name).copied().unwrap_or(0), "{name}");
        checked += 1;
    }
    assert!(checked >= 10, "{checked} properties counted: {:?}", v.fill.error);
    assert!(v.fill.counts.values().any(|n| *n == 0) || v.fill.counts.values().any(|n| *n < 300));
}

/// Issue 19: the frequency table's counts over HTTP equal a brute-force count of the records
/// (make: text values; year: a row per year), and they add up to the total.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn frequency_counts_equal_a_brute_force_count() {
    let emu = support::Emu::demo(20_000).await;
    let mut by: std::collections::BTreeMap<(String, String), usize> = std::collections::BTreeMap::new();
    let mut after = String::new();
    loop {
        let page = emu.get(&format!("/crm/v3/objects/cars?limit=100&properties=make,year{after}")).await;
        for car in page.json["results"].as_array().unwrap() {
            for n in ["make", "year"] {
                let v = car["properties"][n].as_str().unwrap_or("").to_owned();
                *by.entry((n.to_owned(), v)).or_default() += 1;
            }
        }
        match page.json["paging"]["next"]["after"].as_str() {
            Some(a) => after = format!("&after={a}"),
            None => break,
        }
    }
    let mut d = Driver::start(&emu.base).await;
    for (column, right) in [("make", 1), ("year", 2)] {
        let mut keys = vec![">"; right];
        keys.push("f");
        d.keys(&keys).await;
        let hubtui::app::modal::Modal::Freq(v) = &d.state.modal else { panic!("the frequency table is open") };
        assert_eq!(v.property.name, column);
        assert_eq!(v.total, Some(20_000), "{:?}", v.error);
        let mut sum = 0;
        for b in v.buckets.iter().filter(|b| b.filters.len() == 1 && b.filters[0].operator == "EQ") {
            let want = by.get(&(column.to_owned(), b.filters[0].value.clone())).copied().unwrap_or(0);
            assert_eq!(b.count, Some(want), "{column} = {}", b.label);
            sum += want;
        }
        let other = v.buckets.iter().find(|b| b.filters.is_empty()).and_then(|b| b.count).unwrap_or(0);
        assert_eq!(sum + other, 20_000, "{column}: every car in one row");
        d.keys(&["esc", "<", "<"]).await;
    }
}
