//! Overlays drawn over the panes: the command palette, the go-to prompt, the column picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use crate::action::Action;
use crate::app::modal::{ColumnPicker, Palette, PaletteItem, Prompt, PromptKind};
use crate::app::state::Focus;
use crate::app::text::TextField;
use crate::keymap::{Context, Keymap};

/// A box of `w`×`h` centred in `area`, cleared.
pub fn boxed(frame: &mut Frame<'_>, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 3, width: w, height: h };
    frame.render_widget(Clear, r);
    let block = Block::default().borders(Borders::ALL).title(format!(" {title} "));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

fn field_line(frame: &mut Frame<'_>, area: Rect, prefix: &str, field: &TextField) {
    let [p, f] = Layout::horizontal([Constraint::Length(u16::try_from(prefix.len()).unwrap_or(2)), Constraint::Min(1)])
        .areas(area);
    frame.render_widget(Paragraph::new(prefix.to_owned()), p);
    frame.render_widget(field.widget(), f);
}

/// The palette: typed text, then the matching actions with their keys.
pub fn render_palette(frame: &mut Frame<'_>, area: Rect, p: &Palette, focus: Focus, keymap: &Keymap, theme: &Theme) {
    let inner = boxed(frame, area, 64, 18, "Command palette — enter runs, esc closes");
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    field_line(frame, input, ": ", &p.field);
    let ctx = match focus {
        Focus::Types => Context::Types,
        Focus::List => Context::List,
        Focus::Detail => Context::Detail,
    };
    let matches = p.matches();
    let height = usize::from(list.height.max(1));
    let start = p.selected.saturating_sub(height - 1);
    let lines: Vec<Line<'static>> = matches
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, item)| {
            let keys: Vec<String> = match item {
                PaletteItem::Action(a) => keymap.keys_for(ctx, *a).iter().map(ToString::to_string).collect(),
                PaletteItem::Sort { .. } => {
                    keymap.keys_for(ctx, Action::Sort).iter().map(ToString::to_string).collect()
                }
                PaletteItem::Search(_) | PaletteItem::Unsort => Vec::new(),
            };
            // The name fills what the keys leave (cut with … when longer), the keys at the right.
            let keys = keys.join(" ");
            let room = usize::from(list.width).saturating_sub(keys.chars().count() + 1).max(1);
            let name = item.name();
            let name = if name.chars().count() > room {
                format!("{}…", name.chars().take(room - 1).collect::<String>())
            } else {
                name
            };
            let line = Line::from(vec![Span::raw(format!("{name:<room$} ")), Span::styled(keys, theme.dim())]);
            if i == p.selected { line.style(theme.selected()) } else { line }
        })
        .collect();
    let lines = if lines.is_empty() { vec![Line::styled("no matching action", theme.dim())] } else { lines };
    frame.render_widget(Paragraph::new(lines), list);
}

/// A one-line prompt with its question and the last refusal.
pub fn render_prompt(frame: &mut Frame<'_>, area: Rect, p: &Prompt, theme: &Theme) {
    let question = p.question.as_deref().unwrap_or(match p.kind {
        PromptKind::GoTo => "Go to record — an id, or property=value for a unique property",
        PromptKind::MergeWith => "Merge which record into this one? Its id (this one stays):",
        PromptKind::ImportPath => {
            "File to import into this type (.csv, .json array, .jsonl), upserted by a unique property:"
        }
        PromptKind::NoteBody => {
            "A note on this record (created, associated and pinned) — enter starts a new line, ctrl-s creates it:"
        }
        PromptKind::SearchAll => "Search every object type for (a name, an email, a VIN…; one search per type):",
        PromptKind::ExportPath => {
            "Export the records of this view, with the table's columns, to (.csv, .json or .jsonl; an existing file is kept):"
        }
    });
    let title = match p.kind {
        PromptKind::GoTo => "Go to",
        PromptKind::MergeWith => "Merge",
        PromptKind::ImportPath => "Import",
        PromptKind::ExportPath => "Export",
        PromptKind::SearchAll => "Search every type",
        PromptKind::NoteBody => "New note",
    };
    // As wide as the screen allows (up to 100), as tall as the wrapped texts need.
    let width = area.width.clamp(20, 100);
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let rows = |t: &str| u16::try_from(crate::app::layout::wrap(t, inner_w).len()).unwrap_or(u16::MAX);
    let q_rows = rows(question);
    let e_rows = p.error.as_deref().map_or(1, rows);
    let h_rows = p.hint.as_deref().map_or(0, rows);
    // A note gets room for several lines (it wraps at words); everything else one.
    let f_rows = if p.kind == PromptKind::NoteBody {
        u16::try_from(p.field.line_count() + 1).unwrap_or(u16::MAX).clamp(4, 10)
    } else {
        1
    };
    let inner = boxed(frame, area, width, q_rows + f_rows + h_rows + e_rows + 2, title);
    let [q, input, hint, err] = Layout::vertical([
        Constraint::Length(q_rows),
        Constraint::Length(f_rows),
        Constraint::Length(h_rows),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(question).wrap(Wrap { trim: false }).style(theme.dim()), q);
    if f_rows > 1 {
        frame.render_widget(p.field.widget(), input);
    } else {
        field_line(frame, input, "> ", &p.field);
    }
    if let Some(h) = &p.hint {
        frame.render_widget(Paragraph::new(h.clone()).wrap(Wrap { trim: false }).style(theme.dim()), hint);
    }
    if let Some(e) = &p.error {
        frame.render_widget(Paragraph::new(e.clone()).wrap(Wrap { trim: false }).style(theme.error()), err);
    }
}

/// The column picker: filter, then properties with a mark for the chosen ones (in order).
pub fn render_columns(
    frame: &mut Frame<'_>,
    area: Rect,
    c: &ColumnPicker,
    props: &[(String, String)],
    empty: &str,
    theme: &Theme,
) {
    render_picker(frame, area, c, props, ("Columns — type to filter, enter toggles, esc done", true, empty), theme);
}

/// A fuzzy property picker with marks for the chosen ones; `empty` shows when nothing does
/// (still loading, failed, or nothing matches).
pub fn render_picker(
    frame: &mut Frame<'_>,
    area: Rect,
    c: &ColumnPicker,
    props: &[(String, String)],
    (title, multi, empty): (&str, bool, &str),
    theme: &Theme,
) {
    let inner = boxed(frame, area, 70, 20, title);
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    field_line(frame, input, "filter: ", &c.field);
    let height = usize::from(list.height.max(1));
    let start = c.selected.saturating_sub(height - 1);
    let lines: Vec<Line<'static>> = c
        .candidates(props)
        .into_iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, (name, label))| {
            // Checkboxes only where several can be chosen (the columns); one pick otherwise.
            let mark = match (multi, c.chosen.iter().position(|n| n == name)) {
                (true, Some(k)) => format!("[{}]", k + 1),
                (true, None) => "[ ]".to_owned(),
                (false, _) => (if i == c.selected { "›" } else { " " }).to_owned(),
            };
            let line =
                Line::from(vec![Span::raw(format!("{mark:<5}{label}  ")), Span::styled(name.clone(), theme.dim())]);
            if i == c.selected { line.style(theme.selected()) } else { line }
        })
        .collect();
    if lines.is_empty() {
        let note = Line::from(Span::styled(empty.to_owned(), theme.dim()));
        frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: false }), list);
        return;
    }
    frame.render_widget(Paragraph::new(lines), list);
}
