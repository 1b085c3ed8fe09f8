//! The TUI's search over real HTTP: the real `update`, executor and client against the local
//! CRM with more than 10,000 matches; paging the results goes on past HubSpot's cap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::api::{Client, ClientConfig, pacing::RateTier};
use hubtui::app::keys::key_msg;
use hubtui::app::msg::Msg;
use hubtui::app::state::AppState;
use hubtui::app::update::{init, update};
use hubtui::keymap::{Key, KeyChord, Keymap};
use hubtui::runtime::Event;
use hubtui::runtime::executor::Executor;
use hubtui::secret::Secret;
use tokio::sync::mpsc;

struct Driver {
    state: AppState,
    exec: Executor,
    rx: mpsc::Receiver<Event>,
    pending: usize,
    keymap: Keymap,
}

impl Driver {
    fn run(&mut self, msg: Msg) {
        let (s, cmds) = update(std::mem::take(&mut self.state), msg);
        self.state = s;
        self.pending += cmds.len();
        for c in cmds {
            self.exec.execute(c);
        }
    }

    /// Waits for every command's result (each sends exactly one).
    async fn settle(&mut self) {
        while self.pending > 0 {
            let Some(Event::Msg(m)) = self.rx.recv().await else { panic!("executor stopped") };
            self.pending -= 1;
            self.run(m);
        }
    }

    async fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            if let Some(m) = key_msg(&self.keymap, &self.state, KeyChord::parse(k).unwrap()) {
                self.run(m);
            }
            self.settle().await;
        }
    }

    async fn text(&mut self, text: &str) {
        for c in text.chars() {
            if let Some(m) = key_msg(&self.keymap, &self.state, KeyChord::plain(Key::Char(c))) {
                self.run(m);
            }
        }
        self.settle().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_with_more_than_ten_thousand_matches_pages_past_the_cap() {
    let emu = support::Emu::demo(10_450).await;
    let config =
        ClientConfig { tier: RateTier::Unlimited, ..ClientConfig::new(emu.base.clone(), Some(Secret::new("t"))) };
    let (tx, rx) = mpsc::channel(256);
    let scratch = tempfile::tempdir().unwrap().keep();
    let exec = Executor {
        client: Client::new(config).unwrap(),
        tx,
        config_dir: scratch.join("config"),
        data_dir: scratch.join("data"),
    };
    let (state, cmds) = init(AppState::new("test", (100, 30)));
    let mut d = Driver { state, exec, rx, pending: 0, keymap: Keymap::defaults().unwrap() };
    d.pending = cmds.len();
    for c in cmds {
        d.exec.execute(c);
    }
    d.settle().await;
    d.keys(&["s", "enter"]).await;
    d.text("year").await;
    d.keys(&["enter"]).await;
    d.text("GT").await;
    d.keys(&["enter"]).await;
    d.text("1900").await;
    d.keys(&["enter", "R"]).await;
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
