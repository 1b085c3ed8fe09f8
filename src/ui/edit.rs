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
    let title = format!("Edit {} ({} · {})", p.label, p.kind, p.name);
    let inner = boxed(frame, area, 76, h, &title);
    let [hint, body, err] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let how = match (e.is_multi(), e.is_pick(), p.kind.as_str()) {
        (true, _, _) => "enter checks / unchecks · esc stages the checked ones",
        (_, true, _) => "enter stages the highlighted option · esc cancels",
        (_, _, "number") => "a number · enter stages it · esc cancels",
        (_, _, "date") => "2026-01-31, -7d, today · enter stages it · esc cancels",
        (_, _, "datetime") => "2026-01-31T09:30:00Z, -1h, now · enter stages it · esc cancels",
        (_, _, "bool") => "true or false · enter stages it · esc cancels",
        _ => "enter stages it · esc cancels",
    };
    frame.render_widget(Paragraph::new(how).style(theme.dim()), hint);
    if e.is_pick() {
        let lines: Vec<Line<'static>> = p
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if e.is_multi() { if e.checked.contains(&o.value) { "[x] " } else { "[ ] " } } else { "" };
                let line = Line::raw(format!("{mark}{}  ({})", o.label, o.value));
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
pub fn render_changes(
    frame: &mut Frame<'_>,
    area: Rect,
    staged: &Staged,
    cursor: usize,
    saving: bool,
    budget: Option<crate::app::bar::RateBudget>,
    theme: &Theme,
) {
    let records: usize = staged.records.values().map(std::collections::BTreeMap::len).sum();
    let calls: usize = staged.records.values().map(|r| r.len().div_ceil(100)).sum();
    let inner = boxed(frame, area, area.width.saturating_sub(4), area.height.saturating_sub(2), "Staged changes");
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let summary = if staged.count() == 0 {
        "Nothing staged. e on a property in the record view stages a change.".to_owned()
    } else if saving {
        format!("Saving {} change(s) on {records} record(s)…", staged.count())
    } else {
        let budget = budget.map_or_else(String::new, |b| {
            format!(" — {} of the {} requests left in this 10-second window", 2 * calls, b.remaining)
        });
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
            Span::styled(format!("{t} {id}  {p}: "), theme.dim()),
            Span::styled(c.old.clone(), theme.error()),
            Span::raw(" → "),
            Span::styled(c.new.clone(), theme.added()),
        ];
        if let Some(theirs) = &c.theirs {
            spans.push(Span::styled(
                format!("   ⚠ changed since you read it — now {theirs:?} (w keeps yours, x takes theirs)"),
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
        Confirm::Merge { primary, other, .. } => (
            "Merge?",
            format!(
                "Merge {other} into {primary}? {primary} stays; {other} is archived and its id opens {primary}.\ny: merge · n / esc / enter: cancel"
            ),
        ),
        Confirm::Dissociate { from, to } => (
            "Remove association?",
            format!(
                "Remove every association between {} {} and {} {}?\ny: remove · n / esc / enter: keep",
                from.0, from.1, to.0, to.1
            ),
        ),
        Confirm::Archive { label, ids, .. } => (
            "Archive?",
            format!(
                "Archive {} {label}? They go to the recycle bin (B).\ny: archive · n / esc / enter: cancel",
                ids.len()
            ),
        ),
    };
    let inner = boxed(frame, area, 70, 5, title);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).style(theme.error()), inner);
}
