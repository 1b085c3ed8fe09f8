//! The pipeline board: a column per stage (label, count, sum; closed stages dimmed), cards of
//! two lines (the display value; the amount and the table's next columns, or the staged move),
//! as many columns side by side as fit — one at a time with the stages as tabs when narrow.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::app::board::{BoardView, Column};
use crate::app::record_view::{display_value, group_count, group_thousands};
use crate::app::state::AppState;
use crate::model::{Property, SimplePublicObject};

/// `s` cut to `w` characters, with `…` when cut.
fn cut(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_owned();
    }
    format!("{}…", s.chars().take(w.saturating_sub(1)).collect::<String>())
}

/// Narrowest column drawn beside others (a card's amount, owner and close date fit).
const MIN_WIDTH: u16 = 34;

/// Fewer columns than this side by side and the board shows one stage at a time, the stages
/// as tabs (at 80 columns).
const SIDE_BY_SIDE: u16 = 3;

fn shown(props: &[Property], name: &str, card: &SimplePublicObject) -> Option<String> {
    let value = card.properties.get(name).cloned().flatten().filter(|v| !v.is_empty())?;
    // As the table shows it (amounts grouped, years and ids not, options by label), shorter:
    // an owner by name only, a date-time by its day.
    let p = props.iter().find(|p| p.name == name);
    let text = display_value(p, &value);
    Some(match p {
        Some(p) if p.referenced_object_type.as_deref() == Some("OWNER") => {
            text.split(" (").next().unwrap_or(&text).to_owned()
        }
        Some(p) if p.kind == "datetime" && text.len() > 10 => text.chars().take(10).collect(),
        _ => text,
    })
}

/// A sum short: `2.6M`, `340k`.
fn compact(s: f64) -> String {
    match s.abs() {
        a if a >= 1e9 => format!("{:.1}B", s / 1e9),
        a if a >= 1e6 => format!("{:.1}M", s / 1e6),
        a if a >= 1e4 => format!("{:.0}k", s / 1e3),
        _ => group_thousands(&crate::app::freq::number_text(s.round())),
    }
}

/// `count · Σ sum` (`short`: the sum compact, for a narrow column).
fn heading(c: &Column, amount: bool, short: bool) -> String {
    let count = c.total.map_or_else(|| "…".to_owned(), group_count);
    let total = |s: f64| if short { compact(s) } else { group_thousands(&crate::app::freq::number_text(s.round())) };
    let sum = match (amount, c.sum) {
        (false, _) => String::new(),
        (true, None) => " · Σ …".to_owned(),
        (true, Some((s, n))) if c.total.is_some_and(|t| t > n) => {
            format!(" · Σ {} (first {})", total(s), group_count(n))
        }
        (true, Some((s, _))) => format!(" · Σ {}", total(s)),
    };
    format!("{count}{sum}")
}

fn card_lines(
    v: &BoardView,
    state: &AppState,
    (card, width): (&SimplePublicObject, usize),
    selected: bool,
    theme: &Theme,
) -> [Line<'static>; 2] {
    let props = state.properties.ready().map_or(&[][..], Vec::as_slice);
    let mark = match (v.marked.contains(&card.id), selected) {
        (true, _) => "● ",
        (false, true) => "› ",
        _ => "  ",
    };
    let title =
        v.card_properties.first().and_then(|n| shown(props, n, card)).unwrap_or_else(|| format!("#{}", card.id));
    let staged = state.staged.value(&v.type_id, &card.id, &v.stage_property).map(|c| {
        let label =
            v.columns.iter().find(|col| col.stage.id == c.new).map_or(c.new.clone(), |col| col.stage.label.clone());
        format!("→ {label} (staged)")
    });
    let others = v.card_properties.iter().skip(1).filter(|n| Some(*n) != v.amount_property.as_ref());
    let rest: Vec<String> = v.amount_property.iter().chain(others).filter_map(|n| shown(props, n, card)).collect();
    let second = match staged {
        Some(s) => Span::styled(cut(&format!("  {s}"), width), theme.added()),
        None => Span::styled(cut(&format!("  {}", rest.join(" · ")), width), theme.dim()),
    };
    let first = Line::from(cut(&format!("{mark}{title}"), width));
    if selected {
        [first.style(theme.selected()), Line::from(second).style(theme.selected())]
    } else {
        [first, Line::from(second)]
    }
}

