//! Editing overlays: the inline editor, the changeset (old → new, like VisiData's pending
//! edits, with failures and conflicts), and yes/no questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::overlay::boxed;
use crate::app::edit::{EditField, Staged};
use crate::app::modal::Confirm;

/// The editor on one property.
pub fn render_editor(frame: &mut Frame<'_>, area: Rect, e: &EditField, theme: &Theme) {
    let p = &e.property;
    let n = u16::try_from(p.options.len()).unwrap_or(20).min(16);
    let h = if e.is_pick() { n + 5 } else { 6 };
    let title = match &e.then {
        Some(fill) => format!("{} ({})", fill.why, p.name),
        None => format!("Edit {} ({} · {})", p.label, p.kind, p.name),
    };
    let inner = boxed(frame, area, 76, h, &title);
    let [hint, body, err] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let how = match (e.is_multi(), e.is_pick(), p.kind.as_str()) {
        (true, _, _) => "type to find · ↑/↓ move · enter checks / unchecks · esc stages the checked ones",
        (_, true, _) => "type to find · ↑/↓ move · enter stages the highlighted option · esc cancels",
        (_, _, "number") => "a number · enter stages it · esc cancels",
        (_, _, "date") => "2026-01-31, -7d, today · enter stages it · esc cancels",
        (_, _, "datetime") => "2026-01-31T09:30:00Z, -1h, now · enter stages it · esc cancels",
        (_, _, "bool") => "true or false · enter stages it · esc cancels",
        _ => "enter stages it · esc cancels",
    };
    let how =
        if e.then.is_some() { how.replace("enter stages it", "enter stages it with the move") } else { how.to_owned() };
    let how = if e.then.is_some() { how.replace("esc cancels", "esc: not moved") } else { how };
    frame.render_widget(Paragraph::new(how).style(theme.dim()), hint);
    if e.is_pick() {
        let typed = e.field.text();
        if !typed.is_empty() {
            frame.render_widget(Paragraph::new(format!("find: {typed}")).style(theme.added()), err);
        }
        let lines: Vec<Line<'static>> = p
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if e.is_multi() { if e.checked.contains(&o.value) { "[x] " } else { "[ ] " } } else { "" };
                let cursor = if i == e.selected { "› " } else { "  " };
                let line = Line::raw(format!("{cursor}{mark}{}  ({})", o.label, o.value));
                if i == e.selected { line.style(theme.selected()) } else { line }
            })
            .collect();
        let start = u16::try_from(e.selected.saturating_sub(usize::from(body.height.max(1)) - 1)).unwrap_or(0);
        frame.render_widget(Paragraph::new(lines).scroll((start, 0)), body);
    } else {
        frame.render_widget(e.field.widget(), body);
    }
    if let Some(why) = &e.error {
        frame.render_widget(Paragraph::new(format!("✗ {why}")).style(theme.error()), err);
    }
}

/// The changeset: every staged change, old → new, with failures and conflicts.
/// What a save's requests mean for the rate limit: `needed` requests against the window's
/// `remaining` of `max`.
#[must_use]
pub fn budget_text(needed: usize, b: crate::app::bar::RateBudget) -> String {
    let (remaining, max) = (b.remaining as usize, (b.max as usize).max(1));
    if needed <= remaining {
        format!(" — uses {needed} of the {remaining} requests left in this 10-second window")
    } else {
        let windows = (needed - remaining).div_ceil(max);
        format!(
            " — needs {needed} requests, more than the {remaining} left in this 10-second window (of {max}): they are paced, about {} s",
            windows * 10
        )
    }
}

/// What the changeset overlay shows.
pub struct ChangesView<'a> {
    pub staged: &'a Staged,
    pub cursor: usize,
    pub saving: bool,
    pub budget: Option<crate::app::bar::RateBudget>,
    /// `(type, id, property)` → `Cars: Camry · Toyota #1007 · Price`.
    pub label: &'a dyn Fn(&str, &str, &str) -> String,
    /// `(type, property, stored value)` → the value as shown (`21,400`, `Premium`, `—`).
    pub shown: &'a dyn Fn(&str, &str, &str) -> String,
}

