//! Conditional rules learned from refusals. HubSpot has no API to read a portal's
//! conditionally required properties; from 2026-09 a write that lacks one is refused with
//! "`X` is required because of a conditional property rule based on [`P`]". With the value
//! staged for `P`, that refusal is the rule: the board asks for `X` the next time a card goes
//! there, before anything is sent.

use crate::app::state::{AppState, Loadable};
use crate::model::ConditionalRequired;

const RULE: &str = " is required because of a conditional property rule based on [";

/// `(required, controlling)` for every conditional refusal in a save's message.
#[must_use]
pub fn refusals(why: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = why;
    while let Some(at) = rest.find(RULE) {
        let before = &rest[..at];
        let name = before.rsplit(|c: char| c.is_whitespace() || c == ':' || c == ';').next().unwrap_or("");
        let after = &rest[at + RULE.len()..];
        let controlling = after.split([']', ',']).next().unwrap_or("").trim();
        if !name.is_empty() && !controlling.is_empty() {
            out.push((name.to_owned(), controlling.to_owned()));
        }
        rest = after;
    }
    out
}

/// Learns the rules the failed records' refusals name (the table type's definitions only).
pub fn learn(state: &mut AppState, type_id: &str, failed: &[(String, String)]) {
    if state.list.type_id.as_deref() != Some(type_id) {
        return;
    }
    let mut learned = Vec::new();
    for (id, why) in failed {
        for (name, controlling) in refusals(why) {
            if let Some(value) = state.staged.value(type_id, id, &controlling).map(|c| c.new.clone()) {
                learned.push(ConditionalRequired {
                    property_name: name,
                    controlling_property: controlling,
                    values: vec![value],
                });
            }
        }
    }
    let Loadable::Ready(props) = &mut state.properties else { return };
    for rule in learned {
        let Some(p) = props.iter_mut().find(|p| p.name == rule.property_name) else { continue };
        match p.required_when.iter_mut().find(|r| r.controlling_property == rule.controlling_property) {
            Some(r) => {
                for v in rule.values {
                    if !r.values.contains(&v) {
                        r.values.push(v);
                    }
                }
            }
            None => p.required_when.push(rule),
        }
    }
    super::board::refresh_needs(state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_required_property_and_the_one_it_depends_on() {
        let why = "closed_lost_reason is required because of a conditional property rule based on [dealstage]; \
                   VALIDATION_ERROR: closedate is required because of a conditional property rule based on [dealstage]";
        assert_eq!(
            refusals(why),
            [
                ("closed_lost_reason".to_owned(), "dealstage".to_owned()),
                ("closedate".to_owned(), "dealstage".to_owned())
            ]
        );
        assert!(refusals("Property values were not valid").is_empty());
    }
}
