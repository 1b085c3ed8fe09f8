//! The status bar: where we are connected, a spinner while requests are in flight, the API
//! budget from HubSpot's rate-limit headers, a toast or the last error, key hints generated
//! from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::action::Action;
use crate::app::keys::context;
use crate::app::state::AppState;
use crate::keymap::{Context, Keymap};

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// The key to show for an action: plain keys before modified ones, named keys (enter, esc)
/// before letters.
fn hint(keymap: &Keymap, ctx: Context, checkboxes: bool, a: Action) -> Option<String> {
    let mut keys = keymap.keys_for(ctx, a);
    keys.sort_by_key(|k| (k.ctrl || k.alt, matches!(k.key, crate::keymap::Key::Char(c) if c.is_alphabetic())));
    let name = match (ctx, a) {
        (Context::Picker, Action::Back) if checkboxes => "apply",
        (Context::Picker, Action::Toggle) if checkboxes => "check",
        (Context::Confirm, Action::Open) => "yes",
        (Context::Confirm, Action::Back) => "no",
        (Context::Prompt | Context::Palette, Action::Open) => "submit",
        (Context::Prompt | Context::Palette | Context::Picker, Action::Back) => "cancel",
        (Context::Picker, Action::Toggle) => "pick",
        (Context::Freq, Action::Open) => "narrow the table",
        (Context::Freq | Context::Board, Action::Back) => "close",
        (Context::Board, Action::MoveRight) => "move card",
        (Context::Board, Action::Toggle) => "mark",
        (_, a) => short_name(a),
    };
    keys.first().map(|k| format!("{k} {name}"))
}

fn short_name(a: Action) -> &'static str {
    match a {
        Action::Open => "open",
        Action::Back => "back",
        Action::NextPane => "next pane",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::Palette => "commands",
        Action::Toggle => "toggle",
        Action::Changes => "review",
        Action::Commit => "save",
        other => other.describe(),
    }
}

pub fn render_status(frame: &mut Frame<'_>, area: Rect, state: &AppState, keymap: &Keymap, theme: &Theme) {
    let ctx = context(state);
    // Checkbox lists apply on esc (there is nothing to cancel).
    let checkboxes = match &state.modal {
        crate::app::modal::Modal::Edit(e) => e.is_multi(),
        crate::app::modal::Modal::Search(b) => matches!(&b.editor,
            Some(crate::app::search::Editor::Pick(p)) if p.kind == Some(crate::app::search::PickerKind::Options)),
        _ => false,
    };
    let spin = if state.busy() { SPINNER[usize::try_from(state.bar.tick % 8).unwrap_or(0)] } else { " " };
    let mut spans = vec![Span::styled(format!(" {} ", state.portal), theme.badge())];
    if let Some(r) = &state.bar.replica {
        let style = if r.error.is_some() { theme.error() } else { theme.badge() };
        // A toast is what the user just did: the replica line gives it room.
        let text = r.text();
        let text = if state.bar.toast.is_some() && text.chars().count() > 40 {
            format!("{}…", text.chars().take(39).collect::<String>())
        } else {
            text
        };
        spans.push(Span::styled(format!("{text} "), style));
    }
    spans.push(Span::raw(format!(" {spin} ")));
    if let Some(b) = state.bar.budget {
        let daily = b.daily_remaining.map(|d| format!(", {d} today")).unwrap_or_default();
        let style = if b.remaining * 5 < b.max { theme.error() } else { theme.dim() };
        spans.push(Span::styled(format!("API {}/{}{daily}  ", b.remaining, b.max), style));
    }
    if let Some((done, total)) = state.bar.progress {
        let width = 20;
        let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
        spans.push(Span::styled(
            format!("[{}{}] {done}/{total}  ", "█".repeat(filled), "░".repeat(width - filled)),
            theme.added(),
        ));
    }
    if let Some(n) = state.list.count {
        spans.push(Span::styled(format!("row {n}… (G or g goes there)  "), theme.added()));
    }
    if let Some(w) = &state.bar.warning {
        spans.push(Span::styled(format!("{w}  "), theme.error()));
    }
    if let Some(w) = &state.bar.waiting {
        spans.push(Span::styled(format!("{w}  "), theme.error()));
    }
    if let Some(t) = &state.bar.toast {
        spans.push(Span::styled(format!("{}  ", t.text), if t.error { theme.error() } else { theme.added() }));
    } else if let Some(s) = &state.status {
        spans.push(Span::styled(format!("{s}  "), theme.error()));
    }
    let mut hints: Vec<String> = Vec::new();
    let staged = state.staged.count();
    if staged > 0 {
        // Only where the keys work (not inside overlays that take them).
        let review = hint(keymap, ctx, checkboxes, Action::Changes);
        let save = hint(keymap, ctx, checkboxes, Action::Commit);
        if review.is_some() || save.is_some() {
            let keys: Vec<String> = [review, save].into_iter().flatten().collect();
            hints.push(format!("{staged} staged: {}", keys.join(", ")));
        }
    }
    hints.extend(
        [Action::Open, Action::Back, Action::Toggle, Action::Palette, Action::Help, Action::Quit]
            .iter()
            .filter_map(|a| hint(keymap, ctx, checkboxes, *a)),
    );
    spans.push(Span::styled(hints.join(" · "), theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
