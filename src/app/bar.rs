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

/// Where the replica the app works on stands (sent by its background sync).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplicaStatus {
    /// The portal it copies.
    pub portal_id: i64,
    /// When its stalest type last finished a sync (ms), if ever.
    pub synced_ms: Option<i64>,
    /// The clock when this was sent (ms).
    pub now_ms: i64,
    /// A sync is running.
    pub syncing: bool,
    /// Why the last background sync failed, if it did.
    pub error: Option<String>,
}

impl ReplicaStatus {
    /// `replica of portal 48213567 · synced 3 min ago` (`· syncing…`, `· sync failed: …`).
    #[must_use]
    pub fn text(&self) -> String {
        let mut t = format!("replica of portal {}", self.portal_id);
        if self.syncing {
            t.push_str(" · syncing…");
        } else if let Some(e) = &self.error {
            t.push_str(&format!(" · sync failed: {e}"));
        } else {
            match self.synced_ms {
                Some(ms) => t.push_str(&format!(" · synced {}", ago(self.now_ms.saturating_sub(ms)))),
                None => t.push_str(" · never fully synced"),
            }
        }
        t
    }
}

/// `just now`, `3 min ago`, `2 h ago`, `4 days ago`.
fn ago(ms: i64) -> String {
    let min = ms / 60_000;
    match min {
        i64::MIN..=0 => "just now".into(),
        1..=59 => format!("{min} min ago"),
        60..=2879 => format!("{} h ago", min / 60),
        _ => format!("{} days ago", min / 1440),
    }
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
    /// The replica worked on, if it is one.
    pub replica: Option<ReplicaStatus>,
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

#[cfg(test)]
mod replica_tests {
    use super::*;

    #[test]
    fn the_replica_line_says_how_fresh_it_is() {
        let s = ReplicaStatus { portal_id: 7, synced_ms: Some(0), now_ms: 3 * 60_000 + 5, ..ReplicaStatus::default() };
        assert_eq!(s.text(), "replica of portal 7 · synced 3 min ago");
        assert_eq!(ReplicaStatus { now_ms: 20, ..s.clone() }.text(), "replica of portal 7 · synced just now");
        assert_eq!(ReplicaStatus { now_ms: 3 * 3_600_000, ..s.clone() }.text(), "replica of portal 7 · synced 3 h ago");
        assert_eq!(ReplicaStatus { syncing: true, ..s.clone() }.text(), "replica of portal 7 · syncing…");
        assert_eq!(
            ReplicaStatus { error: Some("network error".into()), ..s }.text(),
            "replica of portal 7 · sync failed: network error"
        );
    }
}
