//! The help overlay, generated from the keymap (never hand-written): every context's keys,
//! each described by what it does there, laid out in as many columns as the terminal's width
//! holds, descriptions wrapped rather than cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use crate::action::Action;
use crate::app::layout::wrap;
use crate::keymap::{Context, Keymap};

/// Width of the key column.
const KEYS: usize = 12;
/// The narrowest column worth having.
const MIN_COLUMN: usize = 44;

/// A context's heading in help.
#[must_use]
pub fn title(ctx: Context) -> &'static str {
    match ctx {
        Context::Global => "Everywhere (outside overlays)",
        Context::Types => "Object types pane",
        Context::List => "Record table",
        Context::Detail => "Record view",
        Context::Changes => "Staged changes (C)",
        Context::Search => "Search builder (s)",
        Context::Form => "New record form (n)",
        Context::Import => "Import preview (I)",
        Context::Log => "Write log (L)",
        Context::Props => "Properties (D)",
        Context::PropForm => "Property and object forms (n, e)",
        Context::Freq => "Frequency table (f on a column)",
        Context::Board => "Board (b on a type with pipelines)",
        Context::Confirm => "Questions (archive, merge, quit…)",
        Context::Picker => "Pickers (columns, properties, options)",
        Context::Palette => "Command palette (:)",
        Context::Prompt => "Text prompts and fields",
        Context::Help => "This help",
    }
}

/// What an action does in a context (where that differs from its general description).
#[must_use]
pub fn describe_in(ctx: Context, a: Action) -> &'static str {
    use Action as A;
    use Context as C;
    match (ctx, a) {
        (C::Global, A::Refresh) => "reload, or retry what failed",
        (C::Global, A::Changes) => "review the staged changes",
        (C::Global, A::Commit) => "save the staged changes",
        (C::Types, A::Open) => "open the type's records",
        (C::List, A::Open) => "open the record",
        (C::List, A::Back) => "drop the quick filter or search, else to the types",
        (C::List, A::Toggle) => "mark / unmark the row",
        (C::List, A::Left) => "cell cursor to the previous column",
        (C::List, A::Right) => "cell cursor to the next column",
        (C::List, A::Edit) => "edit a property (of every marked row)",
        (C::List, A::Associate) => "associate the marked rows to a record",
        (C::List, A::Archive) => "archive the marked rows or this one (asks)",
        (C::List, A::Copy) => "copy the cell under the cursor",
        (C::Detail, A::Open) => "follow the association / open the activity",
        (C::Detail, A::Back) => "drop the filter, else back (previous record, table)",
        (C::Detail, A::Filter) => "filter the properties: label, internal name, value",
        (C::Detail, A::Edit) => "edit the highlighted property (stages it)",
        (C::Detail, A::Associate) => "add an association (Associations tab)",
        (C::Detail, A::Delete) => "remove the association (Associations tab)",
        (C::Detail, A::Revert) => "stage this older value (History tab)",
        (C::Detail, A::Pin) => "pin / unpin the activity (Activities tab)",
        (C::Detail, A::Note) => "write a note on the record and pin it",
        (C::Detail, A::Copy) => "copy the highlighted value",
        (C::Detail, A::Archive) => "archive this record (asks)",
        (C::Changes, A::Commit) => "save every staged change",
        (C::Changes, A::Delete) => "drop the highlighted change",
        (C::Changes | C::Picker | C::Palette, A::Back) => "close",
        (C::Changes, A::Changes) => "close",
        (C::Search, A::Open) => "edit the cell under the cursor",
        (C::Search, A::Toggle) => "flip a true / false value",
        (C::Search, A::Left) => "previous cell (property, operator, value)",
        (C::Search, A::Right) => "next cell (property, operator, value)",
        (C::Search, A::Delete) => "delete the filter (or empty group)",
        (C::Search, A::Duplicate) => "duplicate the filter",
        (C::Search, A::Back) => "close the JSON view, else the builder (draft kept)",
        (C::Search, A::Copy) => "copy the request JSON (JSON view)",
        (C::Search, A::CopyJson) => "copy the curl command (JSON view)",
        (C::Search, A::Save) => "save the search under a name",
        (C::Search, A::ShowJson) => "show the request as JSON and curl",
        (C::Search, A::Run) => "run the search into the table",
        (C::Search, A::PageDown) => "5 rows down / scroll the JSON view",
        (C::Search, A::PageUp) => "5 rows up / scroll the JSON view",
        (C::Search, A::Top) => "first row / top of the JSON view",
        (C::Form, A::Edit) => "edit the highlighted field",
        (C::Form, A::Associate) => "add an association to the new record",
        (C::Form, A::Delete) => "remove the association",
        (C::Form, A::Duplicate) => "keep these values as a batch row",
        (C::Form, A::Run) => "create the record (or every batch row)",
        (C::Form | C::Import, A::Back) => "close (nothing is written)",
        (C::Import, A::Edit) => "map the column to another property, or skip it",
        (C::Import, A::Toggle) => "match records on this column (unique)",
        (C::Import, A::Run) => "import the valid rows (upsert, 100 per call)",
        (C::Confirm, A::Open) => "yes, do it",
        (C::Confirm, A::Back) => "no, leave things as they are",
        (C::Picker, A::Toggle) => "pick / toggle the highlighted item",
        (C::Palette, A::Open) => "run the highlighted action",
        (C::Prompt, A::Open) => "submit",
        (C::Prompt, A::Back) => "cancel",
        (C::Prompt, A::Complete) => "complete a file path (import, export)",
        (C::Prompt, A::Run) => "submit (a note: enter starts a new line)",
        (C::Help, A::Back) => "close help",
        (C::Help, A::Help) => "close help",
        (C::Log | C::Props | C::PropForm | C::Freq | C::Board, a) => describe_in_view(ctx, a),
        (_, a) => a.describe(),
    }
}

