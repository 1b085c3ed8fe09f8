//! Typed calls that change definitions: properties, property groups, validation rules,
//! custom object schemas, their association definitions and association labels between
//! types. Every write is sent once per call; HubSpot's refusals come back as `Error`s with
//! the server's message (and field errors, where it names them).

use reqwest::Method;
use serde_json::{Value, json};

use super::client::{Client, Safety};
use super::error::Error;
use super::objects::seg;
use super::paths::Api;
use super::types::{
    AssociationDefinition, CollectionResponse, ObjectSchema, ObjectSchemaEgg, ObjectSchemaPatch, Property,
    PropertyCreate, PropertyGroup, PropertyUpdate, ValidationRule,
};

impl Client {
    /// Creates a property (`POST properties/{type}`).
    pub async fn create_property(&self, object_type: &str, body: &PropertyCreate) -> Result<Property, Error> {
        self.send(Method::POST, &self.path(Api::Properties, &seg(object_type)), &[], Some(body), Safety::Once).await
    }

    /// Changes a property (`PATCH properties/{type}/{name}`); options, when given, replace
    /// the whole list.
    pub async fn update_property(
        &self,
        object_type: &str,
        name: &str,
        body: &PropertyUpdate,
    ) -> Result<Property, Error> {
        let path = self.path(Api::Properties, &format!("{}/{}", seg(object_type), seg(name)));
        self.send(Method::PATCH, &path, &[], Some(body), Safety::Repeatable).await
    }

    /// Archives a property (`DELETE properties/{type}/{name}`).
    pub async fn archive_property(&self, object_type: &str, name: &str) -> Result<(), Error> {
        let path = self.path(Api::Properties, &format!("{}/{}", seg(object_type), seg(name)));
        self.send::<Option<Value>, ()>(Method::DELETE, &path, &[], None, Safety::Repeatable).await.map(drop)
    }

    /// A type's property groups.
    pub async fn property_groups(&self, object_type: &str) -> Result<Vec<PropertyGroup>, Error> {
        let path = self.path(Api::Properties, &format!("{}/groups", seg(object_type)));
        let r: CollectionResponse<PropertyGroup> =
            self.send(Method::GET, &path, &[], None::<&()>, Safety::Repeatable).await?;
        Ok(r.results)
    }

    /// Creates a property group.
    pub async fn create_group(&self, object_type: &str, group: &PropertyGroup) -> Result<PropertyGroup, Error> {
        let path = self.path(Api::Properties, &format!("{}/groups", seg(object_type)));
        let body = json!({ "name": group.name, "label": group.label, "displayOrder": group.display_order });
        self.send(Method::POST, &path, &[], Some(&body), Safety::Once).await
    }

    /// Renames or reorders a property group.
    pub async fn update_group(&self, object_type: &str, group: &PropertyGroup) -> Result<PropertyGroup, Error> {
        let path = self.path(Api::Properties, &format!("{}/groups/{}", seg(object_type), seg(&group.name)));
        let body = json!({ "label": group.label, "displayOrder": group.display_order });
        self.send(Method::PATCH, &path, &[], Some(&body), Safety::Repeatable).await
    }

    /// Archives a property group.
    pub async fn archive_group(&self, object_type: &str, name: &str) -> Result<(), Error> {
        let path = self.path(Api::Properties, &format!("{}/groups/{}", seg(object_type), seg(name)));
        self.send::<Option<Value>, ()>(Method::DELETE, &path, &[], None, Safety::Repeatable).await.map(drop)
    }

    /// Sets one validation rule of a property (`PUT property-validations/{type}/{name}/rule-type/{rule}`).
    pub async fn put_validation_rule(
        &self,
        object_type: &str,
        property: &str,
        rule: &ValidationRule,
    ) -> Result<(), Error> {
        let rest = format!("{}/{}/rule-type/{}", seg(object_type), seg(property), seg(&rule.rule_type));
        let body = json!({
            "ruleArguments": rule.rule_arguments,
            "shouldApplyNormalization": rule.should_apply_normalization,
        });
        let path = self.path(Api::PropertyValidations, &rest);
        self.send::<Option<Value>, _>(Method::PUT, &path, &[], Some(&body), Safety::Repeatable).await.map(drop)
    }

    /// Creates a custom object type.
    pub async fn create_schema(&self, egg: &ObjectSchemaEgg) -> Result<ObjectSchema, Error> {
        self.send(Method::POST, &self.path(Api::Schemas, ""), &[], Some(egg), Safety::Once).await
    }

    /// Changes a custom object type's labels and display settings.
    pub async fn update_schema(&self, object_type: &str, patch: &ObjectSchemaPatch) -> Result<ObjectSchema, Error> {
        self.send(Method::PATCH, &self.path(Api::Schemas, &seg(object_type)), &[], Some(patch), Safety::Repeatable)
            .await
    }

    /// Deletes a custom object type (HubSpot refuses while it has records).
    pub async fn delete_schema(&self, object_type: &str) -> Result<(), Error> {
        let path = self.path(Api::Schemas, &seg(object_type));
        self.send::<Option<Value>, ()>(Method::DELETE, &path, &[], None, Safety::Repeatable).await.map(drop)
    }

    /// Adds an association definition from a custom type to another type.
    pub async fn create_association_definition(
        &self,
        object_type: &str,
        from_type_id: &str,
        to_type_id: &str,
    ) -> Result<AssociationDefinition, Error> {
        let path = self.path(Api::Schemas, &format!("{}/associations", seg(object_type)));
        let body = json!({ "fromObjectTypeId": from_type_id, "toObjectTypeId": to_type_id });
        self.send(Method::POST, &path, &[], Some(&body), Safety::Once).await
    }

    /// Removes an association definition of a custom type.
    pub async fn delete_association_definition(&self, object_type: &str, id: &str) -> Result<(), Error> {
        let path = self.path(Api::Schemas, &format!("{}/associations/{}", seg(object_type), seg(id)));
        self.send::<Option<Value>, ()>(Method::DELETE, &path, &[], None, Safety::Repeatable).await.map(drop)
    }

    /// Creates a user-defined association label from `from` to `to` (`name` is the internal
    /// name, `label` what users see).
    pub async fn create_association_label(&self, from: &str, to: &str, name: &str, label: &str) -> Result<(), Error> {
        let path = self.path(Api::Associations, &format!("{}/{}/labels", seg(from), seg(to)));
        let body = json!({ "name": name, "label": label });
        self.send::<Option<Value>, _>(Method::POST, &path, &[], Some(&body), Safety::Once).await.map(drop)
    }
}
