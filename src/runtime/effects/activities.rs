//! Reading a record's activities (meetings, tasks, calls, emails, notes) for the Activities
//! tab: a title and a time each, read in batches of 100 per type.

use crate::api::types::{BatchId, BatchReadInput};
use crate::api::{Client, Error};
use crate::app::msg::{Msg, RecordMsg};
use crate::app::state::{ActivityRow, ReqId};
use crate::runtime::error_text::error_text;

const TITLE_PROPS: [&str; 6] =
    ["hs_meeting_title", "hs_task_subject", "hs_call_title", "hs_email_subject", "hs_note_body", "hs_call_body"];

/// Reads the activities (`(object type, ids)`).
pub async fn activities(client: &Client, req: ReqId, items: Vec<(String, Vec<String>)>) -> Msg {
    match fetch(client, items).await {
        Ok(activities) => Msg::Record(RecordMsg::ActivitiesLoaded { req, activities }),
        Err(e) => Msg::Record(RecordMsg::ActivitiesFailed { req, error: error_text(&e) }),
    }
}

/// Activity titles are plain text (HTML stripped, shortened): the app's one helper for it.
use crate::app::record_view::plain_text as plain;

/// The activities, read in batches of 100 per type.
async fn fetch(client: &Client, items: Vec<(String, Vec<String>)>) -> Result<Vec<ActivityRow>, Error> {
    let mut out = Vec::new();
    for (object_type, ids) in items {
        for chunk in ids.chunks(100) {
            let input = BatchReadInput {
                properties: TITLE_PROPS.iter().map(|p| (*p).to_owned()).chain(["hs_timestamp".to_owned()]).collect(),
                properties_with_history: Vec::new(),
                id_property: None,
                inputs: chunk.iter().map(|id| BatchId { id: id.clone().into() }).collect(),
            };
            let batch = client.batch_read(&object_type, &input, false).await?;
            for r in batch.results {
                let get = |n: &str| r.properties.get(n).cloned().flatten().filter(|v| !v.is_empty());
                let title = TITLE_PROPS.iter().find_map(|p| get(p)).map(|t| plain(&t, 120)).unwrap_or_default();
                let timestamp = get("hs_timestamp").unwrap_or_else(|| r.created_at.clone());
                out.push(ActivityRow { object_type: object_type.clone(), id: r.id.clone(), timestamp, title });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn activity_titles_drop_html_and_stay_short() {
        assert_eq!(plain("<p>Call <b>Ada</b></p>\n about  the car", 100), "Call Ada about the car");
        assert_eq!(plain("abcdef", 3), "abc…");
    }
}