/// [`describe_in`] for the write log, the Properties view and the frequency table.
fn describe_in_view(ctx: Context, a: Action) -> &'static str {
    use Action as A;
    use Context as C;
    match (ctx, a) {
        (C::Log, A::Open) => "show the entry's records / open the record",
        (C::Log, A::Undo) => "undo it, after a yes (records changed since: held)",
        (C::Log, A::Refresh) => "read the log again",
        (C::Log, A::Filter) => "filter: type, action, record id, date, age (2h)",
        (C::Log, A::Back) => "drop the filter, else close",
        (C::Log, A::WriteLog) => "close",
        (C::Props, A::Open) => "the definition; again: records with a value",
        (C::Props, A::Filter) => "filter: label, name, type, group",
        (C::Props, A::Sort) => "sort by group, fill rate up, fill rate down",
        (C::Props, A::Refresh) => "count the fill rates again",
        (C::Props, A::Back) => "back: the definition, the filter, the view",
        (C::Props, A::Properties) => "close",
        (C::Props, A::Create) => "new property (a form)",
        (C::Props, A::Edit) => "edit the property: label, group, options, flags",
        (C::Props, A::Archive) => "archive the property (asks)",
        (C::PropForm, A::Open) => "edit the field / next choice / flip the flag",
        (C::PropForm, A::Left) => "previous choice (type, group)",
        (C::PropForm, A::Right) => "next choice (type, group)",
        (C::PropForm, A::Toggle) => "flip the flag, hide an option, a property required",
        (C::PropForm, A::Create) => "add an option (or a property)",
        (C::PropForm, A::MoveLeft) => "move the option (or property) up",
        (C::PropForm, A::MoveRight) => "move the option (or property) down",
        (C::PropForm, A::Run) => "save the property (create the object)",
        (C::PropForm, A::Back) => "close the form (nothing is written)",
        (C::Freq, A::Open) => "narrow the table to this value (esc: back)",
        (C::Freq, A::Sort) => "by count or by value",
        (C::Freq, A::Refresh) => "count again",
        (C::Freq, A::Back) => "close",
        (C::Board, A::Left) => "previous stage",
        (C::Board, A::Right) => "next stage",
        (C::Board, A::MoveLeft) => "stage the card(s) into the previous stage",
        (C::Board, A::MoveRight) => "stage the card(s) into the next stage",
        (C::Board, A::Edit) => "move the card(s) to a stage you pick",
        (C::Board, A::Toggle) => "mark the card (move marked ones together)",
        (C::Board, A::NextTab) => "next pipeline",
        (C::Board, A::PrevTab) => "previous pipeline",
        (C::Board, A::Open) => "open the card's record",
        (C::Board, A::Commit) => "save the staged moves",
        (C::Board, A::Refresh) => "read the board again",
        (C::Board, A::Back | A::Board) => "close",
        (_, a) => a.describe(),
    }
}

/// One context's lines, descriptions wrapped to `width`.
fn section(keymap: &Keymap, ctx: Context, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut by_action: Vec<(Action, Vec<String>)> = Vec::new();
    for (_, k, a) in keymap.all().filter(|(c, _, _)| *c == ctx) {
        match by_action.iter_mut().find(|(x, _)| *x == a) {
            Some((_, keys)) => keys.push(k.to_string()),
            None => by_action.push((a, vec![k.to_string()])),
        }
    }
    by_action.sort();
    let mut lines = vec![Line::from(Span::styled(title(ctx).to_owned(), theme.heading()))];
    let text_width = width.saturating_sub(KEYS + 1).max(8);
    for (a, keys) in by_action {
        for (i, part) in wrap(describe_in(ctx, a), text_width).into_iter().enumerate() {
            let keys = if i == 0 { fit_keys(keys.clone(), KEYS - 1) } else { String::new() };
            lines.push(Line::from(vec![Span::styled(format!(" {keys:<KEYS$}"), theme.dim()), Span::raw(part)]));
        }
    }
    if ctx == Context::List {
        // Digits are not bindings (any key could be): typed before G they name a row.
        for (i, part) in wrap("go to row N (type the number, then G)", text_width).into_iter().enumerate() {
            let keys = if i == 0 { "N G" } else { "" };
            lines.push(Line::from(vec![Span::styled(format!(" {keys:<KEYS$}"), theme.dim()), Span::raw(part)]));
        }
    }
    lines.push(Line::raw(""));
    lines
}

