//! Emulator latency over real HTTP on loopback: GET by id, a list page of 100, and searches,
//! at 100k and 1M Cars. Databases are seeded once into `target/bench-db/` and reused (seeding
//! throughput is measured by `benches/run.sh`). Set `HUBTUI_BENCH_SIZES=100000` to skip 1M.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::{EmuState, serve};

struct Running {
    base: String,
    first_id: i64,
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
}

fn db_path(cars: usize) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-db").join(format!("cars-{cars}.db"))
}

fn start(cars: usize) -> Option<Running> {
    let (store, _) = open_store(&DbChoice::File(db_path(cars)), SeedChoice::Demo, cars).ok()?;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().ok()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).ok()?;
    let base = format!("http://{}", listener.local_addr().ok()?);
    rt.spawn(serve(listener, EmuState::new(store, None), std::future::pending()));
    let http = reqwest::Client::new();
    let first: serde_json::Value = rt.block_on(async {
        http.get(format!("{base}/crm/v3/objects/cars?limit=1")).bearer_auth("b").send().await.ok()?.json().await.ok()
    })?;
    let first_id = first["results"][0]["id"].as_str()?.parse().ok()?;
    Some(Running { base, first_id, rt, http })
}

fn sizes() -> Vec<usize> {
    std::env::var("HUBTUI_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("emulator");
    group.measurement_time(Duration::from_secs(5)).sample_size(200);
    for cars in sizes() {
        let Some(run) = start(cars) else {
            eprintln!("could not start the emulator for {cars} cars");
            continue;
        };
        let span = i64::try_from(cars).unwrap_or(1).max(1);
        let mut n: i64 = 0;
        group.bench_with_input(BenchmarkId::new("get_by_id", cars), &cars, |b, _| {
            b.iter(|| {
                n = (n + 7_919) % span;
                let url =
                    format!("{}/crm/v3/objects/cars/{}?properties=make,model,year,price", run.base, run.first_id + n);
                run.rt.block_on(async { run.http.get(url).bearer_auth("b").send().await.map(|r| r.status()) })
            });
        });
        group.bench_with_input(BenchmarkId::new("list_page_100", cars), &cars, |b, _| {
            b.iter(|| {
                n = (n + 7_919) % (span - 100).max(1);
                let url = format!(
                    "{}/crm/v3/objects/cars?limit=100&after={}&properties=make,model,year,price,VIN",
                    run.base,
                    run.first_id + n
                );
                run.rt.block_on(async { run.http.get(url).bearer_auth("b").send().await?.bytes().await })
            });
        });
        let post = |body: &serde_json::Value| {
            let url = format!("{}/crm/v3/objects/cars/search", run.base);
            run.rt.block_on(async { run.http.post(url).bearer_auth("b").json(body).send().await?.bytes().await })
        };
        let three_filters = serde_json::json!({"filterGroups": [{"filters": [
            {"propertyName": "year", "operator": "EQ", "value": "2026"},
            {"propertyName": "price", "operator": "GT", "value": "50000"},
            {"propertyName": "make", "operator": "EQ", "value": "BMW"}]}],
            "sorts": [{"propertyName": "price", "direction": "DESCENDING"}], "limit": 100});
        let _ = post(&three_filters); // loads the search columns
        group.bench_with_input(BenchmarkId::new("search_3_filters_sort_limit_100", cars), &cars, |b, _| {
            b.iter(|| post(&three_filters));
        });
        // Issue 16's search and query, as `benches/scale.sh` sends them.
        let issue16 = serde_json::json!({"filterGroups": [{"filters": [
            {"propertyName": "year", "operator": "GTE", "value": "2015"},
            {"propertyName": "price", "operator": "BETWEEN", "value": "20000", "highValue": "60000"},
            {"propertyName": "make", "operator": "NEQ", "value": "Ford"}]}],
            "sorts": [{"propertyName": "price", "direction": "DESCENDING"}], "limit": 100,
            "properties": ["make", "model", "price"]});
        group.bench_with_input(BenchmarkId::new("search_issue16_3_filters_sort_desc", cars), &cars, |b, _| {
            b.iter(|| post(&issue16));
        });
        let mazda = serde_json::json!({"query": "mazda", "limit": 100, "properties": ["make", "model", "price"]});
        group.bench_with_input(BenchmarkId::new("search_issue16_query_mazda_limit_100", cars), &cars, |b, _| {
            b.iter(|| post(&mazda));
        });
        let name = serde_json::json!({"query": "lovelace"});
        group.bench_with_input(BenchmarkId::new("search_query_name", cars), &cars, |b, _| b.iter(|| post(&name)));
        let broad = serde_json::json!({"query": "mazda"});
        group.bench_with_input(BenchmarkId::new("search_query_broad_21pct", cars), &cars, |b, _| {
            b.iter(|| post(&broad))
        });
        let sort_all =
            serde_json::json!({"sorts": [{"propertyName": "price", "direction": "DESCENDING"}], "limit": 100});
        group.bench_with_input(BenchmarkId::new("search_sort_everything_limit_100", cars), &cars, |b, _| {
            b.iter(|| post(&sort_all));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