pub fn render_changes(frame: &mut Frame<'_>, area: Rect, v: &ChangesView<'_>, theme: &Theme) {
    let ChangesView { staged, cursor, saving, budget, label, shown } = *v;
    let records: usize = staged.records.values().map(std::collections::BTreeMap::len).sum();
    let calls: usize = staged.records.values().map(|r| r.len().div_ceil(100)).sum();
    let inner = boxed(frame, area, area.width.saturating_sub(4), area.height.saturating_sub(2), "Staged changes");
    // The cursor row's reason whole, wrapped (its line cuts it at the edge).
    let reason = staged.rows().get(cursor).and_then(|(t, id, p)| staged.value(t, id, p)?.error.clone());
    let foot_h = if reason.is_some() { 2 } else { 0 };
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1), Constraint::Length(foot_h)]).areas(inner);
    if let Some(why) = reason {
        frame.render_widget(Paragraph::new(format!("✗ {why}")).wrap(Wrap { trim: true }).style(theme.error()), foot);
    }
    let summary = if staged.count() == 0 {
        "Nothing staged. e on a property in the record view stages a change.".to_owned()
    } else if saving {
        format!("Saving {} change(s) on {records} record(s)…", staged.count())
    } else {
        let budget = budget.map_or_else(String::new, |b| budget_text(2 * calls, b));
        format!(
            "{} change(s) on {records} record(s) — w saves them with {calls} batch/update call(s) (and {calls} batch/read to check nobody changed them since){budget} · x drops one · esc closes",
            staged.count()
        )
    };
    frame.render_widget(Paragraph::new(summary).wrap(Wrap { trim: true }).style(theme.dim()), head);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, (t, id, p)) in staged.rows().into_iter().enumerate() {
        let Some(c) = staged.value(&t, &id, &p) else { continue };
        let mut spans = vec![
            Span::raw(if i == cursor { "› " } else { "  " }),
            Span::styled(format!("{}: ", label(&t, &id, &p)), theme.dim()),
            Span::styled(if c.old_unknown { c.old_shown().to_owned() } else { shown(&t, &p, &c.old) }, theme.error()),
            Span::raw(" → "),
            Span::styled(shown(&t, &p, &c.new), theme.added()),
        ];
        if let Some(theirs) = &c.theirs {
            spans.push(Span::styled(
                format!(
                    "   ⚠ changed since you read it — now {} (w keeps yours, x takes theirs)",
                    shown(&t, &p, theirs)
                ),
                theme.error(),
            ));
        }
        if let Some(e) = &c.error {
            spans.push(Span::styled(format!("   ✗ {e}"), theme.error()));
        }
        let line = Line::from(spans);
        lines.push(if i == cursor { line.style(theme.selected()) } else { line });
    }
    let start = u16::try_from(cursor.saturating_sub(usize::from(body.height.max(1)) - 1)).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).scroll((start, 0)), body);
}

/// A yes/no question (no is the default).
pub fn render_confirm(frame: &mut Frame<'_>, area: Rect, c: &Confirm, staged: usize, theme: &Theme) {
    let (title, text) = match c {
        Confirm::QuitWithStaged => (
            "Quit?",
            format!(
                "{staged} staged change(s) are not saved. They stay journalled and come back next time.\nQuit anyway?  y: quit · n / esc / enter: stay"
            ),
        ),
        Confirm::Undo { entry, what, .. } => (
            "Undo?",
            format!(
                "Undo {entry} ({what})? Values it set go back, records it created are archived, ones it archived restored; a record changed since is held back, never overwritten.\ny: undo · n / esc / enter: keep"
            ),
        ),
        Confirm::Merge { names: (primary, other), .. } => (
            "Merge?",
            format!(
                "Merge {other} into {primary}? {primary} stays; the other is archived and its id opens the merged record.\nA merge can't be undone (HubSpot has no unmerge).\ny: merge · n / esc / enter: cancel"
            ),
        ),
        Confirm::Dissociate { names: (from, to), .. } => (
            "Remove association?",
            format!("Remove every association between {from} and {to}?\ny: remove · n / esc / enter: keep"),
        ),
        Confirm::Archive { label, ids, names, .. } => {
            let which = match (ids.len(), names.len()) {
                (1, _) => format!("{} from {label}", names.first().cloned().unwrap_or_default()),
                (n, shown) if n > shown => format!("{n} {label}: {} and {} more", names.join(", "), n - shown),
                (n, _) => format!("{n} {label}: {}", names.join(", ")),
            };
            (
                "Archive?",
                format!(
                    "Archive {which}? Archived records go to the recycle bin (B).\ny: archive · n / esc / enter: cancel"
                ),
            )
        }
        Confirm::ArchiveProperty { name, label, of, .. } => (
            "Archive property?",
            format!(
                "Archive the property {label} ({name}) of {of}? It leaves the records, forms and searches of {of}.\ny: archive · n / esc / enter: keep"
            ),
        ),
        Confirm::Restore { name, .. } => {
            ("Restore?", format!("Restore {name} from the recycle bin?\ny: restore · n / esc / enter: cancel"))
        }
    };
    let width = area.width.clamp(20, 76);
    let rows: usize = text.lines().map(|l| crate::app::layout::wrap(l, usize::from(width - 2)).len()).sum();
    let inner = boxed(frame, area, width, u16::try_from(rows).unwrap_or(3).saturating_add(2), title);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).style(theme.error()), inner);
}

#[cfg(test)]
mod tests {
    use super::budget_text;
    use crate::app::bar::RateBudget;

    /// Issue 12.9: the changeset said "348 of the 98 requests left in this 10-second window".
    #[test]
    fn the_budget_line_never_claims_more_than_is_left() {
        let b = RateBudget { remaining: 98, max: 100, daily_remaining: None };
        let text = budget_text(348, b);
        assert!(text.contains("needs 348 requests, more than the 98 left"), "{text}");
        assert!(text.contains("about 30 s"), "{text}");
        assert_eq!(budget_text(4, b), " — uses 4 of the 98 requests left in this 10-second window");
    }
}
