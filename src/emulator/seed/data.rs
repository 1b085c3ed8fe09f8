//! The demo portal's records: companies, contacts, deals, tickets, activities and Cars, with
//! associations, property histories and pinned notes. Fixed seed and fixed timestamps, so
//! every run produces the same portal.

use rusqlite::Connection;
use serde_json::json;

use super::names::*;
use super::seeder::{NewRecord, Seeder};
use crate::emulator::error::EmuResult;
use crate::emulator::store::{Catalog, defs, migrate};
use crate::timefmt::{iso_from_ms, ms_from_datetime};

const SEED: u64 = 0x4855_4254_5549; // "HUBTUI"
const DAY: i64 = 86_400_000;

fn start() -> i64 {
    ms_from_datetime("2024-01-15T09:00:00.000Z").unwrap_or(0)
}

fn end() -> i64 {
    ms_from_datetime("2026-10-31T17:00:00.000Z").unwrap_or(0)
}

/// The creation time of the `i`-th of `n` records: spread evenly over the portal's life.
fn created_at(i: usize, n: usize, s: &mut Seeder<'_>) -> i64 {
    let span = end() - start();
    let n = i64::try_from(n.max(1)).unwrap_or(1);
    let i = i64::try_from(i).unwrap_or(0);
    start() + span / n * i + s.rng.range(0, 3_600_000)
}

/// The Cars "Sales" pipeline: `(id, label, closed)` in order.
const CAR_STAGES: [(&str, &str, bool); 5] = [
    ("in_stock", "In stock", false),
    ("test_drive", "Test drive booked", false),
    ("offer", "Offer made", false),
    ("sold", "Sold", true),
    ("withdrawn", "Withdrawn", true),
];

/// A car's stage, spread without a draw from the generator (so every other value of the
/// demo stays as it was): 45 % in stock, 20 % test drive, 15 % offer, 15 % sold, 5 % withdrawn.
fn car_stage(i: usize, year: i64) -> &'static str {
    let k = (i.wrapping_mul(37).wrapping_add(usize::try_from(year).unwrap_or(0))) % 20;
    let at = match k {
        0..=8 => 0,
        9..=12 => 1,
        13..=15 => 2,
        16..=18 => 3,
        _ => 4,
    };
    CAR_STAGES[at].0
}