fn render_column(frame: &mut Frame<'_>, r: Rect, v: &BoardView, state: &AppState, i: usize, theme: &Theme) {
    let c = &v.columns[i];
    let focused = i == v.col;
    let title = format!(" {}{} ", c.stage.label, if c.stage.closed { " (closed)" } else { "" });
    let mut block = Block::default().borders(Borders::ALL).title(cut(&title, usize::from(r.width.saturating_sub(2))));
    if focused {
        block = block.border_style(theme.heading());
    }
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let width = usize::from(inner.width);
    let mut head = heading(c, v.amount_property.is_some(), false);
    if head.chars().count() > width {
        head = heading(c, v.amount_property.is_some(), true);
    }
    let mut lines = vec![Line::styled(cut(&head, width), theme.dim())];
    let fit = usize::from(inner.height.saturating_sub(1)) / 2;
    let start = if focused { v.row.saturating_sub(fit.saturating_sub(1)) } else { 0 };
    for (k, card) in c.cards.iter().enumerate().skip(start).take(fit) {
        lines.extend(card_lines(v, state, (card, width), focused && k == v.row, theme));
    }
    if let Some(e) = &c.error {
        lines.push(Line::styled(format!("{e} — r reads again"), theme.error()));
    } else if c.loading.is_some() {
        lines.push(Line::styled("loading…", theme.dim()));
    } else if c.cards.is_empty() {
        lines.push(Line::styled("no cards", theme.dim()));
    }
    let style = if c.stage.closed { theme.dim() } else { ratatui::style::Style::default() };
    frame.render_widget(Paragraph::new(lines).style(style), inner);
}

fn header(v: &BoardView, state: &AppState, shown: (usize, usize)) -> String {
    let pipeline = v.pipelines.get(v.pipeline).map_or("…", |p| p.label.as_str());
    let which = if v.pipelines.len() > 1 {
        format!(" ({} of {}, [ ] switch)", v.pipeline + 1, v.pipelines.len())
    } else {
        String::new()
    };
    let within = if v.base.is_empty() {
        "all records".to_owned()
    } else {
        format!("search: {}", v.base.summary_with(state.properties.ready().map_or(&[][..], Vec::as_slice)))
    };
    let staged = state
        .staged
        .records
        .get(&v.type_id)
        .map_or(0, |r| r.values().filter(|e| e.props.contains_key(&v.stage_property)).count());
    let changes = state.staged.records.get(&v.type_id).map_or(0, |r| r.values().map(|e| e.props.len()).sum::<usize>());
    let staged = match (staged, changes) {
        (0, 0) => String::new(),
        (m, c) if c > m => format!(" · {m} move(s) staged ({c} changes), w saves"),
        (m, _) => format!(" · {m} move(s) staged, w saves"),
    };
    let marked = if v.marked.is_empty() { String::new() } else { format!(" · {} marked", v.marked.len()) };
    let staged = format!("{marked}{staged}");
    let (start, visible) = shown;
    let n = v.columns.len();
    let stages = if visible == 1 && n > 1 {
        format!(" · stage {} of {n}", start + 1)
    } else if visible < n {
        let left = if start > 0 { "‹ " } else { "" };
        let right = if start + visible < n { " ›" } else { "" };
        format!(" · {left}stages {}–{} of {n}{right}", start + 1, start + visible)
    } else {
        String::new()
    };
    format!("{pipeline}{which}{stages} · {within}{staged} · H/L move, m to any stage, ? keys")
}

/// The stages as tabs in `width` characters, the chosen one always shown (`‹` when tabs
/// before it are left out), `NO_COLOR` readable: the chosen one is also bracketed.
fn tabs(v: &BoardView, width: usize, theme: &Theme) -> Line<'static> {
    let label =
        |i: usize, c: &Column| if i == v.col { format!("[{}]", c.stage.label) } else { format!(" {} ", c.stage.label) };
    let widths: Vec<usize> = v.columns.iter().enumerate().map(|(i, c)| label(i, c).chars().count()).collect();
    let mut first = 0;
    while first < v.col && widths[first..=v.col].iter().sum::<usize>() + 2 > width {
        first += 1;
    }
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("‹ ", theme.dim()));
    }
    let mut used = if first > 0 { 2 } else { 0 };
    for (i, c) in v.columns.iter().enumerate().skip(first) {
        let t = label(i, c);
        used += widths[i];
        if i > v.col && used + 2 > width {
            spans.push(Span::styled(" ›", theme.dim()));
            break;
        }
        spans.push(if i == v.col { Span::styled(t, theme.selected()) } else { Span::styled(t, theme.dim()) });
    }
    Line::from(spans)
}

