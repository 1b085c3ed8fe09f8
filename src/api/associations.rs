//! Typed calls for v4 associations: the labels from one type to another, labelling (or
//! removing) the association between two records, and labelling many records to one.

use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use super::client::{Client, Safety};
use super::error::Error;
use super::objects::seg;
use super::paths::Api;
use super::types::{AssociationSpec, AssociationTarget, BatchInput};

/// One association type from a type to another, as the labels API lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociationLabel {
    /// `HUBSPOT_DEFINED` or `USER_DEFINED`.
    pub category: String,
    pub type_id: i64,
    /// `None` for the unlabeled default type.
    pub label: Option<String>,
}

/// One input of a v4 `batch/create`.
#[derive(Debug, Serialize)]
struct BatchAssociation<'a> {
    from: AssociationTarget,
    to: AssociationTarget,
    types: &'a [AssociationSpec],
}

impl Client {
    /// The association types from `from` to `to` (`GET /crm/v4/associations/{from}/{to}/labels`);
    /// entries without a category or type id are skipped.
    pub async fn association_labels(&self, from: &str, to: &str) -> Result<Vec<AssociationLabel>, Error> {
        let path = self.path(Api::Associations, &format!("{}/{}/labels", seg(from), seg(to)));
        let v: Value = self.send(Method::GET, &path, &[], None::<&()>, Safety::Repeatable).await?;
        Ok(v["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| {
                Some(AssociationLabel {
                    category: l["category"].as_str()?.to_owned(),
                    type_id: l["typeId"].as_i64()?,
                    label: l["label"].as_str().map(str::to_owned),
                })
            })
            .collect())
    }

    /// Associates one record (`(type, id)`) to another with this association type.
    pub async fn associate(&self, from: (&str, &str), to: (&str, &str), spec: &AssociationSpec) -> Result<(), Error> {
        let body = [spec];
        self.send::<Option<Value>, _>(
            Method::PUT,
            &self.path(Api::RecordAssociations, &pair_rest(from, to)),
            &[],
            Some(&body),
            Safety::Repeatable,
        )
        .await
        .map(|_| ())
    }

    /// The association types between two records (`(type, id)`): `(category, typeId)` of
    /// each, read from the first record's associations to the other's type (first 500).
    pub async fn pair_kinds(&self, from: (&str, &str), to: (&str, &str)) -> Result<Vec<(String, i64)>, Error> {
        let rest = format!("{}/{}/associations/{}", seg(from.0), seg(from.1), seg(to.0));
        let q = [("limit", "500".to_owned())];
        let r: Value = self
            .send(Method::GET, &self.path(Api::RecordAssociations, &rest), &q, None::<&()>, Safety::Repeatable)
            .await?;
        let same = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned) == to.1;
        let kinds = r["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|a| same(&a["toObjectId"]))
            .flat_map(|a| a["associationTypes"].as_array().cloned().unwrap_or_default())
            .filter_map(|t| Some((t["category"].as_str()?.to_owned(), t["typeId"].as_i64()?)))
            .collect();
        Ok(kinds)
    }

    /// Removes every association between two records (`(type, id)`).
    pub async fn disassociate(&self, from: (&str, &str), to: (&str, &str)) -> Result<(), Error> {
        self.send::<Option<Value>, ()>(
            Method::DELETE,
            &self.path(Api::RecordAssociations, &pair_rest(from, to)),
            &[],
            None,
            Safety::Repeatable,
        )
        .await
        .map(|_| ())
    }

    /// Associates up to 100 records of `from_type` to one record (`(type, id)`) with this
    /// association type (v4 `batch/create`).
    pub async fn associate_batch(
        &self,
        from_type: &str,
        from_ids: &[String],
        to: (&str, &str),
        spec: &AssociationSpec,
    ) -> Result<(), Error> {
        let path = self.path(Api::Associations, &format!("{}/{}/batch/create", seg(from_type), seg(to.0)));
        let types = std::slice::from_ref(spec);
        let inputs = from_ids
            .iter()
            .map(|id| BatchAssociation {
                from: AssociationTarget { id: id.clone().into() },
                to: AssociationTarget { id: to.1.into() },
                types,
            })
            .collect();
        let body = BatchInput { inputs };
        self.send::<Option<Value>, _>(Method::POST, &path, &[], Some(&body), Safety::Repeatable).await.map(|_| ())
    }
}

/// The most records one association `batch/read` takes.
pub const READ_BATCH: usize = 1000;

/// One association of a record read in bulk: the other record and the types linking them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedRecord {
    pub to_id: String,
    /// `(category, typeId)` of each association type between the two.
    pub types: Vec<(String, i64)>,
}

impl Client {
    /// The associations of up to [`READ_BATCH`] records of `from` to records of `to` (v4
    /// `batch/read`), by record id. A record with more links than one answer holds (HubSpot
    /// pages each record's links, 500 at a time) is read on with its `after` until it has
    /// none left. A record HubSpot reports as having none (a 207 error) is absent from the
    /// map; callers treat absence as none.
    pub async fn association_batch_read(
        &self,
        from: &str,
        to: &str,
        ids: &[String],
    ) -> Result<std::collections::BTreeMap<String, Vec<LinkedRecord>>, Error> {
        let path = self.path(Api::Associations, &format!("{}/{}/batch/read", seg(from), seg(to)));
        let mut out = std::collections::BTreeMap::new();
        let mut pending: Vec<ReadInput> = ids.iter().map(|id| ReadInput { id: id.clone(), after: None }).collect();
        while !pending.is_empty() {
            let rest = pending.split_off(pending.len().min(READ_BATCH));
            let body = BatchInput { inputs: std::mem::replace(&mut pending, rest) };
            let v: Value = self.send(Method::POST, &path, &[], Some(&body), Safety::Repeatable).await?;
            for r in v["results"].as_array().into_iter().flatten() {
                let Some(from_id) = id_text(&r["from"]["id"]) else { continue };
                if let Some(after) = r["paging"]["next"]["after"].as_str() {
                    pending.push(ReadInput { id: from_id.clone(), after: Some(after.to_owned()) });
                }
                out.entry(from_id).or_insert_with(Vec::new).extend(linked(&r["to"]));
            }
        }
        Ok(out)
    }
}

/// One input of a batch read: a record, and where its links continue.
#[derive(Debug, Serialize)]
struct ReadInput {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<String>,
}

/// An id as text, whether the answer gave a string or a number.
fn id_text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned).or_else(|| v.as_i64().map(|n| n.to_string()))
}

/// The records of a batch read's `to` list, with their association types.
fn linked(to: &Value) -> Vec<LinkedRecord> {
    to.as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| {
            let to_id = id_text(&t["toObjectId"])?;
            let types = t["associationTypes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| Some((a["category"].as_str()?.to_owned(), a["typeId"].as_i64()?)))
                .collect();
            Some(LinkedRecord { to_id, types })
        })
        .collect()
}

/// `{fromType}/{fromId}/associations/{toType}/{toId}` (after `/crm/v4/objects/`).
fn pair_rest(from: (&str, &str), to: (&str, &str)) -> String {
    format!("{}/{}/associations/{}/{}", seg(from.0), seg(from.1), seg(to.0), seg(to.1))
}
