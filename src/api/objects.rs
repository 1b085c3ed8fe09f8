//! Typed calls for records: list, read, create (idempotent), update, archive (and the local
//! CRM's restore), batches, merge, search, and the definitions around them (schemas,
//! properties, pipelines, owners).

use reqwest::Method;
use serde_json::{Map, Value};

use super::client::{Client, Safety};
use super::error::Error;
use super::id::WireId;
use super::paths::Api;
use super::types::{
    AssociationInput, BatchCreateItem, BatchId, BatchInput, BatchReadInput, BatchResponse, BatchUpdateItem,
    CollectionResponse, MergeInput, ObjectCreateInput, ObjectSchema, ObjectUpdateInput, Property, PropertyValidation,
    SearchRequest, SearchResponse, SimplePublicObject,
};

/// The portal behind a token (`GET /account-info/v3/details`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDetails {
    pub portal_id: u64,
    /// The web app's host (`app.hubspot.com`, `app-eu1.hubspot.com`).
    pub ui_domain: String,
}

impl Client {
    /// Which portal the token belongs to.
    ///
    /// # Errors
    /// The API's, or `Decode` when the answer has no portal id.
    pub async fn account_details(&self) -> Result<AccountDetails, Error> {
        let v: Value = self
            .send(Method::GET, &self.path(Api::AccountInfo, "details"), &[], None::<&()>, Safety::Repeatable)
            .await?;
        let portal_id =
            v["portalId"].as_u64().ok_or_else(|| Error::Decode { message: "account-info: no portalId".into() })?;
        let ui_domain = v["uiDomain"].as_str().unwrap_or("app.hubspot.com").to_owned();
        Ok(AccountDetails { portal_id, ui_domain })
    }
}

/// What a read asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadParams {
    pub properties: Vec<String>,
    pub properties_with_history: Vec<String>,
    pub associations: Vec<String>,
    pub archived: bool,
    pub id_property: Option<String>,
}

impl ReadParams {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if !self.properties.is_empty() {
            q.push(("properties", self.properties.join(",")));
        }
        if !self.properties_with_history.is_empty() {
            q.push(("propertiesWithHistory", self.properties_with_history.join(",")));
        }
        if !self.associations.is_empty() {
            q.push(("associations", self.associations.join(",")));
        }
        if self.archived {
            q.push(("archived", "true".into()));
        }
        if let Some(p) = &self.id_property {
            q.push(("idProperty", p.clone()));
        }
        q
    }
}

/// Encodes a path segment (object type names, ids and unique values can hold anything).
pub fn seg(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>().replace('+', "%20")
}

/// The result of a batch call: HubSpot's envelope (`errors` filled on a 207).
pub type Batch = BatchResponse<SimplePublicObject>;

impl Client {
    /// One page of a type's records.
    pub async fn list_page(
        &self,
        object_type: &str,
        params: &ReadParams,
        limit: usize,
        after: Option<&str>,
    ) -> Result<CollectionResponse<SimplePublicObject>, Error> {
        let path = self.path(Api::Objects, &seg(object_type));
        let query = |part: &ReadParams| {
            let mut q = part.query();
            q.push(("limit", limit.to_string()));
            if let Some(a) = after {
                q.push(("after", a.to_owned()));
            }
            q
        };
        // A page listing more properties than one URL holds: the same page again for each part
        // (the same cursor gives the same records), merged by id.
        let mut parts = params.split(super::long_read::MAX_QUERY).into_iter();
        let first = parts.next().unwrap_or_default();
        let mut page: CollectionResponse<SimplePublicObject> =
            self.send(Method::GET, &path, &query(&first), None::<&()>, Safety::Repeatable).await?;
        for part in parts {
            let more: CollectionResponse<SimplePublicObject> =
                self.send(Method::GET, &path, &query(&part), None::<&()>, Safety::Repeatable).await?;
            super::long_read::merge_page(&mut page.results, more.results);
        }
        Ok(page)
    }

    /// One record by id (or by a unique property with `id_property`).
    /// A read listing more properties than one URL holds is split into several GETs, merged.
    pub async fn get(&self, object_type: &str, id: &str, params: &ReadParams) -> Result<SimplePublicObject, Error> {
        let path = self.path(Api::Objects, &format!("{}/{}", seg(object_type), seg(id)));
        let mut parts = params.split(super::long_read::MAX_QUERY).into_iter();
        let first = parts.next().unwrap_or_default();
        let mut record: SimplePublicObject =
            self.send(Method::GET, &path, &first.query(), None::<&()>, Safety::Repeatable).await?;
        for part in parts {
            let more = self.send(Method::GET, &path, &part.query(), None::<&()>, Safety::Repeatable).await?;
            super::long_read::merge_part(&mut record, more);
        }
        Ok(record)
    }

