//! Memory of the TUI after scrolling through every record of a large local CRM: the real
//! `update`, the real executor and HTTP client against `hubtui serve`, a frame drawn after
//! each key (into a TestBackend at 200x60). Prints rows scrolled, time, and this process's
//! resident memory (VmRSS now, VmHWM peak). Not criterion: one long run, not a loop.
//!
//!   HUBTUI_BENCH_BASE_URL=http://127.0.0.1:PORT cargo bench --bench tui_scroll

use std::time::Instant;

use hubtui::action::Action;
use hubtui::api::{Client, ClientConfig};
use hubtui::app::msg::Msg;
use hubtui::app::state::AppState;
use hubtui::app::update::{init, update};
use hubtui::keymap::Keymap;
use hubtui::runtime::Event;
use hubtui::runtime::executor::Executor;
use hubtui::ui::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn status_kb(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let Ok(base) = std::env::var("HUBTUI_BENCH_BASE_URL") else {
        println!("tui_scroll: set HUBTUI_BENCH_BASE_URL to a running `hubtui serve` (benches/run.sh does)");
        return;
    };
    // The local CRM has no rate limits here; pacing would measure the free tier's 10 req/s.
    let config = ClientConfig {
        tier: hubtui::api::pacing::RateTier::Unlimited,
        ..ClientConfig::new(base, Some(hubtui::secret::Secret::new("bench")))
    };
    let client = match Client::new(config) {
        Ok(c) => c,
        Err(e) => {
            println!("tui_scroll: {e}");
            return;
        }
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Event>(256);
    let scratch = std::env::temp_dir().join("hubtui-bench");
    let log = hubtui::writelog::WriteLog::new(&scratch.join("data"), "app", "bench", None);
    let exec = Executor { client, tx, config_dir: scratch.join("config"), data_dir: scratch.join("data"), log };
    let keymap = Keymap::defaults().unwrap_or_default();
    let theme = Theme::dark();
    let Ok(mut terminal) = Terminal::new(TestBackend::new(200, 60));
    let (mut state, cmds) = init(AppState::new("bench", (200, 60)));
    let mut pending = cmds.len();
    cmds.into_iter().for_each(|c| exec.execute(c));
    let started = Instant::now();
    let mut keys = 0u64;
    loop {
        // Wait for every answer, then press the next key.
        while pending > 0 {
            let Some(Event::Msg(m)) = rx.recv().await else {
                println!("tui_scroll: the executor stopped answering");
                return;
            };
            if m.is_result() {
                pending -= 1;
            }
            let (s, cmds) = update(state, *m);
            state = s;
            pending += cmds.len();
            cmds.into_iter().for_each(|c| exec.execute(c));
        }
        let _ = terminal.draw(|f| view(f, &state, &keymap, &theme));
        if state.list.loaded_all && state.list.selected + 1 >= state.list.end() && state.list.type_id.is_some() {
            break;
        }
        if let Some(e) = &state.list.error {
            println!("tui_scroll: page failed: {e}");
            return;
        }
        let (s, cmds) = update(state, Msg::Action(Action::PageDown));
        state = s;
        keys += 1;
        pending += cmds.len();
        cmds.into_iter().for_each(|c| exec.execute(c));
    }
    let secs = started.elapsed().as_secs_f64();
    first_search_page(&exec.client).await;
    println!(
        "scrolled {} records in {keys} page-down keys, {secs:.1} s; rows held {}; RSS {:.1} MB (peak {:.1} MB)",
        state.list.selected + 1,
        state.list.rows.len(),
        status_kb("VmRSS:") as f64 / 1024.0,
        status_kb("VmHWM:") as f64 / 1024.0,
    );
}

/// The seed's example search as the builder sends it (id order, 100 rows): time to the
/// first page through the client, median of 21.
async fn first_search_page(client: &Client) {
    use hubtui::api::types::{Filter, FilterGroup, SearchRequest, SortSpec};
    let f = |p: &str, op: &str, v: &str| Filter {
        property_name: p.into(),
        operator: op.into(),
        value: Some(hubtui::api::id::WireId(v.into())),
        high_value: None,
        values: None,
    };
    let request = SearchRequest {
        filter_groups: vec![FilterGroup { filters: vec![f("year", "EQ", "2026"), f("price", "GT", "50000")] }],
        sorts: vec![SortSpec::Object { property_name: "hs_object_id".into(), direction: Some("ASCENDING".into()) }],
        properties: vec!["model".into(), "make".into(), "year".into()],
        limit: Some(100),
        ..SearchRequest::default()
    };
    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..21 {
        let t = Instant::now();
        match hubtui::runtime::effects::pages::fetch_search_page(
            client,
            "2-3465404",
            &request,
            hubtui::model::SearchCursor::default(),
        )
        .await
        {
            Ok((_, _, page)) => total = page.total,
            Err(e) => {
                println!("tui_scroll: search failed: {e}");
                return;
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "search year EQ 2026 AND price GT 50000: first page of {total} matches in {:.1} ms (median of 21)",
        times[10]
    );
}
