//! The status bar's state: toasts, the API budget, and the clock that animates them.

/// How long a toast stays, in milliseconds.
pub const TOAST_MS: u64 = 3_000;

/// A transient message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    /// When the first tick saw it (time comes only from messages).
    pub since: Option<u64>,
}

/// HubSpot's rate-limit headers from the last response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateBudget {
    /// Requests left in the current 10-second window, and its size.
    pub remaining: u32,
    pub max: u32,
    /// Requests left today, when the portal says.
    pub daily_remaining: Option<u32>,
}

/// Status-bar state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bar {
    pub toast: Option<Toast>,
    pub budget: Option<RateBudget>,
    /// Ticks seen (drives the spinner).
    pub tick: u64,
    pub now_ms: u64,
    /// A long write's progress: `(done, total)`.
    pub progress: Option<(usize, usize)>,
    /// A request waiting to be retried, and why (rate limits, a 502…).
    pub waiting: Option<String>,
    /// A problem found at start (a keymap line ignored): shown until the first key.
    pub warning: Option<String>,
}

impl Bar {
    /// Shows a toast (replacing the previous one).
    pub fn toast(&mut self, text: impl Into<String>, error: bool) {
        self.toast = Some(Toast { text: text.into(), error, since: None });
    }

    /// Advances the clock; expires the toast.
    pub fn tick(&mut self, now_ms: u64) {
        self.tick += 1;
        self.now_ms = now_ms;
        if let Some(t) = &mut self.toast {
            let since = *t.since.get_or_insert(now_ms);
            if now_ms.saturating_sub(since) >= TOAST_MS {
                self.toast = None;
            }
        }
    }
}