    /// Creates a record exactly once, even across retries: the create carries a fresh
    /// `hs_unique_creation_key`, and after an ambiguous failure the record is looked up by
    /// that key before creating again.
    pub async fn create(
        &self,
        object_type: &str,
        properties: Map<String, Value>,
        associations: Vec<AssociationInput>,
    ) -> Result<SimplePublicObject, Error> {
        let mut properties = properties;
        let key = match properties.get("hs_unique_creation_key").and_then(Value::as_str) {
            Some(k) => k.to_owned(),
            None => {
                let k = creation_key();
                properties.insert("hs_unique_creation_key".into(), Value::String(k.clone()));
                k
            }
        };
        let body = ObjectCreateInput { properties, associations, object_write_trace_id: None };
        let path = self.path(Api::Objects, &seg(object_type));
        let mut last = None;
        for _ in 0..3 {
            match self.send::<SimplePublicObject, _>(Method::POST, &path, &[], Some(&body), Safety::Once).await {
                Ok(r) => return Ok(r),
                Err(e) if e.not_applied() || matches!(e, Error::Conflict { .. } | Error::NotFound { .. }) => {
                    return Err(e);
                }
                Err(e) => {
                    let found = self
                        .get(
                            object_type,
                            &key,
                            &ReadParams { id_property: Some("hs_unique_creation_key".into()), ..ReadParams::default() },
                        )
                        .await;
                    match found {
                        Ok(rec) => return Ok(rec),
                        Err(Error::NotFound { .. }) => last = Some(e),
                        Err(other) => return Err(other),
                    }
                }
            }
        }
        Err(last.unwrap_or(Error::Network { message: "create failed".into() }))
    }

    /// Updates a record's properties (`""` clears a value).
    pub async fn update(
        &self,
        object_type: &str,
        id: &str,
        properties: Map<String, Value>,
        id_property: Option<&str>,
    ) -> Result<SimplePublicObject, Error> {
        let path = self.path(Api::Objects, &format!("{}/{}", seg(object_type), seg(id)));
        let q: Vec<(&str, String)> = id_property.map(|p| vec![("idProperty", p.to_owned())]).unwrap_or_default();
        let body = ObjectUpdateInput { properties, object_write_trace_id: None };
        self.send(Method::PATCH, &path, &q, Some(&body), Safety::Repeatable).await
    }

    /// Moves a record to the recycle bin.
    pub async fn archive(&self, object_type: &str, id: &str) -> Result<(), Error> {
        let path = self.path(Api::Objects, &format!("{}/{}", seg(object_type), seg(id)));
        self.send::<Option<Value>, ()>(Method::DELETE, &path, &[], None, Safety::Repeatable).await.map(|_| ())
    }

    /// Takes a record out of the recycle bin. The local CRM's admin API
    /// (`POST /__hubtui/objects/{type}/{id}/restore`): HubSpot itself has no such call.
    pub async fn restore(&self, object_type: &str, id: &str) -> Result<(), Error> {
        let path = format!("/__hubtui/objects/{}/{}/restore", seg(object_type), seg(id));
        self.send::<Value, ()>(Method::POST, &path, &[], None, Safety::Repeatable).await.map(|_| ())
    }

    /// Reads up to 100 records by id or unique property.
    pub async fn batch_read(&self, object_type: &str, input: &BatchReadInput, archived: bool) -> Result<Batch, Error> {
        let q: Vec<(&str, String)> = if archived { vec![("archived", "true".into())] } else { Vec::new() };
        self.send(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/batch/read", seg(object_type))),
            &q,
            Some(input),
            Safety::Repeatable,
        )
        .await
    }

    /// [`Client::batch_read`] of the portal's current values: sent with `Cache-Control:
    /// no-cache`, so a local replica passes it on to the portal it copies (conflict guards
    /// compare against what the portal has now). HubSpot itself always answers current values.
    pub async fn batch_read_current(&self, object_type: &str, input: &BatchReadInput) -> Result<Batch, Error> {
        self.send_with(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/batch/read", seg(object_type))),
            &[],
            Some(input),
            Safety::Repeatable,
            &[("cache-control", "no-cache")],
        )
        .await
    }

    /// Creates up to 100 records (give each a trace id for per-input errors).
    pub async fn batch_create_raw(&self, object_type: &str, inputs: &[BatchCreateItem]) -> Result<Batch, Error> {
        let body = BatchInput { inputs: inputs.to_vec() };
        self.send(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/batch/create", seg(object_type))),
            &[],
            Some(&body),
            Safety::Once,
        )
        .await
    }

    /// Updates up to 100 records.
    pub async fn batch_update_raw(&self, object_type: &str, inputs: &[BatchUpdateItem]) -> Result<Batch, Error> {
        let body = BatchInput { inputs: inputs.to_vec() };
        self.send(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/batch/update", seg(object_type))),
            &[],
            Some(&body),
            Safety::Repeatable,
        )
        .await
    }

