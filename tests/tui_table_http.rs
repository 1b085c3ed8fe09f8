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
