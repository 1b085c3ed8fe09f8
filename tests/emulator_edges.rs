//! The edges of the HTTP surface answer in HubSpot's shape too: a wrong method, an unknown
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! route, a path that is not UTF-8, a bad paging cursor on every list, and the `Bearer`
//! scheme in any case.

mod support;

use support::{Emu, assert_error};

#[tokio::test]
async fn a_wrong_method_is_a_hubspot_shaped_405_that_keeps_allow() {
    let emu = Emu::demo(1).await;
    let r = emu.call("PUT", "/crm/v3/objects/cars", None).await;
    assert_error(&r, 405, "METHOD_NOT_ALLOWED");
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("application/json"));
    assert!(r.json["message"].as_str().unwrap().contains("PUT"), "{}", r.text);
    let allow = r.headers.get("allow").expect("the Allow header stays").to_str().unwrap();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
}

#[tokio::test]
async fn unknown_routes_and_undecodable_paths_are_hubspot_shaped() {
    let emu = Emu::demo(1).await;
    for path in ["/crm/v3/no/such/route", "/nothing", "/crm/v3/objects/cars/1/x/y/z/w"] {
        let r = emu.get(path).await;
        assert_error(&r, 404, "OBJECT_NOT_FOUND");
    }
    for path in ["/crm/v3/objects/%FF/1", "/crm/v3/objects/cars/%FF"] {
        let r = emu.get(path).await;
        assert_error(&r, 400, "VALIDATION_ERROR");
    }
}

#[tokio::test]
async fn every_association_list_refuses_a_bad_cursor_like_the_object_list() {
    let emu = Emu::demo(3).await;
    let (car, _) = emu.first_car().await;
    for list in [
        "/crm/v3/objects/cars".to_owned(),
        format!("/crm/v3/objects/cars/{car}/associations/contacts"),
        format!("/crm/v4/objects/cars/{car}/associations/contacts"),
    ] {
        for after in ["garbage", "-1", "1.5"] {
            let r = emu.get(&format!("{list}?after={after}")).await;
            assert_error(&r, 400, "VALIDATION_ERROR");
            assert!(r.json["message"].as_str().unwrap().contains("after"), "{list}: {}", r.text);
        }
        assert_eq!(emu.get(&format!("{list}?after=0")).await.status, 200, "{list}");
        assert_eq!(emu.get(&format!("{list}?after=")).await.status, 200, "{list}");
    }
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let emu = Emu::demo(1).await;
    for header in ["Bearer t", "bearer t", "BEARER t", "BeArEr   t"] {
        let r = emu
            .http
            .get(format!("{}/crm/v3/objects/cars?limit=1", emu.base))
            .header("authorization", header)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{header}");
    }
    for header in ["Basic dDp0", "Bearer", "Bearer    ", "Bearert"] {
        let r = emu.http.get(format!("{}/crm/v3/objects/cars", emu.base)).header("authorization", header);
        let r = r.send().await.unwrap();
        assert_eq!(r.status(), 401, "{header}");
    }
}