    /// Creates or updates up to 100 records by a unique property.
    pub async fn batch_upsert_raw(&self, object_type: &str, inputs: &[BatchUpdateItem]) -> Result<Batch, Error> {
        let body = BatchInput { inputs: inputs.to_vec() };
        self.send(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/batch/upsert", seg(object_type))),
            &[],
            Some(&body),
            Safety::Repeatable,
        )
        .await
    }

    /// Archives up to 100 records.
    pub async fn batch_archive_raw(&self, object_type: &str, ids: &[String]) -> Result<(), Error> {
        let body = BatchInput { inputs: ids.iter().map(|i| BatchId { id: WireId(i.clone()) }).collect() };
        self.send::<Option<Value>, _>(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/batch/archive", seg(object_type))),
            &[],
            Some(&body),
            Safety::Repeatable,
        )
        .await
        .map(|_| ())
    }

    /// Merges `other` into `primary`.
    pub async fn merge(&self, object_type: &str, primary: &str, other: &str) -> Result<SimplePublicObject, Error> {
        let body =
            MergeInput { primary_object_id: WireId(primary.to_owned()), object_id_to_merge: WireId(other.to_owned()) };
        self.send(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/merge", seg(object_type))),
            &[],
            Some(&body),
            Safety::Once,
        )
        .await
    }

    /// One page of a search.
    pub async fn search(&self, object_type: &str, request: &SearchRequest) -> Result<SearchResponse, Error> {
        self.send(
            Method::POST,
            &self.path(Api::Objects, &format!("{}/search", seg(object_type))),
            &[],
            Some(request),
            Safety::Repeatable,
        )
        .await
    }

    /// Custom object schemas.
    pub async fn schemas(&self) -> Result<Vec<ObjectSchema>, Error> {
        let r: CollectionResponse<ObjectSchema> =
            self.send(Method::GET, &self.path(Api::Schemas, ""), &[], None::<&()>, Safety::Repeatable).await?;
        Ok(r.results)
    }

    /// A type's property definitions.
    pub async fn properties(&self, object_type: &str) -> Result<Vec<Property>, Error> {
        let r: CollectionResponse<Property> = self
            .send(Method::GET, &self.path(Api::Properties, &seg(object_type)), &[], None::<&()>, Safety::Repeatable)
            .await?;
        Ok(r.results)
    }

    /// A type's property validation rules, by property (HubSpot's property-validations API).
    pub async fn property_validations(&self, object_type: &str) -> Result<Vec<PropertyValidation>, Error> {
        let path = self.path(Api::PropertyValidations, &seg(object_type));
        let r: CollectionResponse<PropertyValidation> =
            self.send(Method::GET, &path, &[], None::<&()>, Safety::Repeatable).await?;
        Ok(r.results)
    }

    /// A type's conditional required properties, as the local CRM keeps them (HubSpot has
    /// no API to read them: `Ok(empty)` there, without a call).
    pub async fn conditional_rules(&self, object_type: &str) -> Result<Vec<crate::model::ConditionalRequired>, Error> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Rules {
            #[serde(default)]
            conditional_required: Vec<crate::model::ConditionalRequired>,
        }
        if self.is_hubspot() {
            return Ok(Vec::new());
        }
        let path = format!("/__hubtui/write-rules/{}", seg(object_type));
        let r: Rules = self.send(Method::GET, &path, &[], None::<&()>, Safety::Repeatable).await?;
        Ok(r.conditional_required)
    }

    /// A type's pipelines (stage labels for enumerations such as `dealstage`).
    pub async fn pipelines(&self, object_type: &str) -> Result<Vec<Value>, Error> {
        let r: CollectionResponse<Value> = self
            .send(Method::GET, &self.path(Api::Pipelines, &seg(object_type)), &[], None::<&()>, Safety::Repeatable)
            .await?;
        Ok(r.results)
    }

    /// The portal's owners (every page).
    pub async fn owners(&self) -> Result<Vec<Value>, Error> {
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut q = vec![("limit", "100".to_owned())];
            if let Some(a) = &after {
                q.push(("after", a.clone()));
            }
            let r: CollectionResponse<Value> =
                self.send(Method::GET, &self.path(Api::Owners, ""), &q, None::<&()>, Safety::Repeatable).await?;
            out.extend(r.results);
            match r.paging.map(|p| p.next.after) {
                Some(next) if after.as_ref() != Some(&next) => after = Some(next),
                _ => return Ok(out),
            }
        }
    }
}

/// A fresh idempotency key for one logical create.
#[must_use]
pub fn creation_key() -> String {
    format!("hubtui-{}", crate::rng::uuid_v4())
}
