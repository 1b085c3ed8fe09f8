//! Frame render time at 200x60 with 100k and 1M records in the table (only visible rows are
//! built per frame), into ratatui's TestBackend.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hubtui::app::state::{AppState, Focus, Loadable, RecordRow, TypeInfo};
use hubtui::keymap::Keymap;
use hubtui::ui::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn state(rows: usize) -> AppState {
    let mut s = AppState::new("local CRM (bench)", (200, 60));
    s.types.list = Loadable::Ready(vec![TypeInfo {
        type_id: "2-3465404".into(),
        label: "Cars".into(),
        custom: true,
        columns: vec!["model".into(), "make".into(), "year".into()],
        required: Vec::new(),
        aliases: Vec::new(),
    }]);
    s.list.type_id = Some("2-3465404".into());
    s.list.columns = vec!["model".into(), "make".into(), "year".into()];
    s.list.rows = (0..rows)
        .map(|i| RecordRow {
            id: (10_000_000 + i).to_string(),
            cells: vec![format!("Model {i}"), "BMW".into(), "2026".into()],
        })
        .collect();
    s.list.selected = rows / 2;
    s.list.offset = rows / 2 - 10;
    s.focus = Focus::List;
    s
}

fn bench(c: &mut Criterion) {
    let keymap = Keymap::defaults().unwrap_or_default();
    let theme = Theme::dark();
    let mut group = c.benchmark_group("tui");
    for rows in [100_000, 1_000_000] {
        let s = state(rows);
        let Ok(mut terminal) = Terminal::new(TestBackend::new(200, 60));
        group.bench_with_input(BenchmarkId::new("frame_200x60", rows), &rows, |b, _| {
            b.iter(|| {
                let _ = terminal.draw(|f| view(f, black_box(&s), &keymap, &theme));
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
