//! Property tests over `update`: random keys and results (stale, failed, empty) never panic,
//! the selection stays in bounds, at most one page request is in flight, and request ids
//! only grow.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::action::Action;
use hubtui::app::command::Command;
use hubtui::app::msg::{DefsMsg, Msg, RecordMsg, TableMsg};
use hubtui::app::state::ReqId;
use proptest::prelude::*;
use support::tui::{Harness, car, car_properties, types};

#[derive(Debug, Clone)]
enum Step {
    Key(usize),
    Answer,
    Fail,
    Stale(u64),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..Action::ALL.len()).prop_map(Step::Key),
        2 => Just(Step::Answer),
        1 => Just(Step::Fail),
        1 => (0u64..50).prop_map(Step::Stale),
        1 => (10u16..200, 5u16..80).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn update_keeps_its_invariants(steps in prop::collection::vec(step(), 1..120)) {
        let mut h = Harness::new(2_350);
        let mut last_req = h.state.ids.issued();
        for s in steps {
            match s {
                Step::Key(i) => {
                    if Action::ALL[i] == Action::Quit { continue; }
                    h.send(Msg::Action(Action::ALL[i]));
                }
                Step::Answer => {
                    if !h.pending.is_empty() {
                        let c = h.pending.remove(0);
                        let m = h.answer(&c);
                        h.send(m);
                    }
                }
                Step::Fail => {
                    if !h.pending.is_empty() {
                        let c = h.pending.remove(0);
                        let m = match c {
                            Command::FetchTypes { req } => Msg::Defs(DefsMsg::TypesFailed { req, error: "x".into() }),
                            Command::FetchProperties { req, .. } => Msg::Defs(DefsMsg::PropertiesFailed { req, error: "x".into() }),
                            Command::FetchPage { req, .. } | Command::FetchSlice { req, .. } => Msg::Table(TableMsg::PageFailed { req, error: "x".into() }),
                            Command::FetchRecord { req, .. } => Msg::Record(RecordMsg::RecordFailed { req, error: "x".into(), not_found: false }),
                            Command::FetchActivities { req, .. } => Msg::Record(RecordMsg::ActivitiesFailed { req, error: "x".into() }),
                            _ => Msg::Notice { text: "x".into(), error: true },
                        };
                        h.send(m);
                    }
                }
                Step::Stale(r) => {
                    let req = ReqId(r);
                    let msgs = [
                        Msg::Defs(DefsMsg::TypesLoaded { req, types: types() }),
                        Msg::Defs(DefsMsg::PropertiesLoaded { req, properties: car_properties() }),
                        Msg::Table(TableMsg::PageLoaded { req, records: vec![car(1)], next_after: None, search: None }),
                        Msg::Table(TableMsg::SliceLoaded { req, records: vec![car(3)], total: 5 }),
                        Msg::Record(RecordMsg::RecordLoaded { req, record: car(2) }),
                    ];
                    for m in msgs {
                        h.send(m);
                    }
                }
                Step::Resize(w, hh) => h.send(Msg::Resize { width: w, height: hh }),
            }
            let l = &h.state.list;
            prop_assert!(l.rows.is_empty() || (l.selected >= l.base && l.selected < l.end()), "selection in the window");
            prop_assert!(l.rows.len() <= hubtui::app::state::WINDOW);
            prop_assert!(l.offset <= l.selected || l.rows.is_empty());
            let in_flight_pages = h.pending.iter().filter(|c| matches!(c, Command::FetchPage { req, .. } | Command::FetchSlice { req, .. } if Some(*req) == l.in_flight)).count();
            prop_assert!(in_flight_pages <= 1);
            prop_assert!(h.state.ids.issued() >= last_req);
            last_req = h.state.ids.issued();
            // A pending read (an association search, an import file, all ids) never refuses a
            // write elsewhere: with no write in flight, staged changes save.
            if h.state.saving.is_empty() && h.state.staged.count() > 0 && h.state.read_only.is_none() {
                let mut s = h.state.clone();
                s.modal = hubtui::app::modal::Modal::None;
                let (_, cmds) = hubtui::app::update::update(s, Msg::Action(Action::Commit));
                prop_assert!(cmds.iter().any(|c| matches!(c, Command::SaveChanges { .. })), "reads in flight: {:?}", h.state.reading);
            }
            let _ = h.screen(80, 24);
        }
    }
}
