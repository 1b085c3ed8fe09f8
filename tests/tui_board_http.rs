//! The pipeline board over real HTTP on the local CRM's demo deals: counts and sums per stage
//! equal a brute-force count, a card moved to the next stage is saved, three marked cards move
//! together, and a type without pipelines says so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use hubtui::app::modal::Modal;
use support::driver::Driver;

/// Opens the type labelled `label` from the Objects pane; its type id.
async fn open_type(d: &mut Driver, label: &str) -> String {
    let types = d.state.types.list.ready().unwrap();
    let at = types.iter().position(|t| t.label == label).unwrap_or_else(|| panic!("{types:?}"));
    let type_id = types[at].type_id.clone();
    d.keys(&["esc", "g"]).await;
    for _ in 0..at {
        d.keys(&["j"]).await;
    }
    d.keys(&["enter"]).await;
    type_id
}

fn board(d: &Driver) -> &hubtui::app::board::BoardView {
    let Modal::Board(v) = &d.state.modal else { panic!("the board is open: {:?}", d.state.modal) };
    v
}

/// `(count, sum of amount)` per deal stage, from every deal.
async fn brute_force(emu: &support::Emu) -> BTreeMap<String, (usize, f64)> {
    let mut by: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    let mut after = String::new();
    loop {
        let page =
            emu.get(&format!("/crm/v3/objects/deals?limit=100&properties=dealstage,amount,pipeline{after}")).await;
        for deal in page.json["results"].as_array().unwrap() {
            let p = &deal["properties"];
            if p["pipeline"].as_str() != Some("default") {
                continue;
            }
            let e = by.entry(p["dealstage"].as_str().unwrap_or("").to_owned()).or_default();
            e.0 += 1;
            e.1 += p["amount"].as_str().and_then(|a| a.parse::<f64>().ok()).unwrap_or(0.0);
        }
        match page.json["paging"]["next"]["after"].as_str() {
            Some(a) => after = format!("&after={a}"),
            None => break,
        }
    }
    by
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deals_board_counts_and_sums_each_stage_and_moves_cards() {
    let emu = support::Emu::demo(20).await;
    let want = brute_force(&emu).await;
    let mut d = Driver::start(&emu.base).await;
    let deals = open_type(&mut d, "Deals").await;
    d.keys(&["b"]).await;
    insta::assert_snapshot!("deals_board", d.screen(120, 30));
    insta::assert_snapshot!("deals_board_narrow", d.screen(80, 24));
    let v = board(&d);
    assert!(v.columns.len() >= 3, "{:?}", v.error);
    for c in &v.columns {
        let (count, sum) = want.get(&c.stage.id).copied().unwrap_or((0, 0.0));
        assert_eq!(c.total, Some(count), "{}", c.stage.label);
        let (got, summed) = c.sum.unwrap();
        assert_eq!(summed, count);
        assert!((got - sum).abs() < 0.5, "{}: {got} vs {sum}", c.stage.label);
        assert_eq!(c.cards.len(), count.min(hubtui::app::board::PAGE));
    }
    // The first non-empty column's first card, one stage on.
    let col = v.columns.iter().position(|c| !c.cards.is_empty() && !c.stage.closed).unwrap();
    let next = v.columns[col + 1].stage.id.clone();
    for _ in 0..col {
        d.keys(&["l"]).await;
    }
    let id = board(&d).current().unwrap().id.clone();
    d.keys(&["L"]).await;
    assert_eq!(d.state.staged.value(&deals, &id, "dealstage").map(|c| c.new.clone()), Some(next.clone()));
    d.keys(&["w"]).await;
    let got = emu.get(&format!("/crm/v3/objects/deals/{id}?properties=dealstage")).await;
    assert_eq!(got.json["properties"]["dealstage"], next.as_str());
    // The board read itself again: the card is in its new column.
    let v = board(&d);
    assert!(v.columns[col + 1].cards.iter().any(|c| c.id == id), "moved");
    assert_eq!(d.state.staged.count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_marked_cards_move_together_and_cars_have_no_board() {
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    d.keys(&["b"]).await;
    assert_eq!(d.state.modal, Modal::None, "cars have no pipeline");
    let deals = open_type(&mut d, "Deals").await;
    d.keys(&["b"]).await;
    let col = board(&d).columns.iter().position(|c| c.cards.len() >= 3 && !c.stage.closed).unwrap();
    for _ in 0..col {
        d.keys(&["l"]).await;
    }
    let ids: Vec<String> = board(&d).columns[col].cards.iter().take(3).map(|c| c.id.clone()).collect();
    d.keys(&["space", "space", "space", "L"]).await;
    let next = board(&d).columns[col + 1].stage.id.clone();
    for id in &ids {
        assert_eq!(d.state.staged.value(&deals, id, "dealstage").map(|c| c.new.clone()), Some(next.clone()), "{id}");
    }
    d.keys(&["w"]).await;
    for id in &ids {
        let got = emu.get(&format!("/crm/v3/objects/deals/{id}?properties=dealstage")).await;
        assert_eq!(got.json["properties"]["dealstage"], next.as_str());
    }
}

/// `L` twice moves a card two stages; marks in two columns each move one stage on; `H` on the
/// first stage says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moves_count_what_is_staged_and_marks_in_any_column_move() {
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    let deals = open_type(&mut d, "Deals").await;
    d.keys(&["b"]).await;
    let stages: Vec<String> = board(&d).columns.iter().map(|c| c.stage.id.clone()).collect();
    let first = board(&d).current().unwrap().id.clone();
    d.keys(&["H"]).await;
    assert!(d.screen(120, 30).contains("Already in the first stage"));
    d.keys(&["L", "L"]).await;
    assert_eq!(d.state.staged.value(&deals, &first, "dealstage").map(|c| c.new.clone()), Some(stages[2].clone()));
    // One mark in the first column, one in the second, then L: each one stage on.
    d.keys(&["j", "space", "l", "space"]).await;
    let v = board(&d);
    let marked: Vec<(String, usize)> = v
        .marked
        .iter()
        .map(|id| (id.clone(), v.columns.iter().position(|c| c.cards.iter().any(|k| &k.id == id)).unwrap()))
        .collect();
    assert_eq!(marked.iter().map(|m| m.1).collect::<Vec<_>>(), [0, 1], "{marked:?}");
    d.keys(&["L"]).await;
    for (id, col) in &marked {
        let to = d.state.staged.value(&deals, id, "dealstage").map(|c| c.new.clone());
        assert_eq!(to, Some(stages[col + 1].clone()), "{id}");
    }
}
