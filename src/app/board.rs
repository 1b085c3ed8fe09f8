//! The pipeline board (`b` on a type with pipelines): one column per stage of the chosen
//! pipeline, in the pipeline's order, each headed by its label, its count and the sum of the
//! type's amount property, with a card per record (its display value and the table's next
//! columns), paged as the cursor goes down a column. Cards move between stages as staged edits
//! of the stage property (`H` / `L`), saved with `w` like any other.

use std::collections::BTreeSet;

use crate::app::req::ReqId;
use crate::app::search::SearchDraft;
use crate::model::SimplePublicObject;

/// Cards read per call in a column.
pub const PAGE: usize = 20;

/// A pipeline's stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub id: String,
    pub label: String,
    /// Won, lost or a closed ticket state: drawn apart.
    pub closed: bool,
}

/// A pipeline and its stages, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    pub id: String,
    pub label: String,
    pub stages: Vec<Stage>,
}

fn order(v: &serde_json::Value) -> i64 {
    v["displayOrder"].as_i64().unwrap_or(i64::MAX)
}

fn text(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

/// The pipelines as the pipelines API lists them, each with its stages in display order
/// (archived ones left out).
#[must_use]
pub fn parse_pipelines(results: &[serde_json::Value]) -> Vec<Pipeline> {
    let mut ps: Vec<&serde_json::Value> =
        results.iter().filter(|p| !p["archived"].as_bool().unwrap_or(false)).collect();
    ps.sort_by_key(|p| order(p));
    ps.into_iter()
        .map(|p| {
            let mut stages: Vec<&serde_json::Value> = p["stages"]
                .as_array()
                .map(|s| s.iter().filter(|s| !s["archived"].as_bool().unwrap_or(false)).collect())
                .unwrap_or_default();
            stages.sort_by_key(|s| order(s));
            Pipeline {
                id: text(&p["id"]),
                label: text(&p["label"]),
                stages: stages
                    .into_iter()
                    .map(|s| Stage {
                        id: text(&s["id"]),
                        label: text(&s["label"]),
                        closed: s["metadata"]["isClosed"].as_str() == Some("true")
                            || s["metadata"]["ticketState"].as_str() == Some("CLOSED"),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The pipeline and stage properties of a type (deals name theirs apart).
#[must_use]
pub fn stage_properties(type_id: &str) -> (&'static str, &'static str) {
    if matches!(type_id, "deals" | "0-3") { ("pipeline", "dealstage") } else { ("hs_pipeline", "hs_pipeline_stage") }
}

/// The property a column sums, if the type has one (deals: amount; the demo's cars: price).
#[must_use]
pub fn amount_property(type_id: &str, properties: &[crate::model::Property]) -> Option<String> {
    let candidates: &[&str] = if matches!(type_id, "deals" | "0-3") { &["amount"] } else { &["amount", "price"] };
    candidates.iter().find(|c| properties.iter().any(|p| p.name == **c && p.kind == "number")).map(|c| (*c).to_owned())
}

/// A card staged into another stage: the record, its stage now, its last-modified time (the
/// conflict guard) and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub id: String,
    pub old: String,
    pub modified: Option<String>,
    pub to: Stage,
}

/// Moves waiting for a property their stage needs (a conditional rule): the editor asks for
/// it, then the value goes to every card in `lacking` and the moves are staged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fill {
    pub moves: Vec<Move>,
    /// The cards without a value, with their last-modified times.
    pub lacking: Vec<(String, Option<String>)>,
    /// "Closed Lost needs Closed Lost Reason" (the editor's title).
    pub why: String,
    /// What the toast says once everything is staged.
    pub toast: String,
}

/// One stage's column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub stage: Stage,
    /// Records in the stage (within the search).
    pub total: Option<usize>,
    /// The sum of the amount over `summed` records (every one, unless past the search cap).
    pub sum: Option<(f64, usize)>,
    pub cards: Vec<SimplePublicObject>,
    /// The next page's cursor.
    pub after: Option<String>,
    pub loading: Option<ReqId>,
    pub summing: Option<ReqId>,
    pub error: Option<String>,
}

impl Column {
    #[must_use]
    pub fn new(stage: Stage) -> Self {
        Self {
            stage,
            total: None,
            sum: None,
            cards: Vec::new(),
            after: None,
            loading: None,
            summing: None,
            error: None,
        }
    }
}

/// The board's state.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardView {
    pub type_id: String,
    pub type_label: String,
    pub pipeline_property: String,
    pub stage_property: String,
    pub amount_property: Option<String>,
    /// The card's title, then the properties its second line shows.
    pub card_properties: Vec<String>,
    /// The table's search when the board opened (ANDed into every column).
    pub base: SearchDraft,
    pub pipelines: Vec<Pipeline>,
    pub pipeline: usize,
    pub columns: Vec<Column>,
    pub col: usize,
    pub row: usize,
    /// Cards marked for a move together (ids).
    pub marked: BTreeSet<String>,
    /// Properties some stage requires (the portal's conditional rules on the stage property).
    pub needs: Vec<crate::model::Property>,
    /// The stage picker (`m`, a move to any stage): the highlighted stage.
    pub picking: Option<usize>,
    /// Values the board asked for (a stage's required property), by `(card, property)`: they
    /// are dropped again if the card leaves that stage before the save.
    pub filled: BTreeSet<(String, String)>,
    /// `G` on a column with more pages: read on to its end.
    pub to_end: bool,
    pub loading: Option<ReqId>,
    pub error: Option<String>,
}

impl BoardView {
    /// The card under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<&SimplePublicObject> {
        self.columns.get(self.col)?.cards.get(self.row)
    }

    /// Columns for the chosen pipeline's stages (nothing read yet).
    pub fn set_pipeline(&mut self, i: usize) {
        self.pipeline = i.min(self.pipelines.len().saturating_sub(1));
        self.columns = self
            .pipelines
            .get(self.pipeline)
            .map(|p| p.stages.iter().cloned().map(Column::new).collect())
            .unwrap_or_default();
        self.col = 0;
        self.row = 0;
        self.marked.clear();
    }

    /// The first property `stage` requires that `has` says a card lacks.
    #[must_use]
    pub fn need_for(&self, stage: &str, has: impl Fn(&str) -> bool) -> Option<&crate::model::Property> {
        self.needs.iter().find(|p| {
            p.required_when
                .iter()
                .any(|r| r.controlling_property == self.stage_property && r.values.iter().any(|v| v == stage))
                && !has(&p.name)
        })
    }

    /// A card by id, in any column.
    #[must_use]
    pub fn card(&self, id: &str) -> Option<&SimplePublicObject> {
        self.columns.iter().flat_map(|c| &c.cards).find(|c| c.id == id)
    }

    /// The stage a card is in (from its own value, the stage's id).
    #[must_use]
    pub fn stage_of(&self, card: &SimplePublicObject) -> Option<String> {
        card.properties.get(&self.stage_property).cloned().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pipelines_and_stages_come_in_display_order_with_closed_ones_known() {
        let raw = vec![
            json!({"id": "b", "label": "Renewals", "displayOrder": 1, "stages": []}),
            json!({"id": "default", "label": "Sales", "displayOrder": 0, "stages": [
                {"id": "won", "label": "Closed Won", "displayOrder": 2, "metadata": {"isClosed": "true"}},
                {"id": "new", "label": "New", "displayOrder": 0, "metadata": {"isClosed": "false"}},
                {"id": "old", "label": "Gone", "displayOrder": 1, "archived": true},
                {"id": 4, "label": "Closed", "displayOrder": 3, "metadata": {"ticketState": "CLOSED"}}
            ]}),
        ];
        let ps = parse_pipelines(&raw);
        assert_eq!(ps.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["Sales", "Renewals"]);
        let stages: Vec<(&str, bool)> = ps[0].stages.iter().map(|s| (s.id.as_str(), s.closed)).collect();
        assert_eq!(stages, [("new", false), ("won", true), ("4", true)]);
    }
}