/// Defines the deal, ticket and car pipelines.
pub fn define_pipelines(conn: &Connection, cat: &Catalog) -> EmuResult<()> {
    let ts = iso_from_ms(start());
    let stage = |id: &str, label: &str, order: i64, prob: &str| {
        json!({"id": id, "label": label, "displayOrder": order, "metadata": {"probability": prob, "isClosed": if prob == "1.0" || prob == "0.0" { "true" } else { "false" }},
               "archived": false, "createdAt": ts, "updatedAt": ts, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT"})
    };
    if let Some(deals) = cat.resolve("deals") {
        let p = json!({"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "archived": false, "createdAt": ts, "updatedAt": ts,
            "stages": [stage("appointmentscheduled", "Appointment Scheduled", 0, "0.2"), stage("qualifiedtobuy", "Qualified To Buy", 1, "0.4"),
                       stage("presentationscheduled", "Presentation Scheduled", 2, "0.6"), stage("decisionmakerboughtin", "Decision Maker Bought-In", 3, "0.8"),
                       stage("contractsent", "Contract Sent", 4, "0.9"), stage("closedwon", "Closed Won", 5, "1.0"), stage("closedlost", "Closed Lost", 6, "0.0")]});
        defs::put_pipeline(conn, deals.def.no, "default", &p)?;
    }
    if let Some(tickets) = cat.resolve("tickets") {
        let tstage = |id: &str, label: &str, order: i64, closed: bool| {
            json!({"id": id, "label": label, "displayOrder": order, "metadata": {"ticketState": if closed { "CLOSED" } else { "OPEN" }},
                   "archived": false, "createdAt": ts, "updatedAt": ts, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT"})
        };
        let p = json!({"id": "0", "label": "Support Pipeline", "displayOrder": 0, "archived": false, "createdAt": ts, "updatedAt": ts,
            "stages": [tstage("1", "New", 0, false), tstage("2", "Waiting on contact", 1, false), tstage("3", "Waiting on us", 2, false), tstage("4", "Closed", 3, true)]});
        defs::put_pipeline(conn, tickets.def.no, "0", &p)?;
    }
    if let Some(cars) = cat.resolve("cars") {
        let stages: Vec<_> = CAR_STAGES
            .iter()
            .zip(0..)
            .map(|((id, label, closed), order)| {
                json!({"id": id, "label": label, "displayOrder": order, "metadata": {"isClosed": if *closed { "true" } else { "false" }},
                       "archived": false, "createdAt": ts, "updatedAt": ts, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT"})
            })
            .collect();
        let p = json!({"id": "sales", "label": "Sales", "displayOrder": 0, "archived": false, "createdAt": ts, "updatedAt": ts, "stages": stages});
        defs::put_pipeline(conn, cars.def.no, "sales", &p)?;
    }
    if let Some(leads) = cat.resolve("leads") {
        let lstage = |id: &str, label: &str, order: i64, closed: bool| {
            json!({"id": id, "label": label, "displayOrder": order, "metadata": {"isClosed": if closed { "true" } else { "false" }},
                   "archived": false, "createdAt": ts, "updatedAt": ts, "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT"})
        };
        let p = json!({"id": "lead-pipeline-id", "label": "Lead pipeline", "displayOrder": 0, "archived": false, "createdAt": ts, "updatedAt": ts,
            "stages": [lstage("new-stage-id", "New", 0, false), lstage("attempting-stage-id", "Attempting", 1, false),
                       lstage("connected-stage-id", "Connected", 2, false), lstage("qualified-stage-id", "Qualified", 3, true),
                       lstage("unqualified-stage-id", "Disqualified", 4, true)]});
        defs::put_pipeline(conn, leads.def.no, "lead-pipeline-id", &p)?;
    }
    Ok(())
}

/// The portal's owners (users records can be assigned to).
pub fn define_owners(conn: &Connection) -> EmuResult<()> {
    let ts = iso_from_ms(start());
    let owners: Vec<_> = [("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"), ("Katherine", "Johnson"), ("Linus", "Torvalds"), ("Margaret", "Hamilton")]
        .iter()
        .enumerate()
        .map(|(i, (f, l))| {
            json!({"id": (71_000_001 + i).to_string(), "email": format!("{}@demo-dealers.example", f.to_lowercase()), "firstName": f, "lastName": l,
                   "userId": 9_100_001 + i, "userIdIncludingInactive": 9_100_001 + i, "type": "PERSON", "teams": [], "archived": false, "createdAt": ts, "updatedAt": ts})
        })
        .collect();
    defs::set_meta(conn, "owners", &serde_json::Value::Array(owners).to_string())
}

fn owner_id(s: &mut Seeder<'_>) -> String {
    (71_000_001 + s.rng.below(6)).to_string()
}

/// Generates every demo record inside one transaction.
pub fn generate(conn: &mut Connection, cars: usize) -> EmuResult<()> {
    conn.execute_batch("PRAGMA synchronous = OFF")?;
    let cat = Catalog::load(conn)?;
    let started = std::time::Instant::now();
    let tx = conn.transaction()?;
    migrate::drop_secondary_indexes(&tx)?;
    {
        let mut s = Seeder::new(&tx, &cat, SEED)?;
        let companies = companies(&mut s, 60)?;
        let contacts = contacts(&mut s, 400, &companies)?;
        deals(&mut s, 150, &companies, &contacts)?;
        tickets(&mut s, 80, &contacts)?;
        let car_ids = cars_records(&mut s, cars, &contacts, &companies)?;
        activities(&mut s, &contacts, &car_ids)?;
    }
    tracing::debug!(ms = started.elapsed().as_millis(), "seed: records written");
    migrate::create_secondary_indexes(&tx)?;
    tracing::debug!(ms = started.elapsed().as_millis(), "seed: indexes built");
    // Written a record at a time, the text indexes are many segments; merged into one, a
    // `query`'s first count at 1M cars takes 8 ms instead of 15 (1.5 s more seeding).
    for t in cat.types() {
        crate::emulator::store::fts::optimize(&tx, t.def.no)?;
    }
    tracing::debug!(ms = started.elapsed().as_millis(), "seed: text indexes merged");
    tx.commit()?;
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA analysis_limit = 400; ANALYZE;")?;
    tracing::debug!(ms = started.elapsed().as_millis(), "seed: analysed");
    Ok(())
}

fn companies(s: &mut Seeder<'_>, n: usize) -> EmuResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let word = COMPANY_WORDS[i % COMPANY_WORDS.len()];
        let suffix = *s.rng.pick(COMPANY_SUFFIX);
        let name = if i < COMPANY_WORDS.len() {
            format!("{word} {suffix}")
        } else {
            format!("{word} {suffix} {}", i / COMPANY_WORDS.len() + 1)
        };
        let domain = format!(
            "{}{}.example",
            word.to_lowercase().replace(' ', ""),
            if i < COMPANY_WORDS.len() { String::new() } else { (i / COMPANY_WORDS.len() + 1).to_string() }
        );
        let (city, state, country) = *s.rng.pick(CITIES);
        let created = created_at(i, n, s);
        let industry = *s.rng.pick(&[
            "AUTOMOTIVE",
            "LOGISTICS_AND_SUPPLY_CHAIN",
            "RETAIL",
            "CONSTRUCTION",
            "COMPUTER_SOFTWARE",
            "INSURANCE",
        ]);
        let props = vec![
            ("name", name),
            ("domain", domain.clone()),
            ("website", format!("https://www.{domain}")),
            ("phone", format!("+1 555 {:03} {:04}", s.rng.below(1000), s.rng.below(10_000))),
            ("industry", industry.to_owned()),
            ("type", (*s.rng.pick(&["PROSPECT", "PARTNER", "RESELLER", "VENDOR"])).to_owned()),
            ("city", city.to_owned()),
            ("state", state.to_owned()),
            ("country", country.to_owned()),
            ("numberofemployees", s.rng.range(5, 5_000).to_string()),
            ("annualrevenue", (s.rng.range(1, 500) * 100_000).to_string()),
            ("founded_year", s.rng.range(1950, 2020).to_string()),
            ("is_public", s.rng.chance(0.2).to_string()),
            ("lifecyclestage", (*s.rng.pick(&["lead", "opportunity", "customer"])).to_owned()),
            ("hubspot_owner_id", owner_id(s)),
        ];
        let updated = created + s.rng.range(0, 200) * DAY;
        ids.push(s.insert(NewRecord {
            type_key: "companies",
            created,
            updated,
            source: "CRM_UI",
            props,
            changes: Vec::new(),
        })?);
    }
    Ok(ids)
}

fn contacts(s: &mut Seeder<'_>, n: usize, companies: &[i64]) -> EmuResult<Vec<(i64, String)>> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len() + i) % LAST.len()];
        let company = companies[s.rng.below(companies.len() as u64) as usize];
        let email =
            format!("{}.{}{}@{}", first.to_lowercase(), last.to_lowercase().replace(' ', ""), i, "customers.example");
        let (city, state, country) = *s.rng.pick(CITIES);
        let created = created_at(i, n, s);
        let updated = created + s.rng.range(1, 300) * DAY;
        let mut changes = Vec::new();
        let stages = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"];
        let reached = s.rng.range(1, 5) as usize;
        if reached > 1 {
            let steps: Vec<(i64, String, &str)> = (1..reached)
                .map(|k| {
                    (created + i64::try_from(k).unwrap_or(1) * 9 * DAY, stages[k].to_owned(), *s.rng.pick(SOURCES))
                })
                .collect();
            changes.push(("lifecyclestage", steps));
        }
        let props = vec![
            ("firstname", first.to_owned()),
            ("lastname", last.to_owned()),
            ("email", email),
            ("phone", format!("+1 555 {:03} {:04}", s.rng.below(1000), s.rng.below(10_000))),
            ("jobtitle", (*s.rng.pick(JOBS)).to_owned()),
            ("city", city.to_owned()),
            ("state", state.to_owned()),
            ("country", country.to_owned()),
            ("lifecyclestage", stages[0].to_owned()),
            ("hs_lead_status", (*s.rng.pick(&["NEW", "OPEN", "IN_PROGRESS", "CONNECTED"])).to_owned()),
            (
                "hs_buying_role",
                (*s.rng.pick(&[
                    "DECISION_MAKER",
                    "END_USER;INFLUENCER",
                    "CHAMPION",
                    "BUDGET_HOLDER;DECISION_MAKER",
                    "",
                ]))
                .to_owned(),
            ),
            ("date_of_birth", crate::timefmt::date_from_ms(s.rng.range(-7_000, 12_000) * DAY)),
            ("hs_email_optout", s.rng.chance(0.1).to_string()),
            ("hubspot_owner_id", owner_id(s)),
        ];
        let id = s.insert(NewRecord { type_key: "contacts", created, updated, source: "FORM", props, changes })?;
        s.link((id, "contacts"), (company, "companies"), true)?;
        out.push((id, format!("{first} {last}")));
    }
    Ok(out)
}

fn deals(s: &mut Seeder<'_>, n: usize, companies: &[i64], contacts: &[(i64, String)]) -> EmuResult<()> {
    let stages = [
        "appointmentscheduled",
        "qualifiedtobuy",
        "presentationscheduled",
        "decisionmakerboughtin",
        "contractsent",
        "closedwon",
        "closedlost",
    ];
    for i in 0..n {
        let created = created_at(i, n, s);
        let reached = s.rng.below(stages.len() as u64) as usize;
        let changes = if reached > 0 {
            vec![(
                "dealstage",
                (1..=reached)
                    .map(|k| {
                        (created + i64::try_from(k).unwrap_or(1) * 6 * DAY, stages[k].to_owned(), *s.rng.pick(SOURCES))
                    })
                    .collect(),
            )]
        } else {
            Vec::new()
        };
        let props = vec![
            ("dealname", format!("{} #{}", s.rng.pick(DEAL_WORDS), 1000 + i)),
            ("amount", (s.rng.range(5, 400) * 500).to_string()),
            ("pipeline", "default".to_owned()),
            ("dealstage", stages[0].to_owned()),
            ("closedate", iso_from_ms(created + s.rng.range(20, 120) * DAY)),
            ("dealtype", (*s.rng.pick(&["newbusiness", "existingbusiness"])).to_owned()),
            ("hs_priority", (*s.rng.pick(&["low", "medium", "high"])).to_owned()),
            ("hubspot_owner_id", owner_id(s)),
        ];
        let updated = created + i64::try_from(reached).unwrap_or(0) * 6 * DAY + DAY;
        let id = s.insert(NewRecord { type_key: "deals", created, updated, source: "CRM_UI", props, changes })?;
        let company = companies[s.rng.below(companies.len() as u64) as usize];
        s.link((id, "deals"), (company, "companies"), true)?;
        let contact = contacts[s.rng.below(contacts.len() as u64) as usize].0;
        s.link((id, "deals"), (contact, "contacts"), false)?;
    }
    Ok(())
}

fn tickets(s: &mut Seeder<'_>, n: usize, contacts: &[(i64, String)]) -> EmuResult<()> {
    for i in 0..n {
        let created = created_at(i, n, s);
        let closed = s.rng.chance(0.5);
        let changes = if closed {
            vec![("hs_pipeline_stage", vec![(created + 3 * DAY, "4".to_owned(), "CRM_UI")])]
        } else {
            Vec::new()
        };
        let props = vec![
            ("subject", (*s.rng.pick(TICKET_SUBJECTS)).to_owned()),
            ("content", "Customer reported the issue by phone; details in the call notes.".to_owned()),
            ("hs_pipeline", "0".to_owned()),
            ("hs_pipeline_stage", "1".to_owned()),
            ("hs_ticket_priority", (*s.rng.pick(&["LOW", "MEDIUM", "HIGH", "URGENT"])).to_owned()),
            (
                "hs_ticket_category",
                (*s.rng.pick(&["PRODUCT_ISSUE", "BILLING_ISSUE", "GENERAL_INQUIRY;PRODUCT_ISSUE", "FEATURE_REQUEST"]))
                    .to_owned(),
            ),
            ("source_type", (*s.rng.pick(&["CHAT", "EMAIL", "PHONE"])).to_owned()),
            ("hs_ticket_id", (5000 + i).to_string()),
            ("hubspot_owner_id", owner_id(s)),
        ];
        let id = s.insert(NewRecord {
            type_key: "tickets",
            created,
            updated: created + 4 * DAY,
            source: "EMAIL",
            props,
            changes,
        })?;
        let contact = contacts[s.rng.below(contacts.len() as u64) as usize].0;
        s.link((id, "tickets"), (contact, "contacts"), false)?;
    }
    Ok(())
}

const VIN_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

fn vin(wmi: &str, serial: usize, s: &mut Seeder<'_>) -> String {
    let mut v = String::with_capacity(17);
    v.push_str(wmi);
    for _ in 0..8 {
        v.push(char::from(VIN_CHARS[s.rng.below(VIN_CHARS.len() as u64) as usize]));
    }
    let mut n = serial;
    let mut tail = [b'0'; 6];
    for slot in tail.iter_mut().rev() {
        *slot = VIN_CHARS[n % VIN_CHARS.len()];
        n /= VIN_CHARS.len();
    }
    v.push_str(std::str::from_utf8(&tail).unwrap_or("000000"));
    v
}

/// About half the cars have a last service date (from a hash of their number, so the
/// generator's random sequence, and every other value, stays as it was).
fn last_service(i: usize, created: i64) -> String {
    let h = crate::fnv::fnv1a(i.to_le_bytes());
    if h.is_multiple_of(2) {
        return String::new();
    }
    let days = i64::try_from((h >> 8) % 700).unwrap_or(0) + 30;
    crate::timefmt::date_from_ms((created + days * DAY).min(end()) / DAY * DAY)
}

fn cars_records(s: &mut Seeder<'_>, n: usize, contacts: &[(i64, String)], companies: &[i64]) -> EmuResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(n.min(10_000));
    let linked = n.min(5_000);
    for i in 0..n {
        let (make, wmi, models) = *s.rng.pick(MAKES);
        let (model, base) = *s.rng.pick(models);
        let year = s.rng.range(2015, 2026);
        let age = 2026 - year;
        let price = (base - age * base / 14 + s.rng.range(-3_000, 6_000)).max(3_000) / 100 * 100;
        let created = created_at(i, n, s);
        let owner = &contacts[s.rng.below(contacts.len() as u64) as usize];
        let mut changes = Vec::new();
        if s.rng.chance(0.3) {
            let drops = s.rng.range(1, 3);
            let steps = (1..=drops)
                .map(|k| (created + k * 21 * DAY, (price - k * 750).to_string(), *s.rng.pick(SOURCES)))
                .collect();
            changes.push(("price", steps));
        }
        let props = vec![
            ("VIN", vin(wmi, i, s)),
            ("year", year.to_string()),
            ("make", make.to_owned()),
            ("model", model.to_owned()),
            ("price", price.to_string()),
            ("owner", owner.1.clone()),
            ("dealership", (*s.rng.pick(DEALERSHIPS)).to_owned()),
            ("maintenance_package", (*s.rng.pick(&["basic", "premium", "none", ""])).to_owned()),
            ("hs_pipeline", "sales".to_owned()),
            ("hs_pipeline_stage", car_stage(i, year).to_owned()),
            ("last_service_date", last_service(i, created)),
        ];
        let updated = created + if changes.is_empty() { s.rng.range(0, 30) * DAY } else { 80 * DAY };
        let id = s.insert(NewRecord { type_key: "cars", created, updated, source: "IMPORT", props, changes })?;
        if i < linked {
            s.link((id, "cars"), (owner.0, "contacts"), false)?;
            let dealer = companies[i % companies.len()];
            s.link((id, "cars"), (dealer, "companies"), false)?;
            ids.push(id);
        }
    }
    Ok(ids)
}

fn activity(s: &mut Seeder<'_>, kind: &str, i: usize, n: usize) -> EmuResult<i64> {
    let created = created_at(i, n, s);
    let ts = iso_from_ms(created);
    let props: Vec<(&str, String)> = match kind {
        "notes" => vec![("hs_timestamp", ts), ("hs_note_body", (*s.rng.pick(NOTE_BODIES)).to_owned())],
        "meetings" => vec![
            ("hs_timestamp", ts.clone()),
            ("hs_meeting_title", (*s.rng.pick(MEETING_TITLES)).to_owned()),
            ("hs_meeting_body", "Agenda: review options and next steps.".to_owned()),
            ("hs_meeting_start_time", ts),
            ("hs_meeting_end_time", iso_from_ms(created + 3_600_000)),
            ("hs_meeting_outcome", (*s.rng.pick(&["SCHEDULED", "COMPLETED", "NO_SHOW"])).to_owned()),
        ],
        "tasks" => vec![
            ("hs_timestamp", iso_from_ms(created + 3 * DAY)),
            ("hs_task_subject", (*s.rng.pick(TASK_SUBJECTS)).to_owned()),
            ("hs_task_status", (*s.rng.pick(&["NOT_STARTED", "IN_PROGRESS", "COMPLETED"])).to_owned()),
            ("hs_task_priority", (*s.rng.pick(&["LOW", "MEDIUM", "HIGH"])).to_owned()),
            ("hs_task_type", (*s.rng.pick(&["TODO", "CALL", "EMAIL"])).to_owned()),
        ],
        "calls" => vec![
            ("hs_timestamp", ts),
            ("hs_call_title", (*s.rng.pick(CALL_TITLES)).to_owned()),
            ("hs_call_body", "Discussed pricing and availability.".to_owned()),
            ("hs_call_duration", (s.rng.range(30, 1_800) * 1000).to_string()),
            ("hs_call_direction", (*s.rng.pick(&["INBOUND", "OUTBOUND"])).to_owned()),
            ("hs_call_status", "COMPLETED".to_owned()),
        ],
        _ => vec![
            ("hs_timestamp", ts),
            ("hs_email_subject", (*s.rng.pick(EMAIL_SUBJECTS)).to_owned()),
            ("hs_email_text", "Hello, following up on our conversation.".to_owned()),
            ("hs_email_direction", "EMAIL".to_owned()),
            ("hs_email_status", "SENT".to_owned()),
            ("hs_email_sender_email", "sales@demo-dealers.example".to_owned()),
        ],
    };
    s.insert(NewRecord { type_key: kind, created, updated: created, source: "CRM_UI", props, changes: Vec::new() })
}

fn activities(s: &mut Seeder<'_>, contacts: &[(i64, String)], cars: &[i64]) -> EmuResult<()> {
    for (kind, n) in [("notes", 300), ("meetings", 100), ("tasks", 150), ("calls", 120), ("emails", 150)] {
        for i in 0..n {
            let id = activity(s, kind, i, n)?;
            let contact = contacts[s.rng.below(contacts.len() as u64) as usize].0;
            s.link((id, kind), (contact, "contacts"), false)?;
            if !cars.is_empty() && (kind == "notes" || i % 3 == 0) {
                let car = cars[s.rng.below(cars.len() as u64) as usize];
                s.link((car, "cars"), (id, kind), false)?;
                if kind == "notes" && i % 4 == 0 {
                    s.set(car, "hs_pinned_engagement_id", &id.to_string(), end())?;
                }
            }
        }
    }
    Ok(())
}
