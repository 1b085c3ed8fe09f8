//! `GET /account-info/v3/details`: which portal a token belongs to (clients print it before
//! they write, and build links into the web app from it).

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use crate::emulator::state::EmuState;

pub fn router() -> Router<EmuState> {
    Router::new().route("/details", get(details))
}

async fn details(State(st): State<EmuState>) -> Response {
    let portal_id = st.store.catalog().portal_id;
    axum::Json(json!({
        "portalId": portal_id,
        "accountType": "DEVELOPER_TEST",
        "timeZone": "Etc/UTC",
        "companyCurrency": "USD",
        "additionalCurrencies": [],
        "utcOffset": "+00:00",
        "utcOffsetMilliseconds": 0,
        "uiDomain": "app.hubspot.com",
        "dataHostingLocation": "na1"
    }))
    .into_response()
}
