//! Request ids: every command that answers carries one, and an answer whose id nobody waits
//! for is stale and dropped.

/// A request's id; results carrying another id are stale and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ReqId(pub u64);

/// Hands out request ids; they only grow, so an old answer never matches a new request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqIds(u64);

impl ReqIds {
    /// A new id.
    pub fn issue(&mut self) -> ReqId {
        self.0 += 1;
        ReqId(self.0)
    }

    /// How many ids were handed out.
    #[must_use]
    pub fn issued(&self) -> u64 {
        self.0
    }
}