/// Every context's section, placed in `columns` columns of about equal height.
fn columns_of(sections: Vec<Vec<Line<'static>>>, columns: usize) -> Vec<Vec<Line<'static>>> {
    let total: usize = sections.iter().map(Vec::len).sum();
    let target = total.div_ceil(columns.max(1));
    let mut cols: Vec<Vec<Line<'static>>> = vec![Vec::new()];
    for s in sections {
        let full = cols.last().is_some_and(|c| !c.is_empty() && c.len() + s.len() / 2 > target);
        if full && cols.len() < columns {
            cols.push(Vec::new());
        }
        if let Some(c) = cols.last_mut() {
            c.extend(s);
        }
    }
    cols
}

/// The help lines for a screen `width` wide (the caller scrolls them).
#[must_use]
pub fn help_lines(keymap: &Keymap, width: usize, first: Option<Context>, theme: &Theme) -> Vec<Line<'static>> {
    let columns = (width / MIN_COLUMN).clamp(1, 3);
    let col_width = width / columns;
    let order = first.into_iter().chain(Context::ALL.iter().copied().filter(|c| Some(*c) != first));
    let sections: Vec<_> = order.map(|c| section(keymap, c, col_width.saturating_sub(1), theme)).collect();
    let cols = columns_of(sections, columns);
    let height = cols.iter().map(Vec::len).max().unwrap_or(0);
    (0..height)
        .map(|i| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (n, col) in cols.iter().enumerate() {
                let cell = col.get(i).cloned().unwrap_or_default();
                let used: usize = cell.spans.iter().map(|s| s.content.chars().count()).sum();
                spans.extend(cell.spans);
                if n + 1 < cols.len() {
                    spans.push(Span::raw(" ".repeat(col_width.saturating_sub(used))));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// The furthest help scrolls (its last line at the bottom) in a terminal of `size`, counted
/// with the default keys: a remapped key changes a line's wrapping at most, and the view
/// clamps as well.
#[must_use]
pub fn max_scroll(size: (u16, u16), about: &str, first: Option<Context>) -> u16 {
    static KEYS: std::sync::OnceLock<Option<Keymap>> = std::sync::OnceLock::new();
    let Some(keymap) = KEYS.get_or_init(|| Keymap::defaults().ok()).as_ref() else { return u16::MAX };
    let (w, h) = size;
    let width = usize::from(w.min(HELP_MAX_WIDTH).saturating_sub(2)).max(1);
    let height = usize::from(h.saturating_sub(3));
    let lines = wrap(about, width).len() + 1 + help_lines(keymap, width, first, &Theme::default()).len();
    u16::try_from(lines.saturating_sub(height)).unwrap_or(u16::MAX)
}

/// The widest the help overlay gets.
pub const HELP_MAX_WIDTH: u16 = 180;

/// `at`: the scroll, and the context whose keys come first (the view help covers).
pub fn render_help(
    frame: &mut Frame<'_>,
    area: Rect,
    keymap: &Keymap,
    about: &str,
    at: (u16, Option<Context>),
    theme: &Theme,
) {
    let (scroll, first) = at;
    let block = Block::default().borders(Borders::ALL).title(" Help — j/k scroll, g/G top/end, esc closes ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Where this is connected, the log and the keymap file, wrapped to fit, then the keys.
    let mut lines: Vec<Line<'static>> =
        wrap(about, usize::from(inner.width).max(1)).into_iter().map(|l| Line::styled(l, theme.dim())).collect();
    lines.push(Line::raw(""));
    lines.extend(help_lines(keymap, usize::from(inner.width), first, theme));
    let max = u16::try_from(lines.len().saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
}

/// As many of the keys as fit in `width` characters, shortest first.
fn fit_keys(mut keys: Vec<String>, width: usize) -> String {
    keys.sort_by_key(String::len);
    let mut out = String::new();
    for k in keys {
        let extra = if out.is_empty() { k.len() } else { k.len() + 1 };
        if out.len() + extra > width {
            break;
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&k);
    }
    out
}
