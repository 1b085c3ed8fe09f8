//! Ids on the wire: HubSpot sends them as strings but its docs and SDKs also send numbers
//! (`"to": {"id": 123456}`), so requests accept both.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A record id, unique value or filter value as it appears in a request: a string, or a
/// number or boolean we keep as its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct WireId(pub String);

impl WireId {
    /// The id's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for WireId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for WireId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<String> for WireId {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl Serialize for WireId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for WireId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::String(s) => Ok(Self(s)),
            serde_json::Value::Number(n) => Ok(Self(n.to_string())),
            serde_json::Value::Bool(b) => Ok(Self(b.to_string())),
            other => Err(serde::de::Error::custom(format!("expected an id as a string or number, found {other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_id_accepts_strings_and_numbers() {
        let a: WireId = serde_json::from_str("\"123\"").unwrap();
        let b: WireId = serde_json::from_str("123").unwrap();
        assert_eq!(a, b);
        assert!(serde_json::from_str::<WireId>("[1]").is_err());
        assert_eq!(serde_json::from_str::<WireId>("true").unwrap().as_str(), "true");
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"123\"");
    }
}