pub fn render_board(frame: &mut Frame<'_>, area: Rect, v: &BoardView, state: &AppState, theme: &Theme) {
    let r = Rect { height: area.height.saturating_sub(1), ..area };
    frame.render_widget(Clear, r);
    let block = Block::default().borders(Borders::ALL).title(format!(" Board · {} ", v.type_label));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let head = Rect { height: 1, ..inner };
    let mut body = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    let n = v.columns.len();
    let fit = body.width / MIN_WIDTH;
    let visible = usize::from(if fit < SIDE_BY_SIDE { 1 } else { fit }).min(n.max(1));
    let start = if v.col < visible { 0 } else { v.col + 1 - visible };
    frame.render_widget(Paragraph::new(header(v, state, (start, visible))).style(theme.dim()), head);
    if let Some(e) = &v.error {
        frame.render_widget(Paragraph::new(Line::styled(e.clone(), theme.error())), body);
        return;
    }
    if n == 0 {
        let what = if v.loading.is_none() { "reading the type's definitions…" } else { "reading the pipelines…" };
        frame.render_widget(Paragraph::new(Line::styled(what, theme.dim())), body);
        return;
    }
    if visible == 1 {
        // Narrow: the stages as tabs, one column.
        frame.render_widget(Paragraph::new(tabs(v, usize::from(body.width), theme)), Rect { height: 1, ..body });
        body = Rect { y: body.y + 1, height: body.height.saturating_sub(1), ..body };
    }
    // Columns as even as the width allows (the first ones one wider when it does not divide).
    let count = u16::try_from(visible).unwrap_or(1).max(1);
    let (w, extra) = (body.width / count, body.width % count);
    let mut x = body.x;
    for (slot, i) in (start..(start + visible).min(n)).enumerate() {
        let width = w + u16::from(u16::try_from(slot).unwrap_or(u16::MAX) < extra);
        render_column(frame, Rect { x, width, ..body }, v, state, i, theme);
        x += width;
    }
    if let Some(at) = v.picking {
        // The card's stage now (a staged move counted), when one card moves.
        let here = v.current().filter(|_| v.marked.is_empty()).and_then(|c| {
            let now = state.staged.value(&v.type_id, &c.id, &v.stage_property).map(|ch| ch.new.clone());
            let now = now.or_else(|| v.stage_of(c))?;
            v.columns.iter().position(|col| col.stage.id == now)
        });
        render_picker(frame, r, v, (at, here), theme);
    }
}

/// The stage picker (`m`): the pipeline's stages, the highlighted one marked.
fn render_picker(frame: &mut Frame<'_>, area: Rect, v: &BoardView, (at, here): (usize, Option<usize>), theme: &Theme) {
    let marked = v.marked.len();
    let what = if marked > 0 { format!("{marked} marked cards") } else { "the card".to_owned() };
    let title = format!(" Move {what} to… enter picks, esc closes ");
    let width = u16::try_from(title.chars().count() + 4).unwrap_or(60).clamp(36, area.width);
    let height = u16::try_from(v.columns.len() + 2).unwrap_or(12).min(area.height);
    let r = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, r);
    let block = Block::default().borders(Borders::ALL).title(title).border_style(theme.heading());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines: Vec<Line<'static>> = v
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let closed = if c.stage.closed { " (closed)" } else { "" };
            let closed = if Some(i) == here { format!("{closed} — here now") } else { closed.to_owned() };
            let line = Line::raw(format!("{}{}{closed}", if i == at { "› " } else { "  " }, c.stage.label));
            if i == at { line.style(theme.selected()) } else { line }
        })
        .collect();
    let start = u16::try_from(at.saturating_sub(usize::from(inner.height.max(1)) - 1)).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).scroll((start, 0)), inner);
}
