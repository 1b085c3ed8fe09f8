//! The real app headless: `update`, the real executor and HTTP client against a local CRM;
//! keys go through the keymap; `settle` waits for every command's one result.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

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

pub struct Driver {
    pub state: AppState,
    pub exec: Executor,
    pub rx: mpsc::Receiver<Event>,
    pub pending: usize,
    pub keymap: Keymap,
}

impl Driver {
    /// The app on a local CRM at `base` (no pacing; quick retries), its first screen loaded.
    pub async fn start(base: &str) -> Self {
        Self::start_speaking(base, hubtui::api::paths::ApiVersion::default()).await
    }

    /// The same, speaking an API version.
    pub async fn start_speaking(base: &str, api_version: hubtui::api::paths::ApiVersion) -> Self {
        let config = ClientConfig {
            tier: RateTier::Unlimited,
            backoff: Duration::from_millis(5),
            api_version,
            ..ClientConfig::new(base.to_owned(), Some(Secret::new("t")))
        };
        let (tx, rx) = mpsc::channel(256);
        let scratch = tempfile::tempdir().unwrap().keep();
        let exec = Executor {
            client: Client::new(config).unwrap(),
            tx,
            config_dir: scratch.join("config"),
            log: hubtui::writelog::WriteLog::new(&scratch.join("data"), "app", "test", None),
            data_dir: scratch.join("data"),
        };
        let (state, cmds) = init(AppState::new("test", (100, 30)));
        let mut d = Driver { state, exec, rx, pending: 0, keymap: Keymap::defaults().unwrap() };
        d.pending = cmds.len();
        for c in cmds {
            d.exec.execute(c);
        }
        d.settle().await;
        d
    }

    /// The app started again on the same config and data directories (what it remembered
    /// comes back, as on a real start).
    pub async fn restart(self) -> Self {
        let saved = hubtui::runtime::prefs::Saved::load(&self.exec.config_dir, &self.exec.data_dir);
        let mut state = AppState::new("test", (100, 30));
        state.prefs.columns = saved.columns;
        state.prefs.widths = saved.widths;
        state.searches = saved.searches;
        let (state, cmds) = init(state);
        let mut d = Driver { state, exec: self.exec, rx: self.rx, pending: cmds.len(), keymap: self.keymap };
        for c in cmds {
            d.exec.execute(c);
        }
        d.settle().await;
        d
    }

    pub fn run(&mut self, msg: Msg) {
        let (s, cmds) = update(std::mem::take(&mut self.state), msg);
        self.state = s;
        self.pending += cmds.len();
        for c in cmds {
            self.exec.execute(c);
        }
    }

    /// Waits for every command's result (each sends exactly one).
    pub async fn settle(&mut self) {
        while self.pending > 0 {
            let Some(Event::Msg(m)) = self.rx.recv().await else { panic!("executor stopped") };
            if m.is_result() {
                // Progress messages come before a result; only results end a command.
                self.pending -= 1;
            }
            self.run(*m);
        }
    }

    /// The screen as text (no colour), at `w` x `h`.
    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut state = self.state.clone();
        state.size = (w, h);
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| hubtui::ui::view(f, &state, &self.keymap, &hubtui::ui::Theme::no_color())).unwrap();
        format!("{}", terminal.backend())
    }

    pub async fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            if let Some(m) = key_msg(&self.keymap, &self.state, KeyChord::parse(k).unwrap()) {
                self.run(m);
            }
            self.settle().await;
        }
    }

    /// Builds and runs a one-filter search in the builder (`s`, property, operator, value, R).
    pub async fn search_for(&mut self, property: &str, operator: &str, value: &str) {
        self.keys(&["s", "enter"]).await;
        self.text(property).await;
        self.keys(&["enter"]).await;
        self.text(operator).await;
        self.keys(&["enter"]).await;
        self.text(value).await;
        self.keys(&["enter", "R"]).await;
    }

    /// Opens the new-record form and fills a Tesla Roadster of 2026 (its first three fields:
    /// model, make, year), leaving the form open.
    pub async fn fill_new_car(&mut self) {
        self.keys(&["n", "enter"]).await;
        self.text("Roadster").await;
        self.keys(&["enter", "j", "enter"]).await;
        self.text("Tesla").await;
        self.keys(&["enter", "j", "enter"]).await;
        self.text("2026").await;
        self.keys(&["enter"]).await;
    }

    pub async fn text(&mut self, text: &str) {
        for c in text.chars() {
            if let Some(m) = key_msg(&self.keymap, &self.state, KeyChord::plain(Key::Char(c))) {
                self.run(m);
            }
        }
        self.settle().await;
    }
}
