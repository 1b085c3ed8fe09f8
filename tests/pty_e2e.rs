//! The real binary in a pseudo-terminal: first screen on a fresh data dir, browse to a car,
//! open its history, quit with the terminal restored.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Screen {
    rx: mpsc::Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Screen {
    /// Waits (on the pty's output, not on a timer) until the emulated screen shows `needle`.
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if self.parser.screen().contents().contains(needle) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(chunk) => {
                    self.parser.process(&chunk);
                    self.raw.extend(chunk);
                }
                Err(_) => panic!("{needle:?} never appeared; the screen:\n{}", self.parser.screen().contents()),
            }
        }
    }
}

impl Screen {
    /// Waits until `needle` is no longer on the screen (an overlay closed).
    fn wait_gone(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.parser.screen().contents().contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(chunk) => {
                    self.parser.process(&chunk);
                    self.raw.extend(chunk);
                }
                Err(_) => panic!("{needle:?} never went; the screen:\n{}", self.parser.screen().contents()),
            }
        }
    }
}

struct App {
    screen: Screen,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

/// Waits for the app to exit; kills it if it has not within a minute (a hung test fails
/// instead of hanging CI).
fn wait_exit(child: &mut Box<dyn portable_pty::Child + Send + Sync>) -> portable_pty::ExitStatus {
    let mut killer = child.clone_killer();
    let (done, watchdog) = mpsc::channel::<()>();
    let guard = std::thread::spawn(move || {
        if watchdog.recv_timeout(Duration::from_secs(60)).is_err() {
            let _ = killer.kill();
        }
    });
    let status = child.wait().unwrap();
    let _ = done.send(());
    guard.join().unwrap();
    status
}

/// Starts the real binary on the embedded demo in `dir`, in a 30x110 pseudo-terminal.
fn spawn(dir: &std::path::Path) -> App {
    spawn_with(dir, &[])
}

/// Starts the real binary with `args` in `dir`, in a 30x110 pseudo-terminal.
fn spawn_with(dir: &std::path::Path, args: &[&str]) -> App {
    let pty = native_pty_system().openpty(PtySize { rows: 30, cols: 110, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hubtui"));
    cmd.args(args);
    cmd.env("HUBTUI_DATA_DIR", dir.join("data"));
    cmd.env("HUBTUI_CONFIG_DIR", dir.join("config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("HUBSPOT_ACCESS_TOKEN");
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let writer = pty.master.take_writer().unwrap();
    // Keep the master open for the child's lifetime.
    std::mem::forget(pty.master);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let screen = Screen { rx, parser: vt100::Parser::new(30, 110, 0), raw: Vec::new() };
    App { screen, writer, child }
}

#[test]
fn browse_a_car_and_its_history_then_quit_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    writer.write_all(b"jj\r").unwrap();
    screen.wait_for("VIN:");
    writer.write_all(b"]").unwrap();
    screen.wait_for("IMPORT");
    writer.write_all(b"q").unwrap();
    let status = wait_exit(&mut child);
    assert!(status.success(), "{status:?}");
    // Drain what is left and check the alternate screen was left (terminal restored).
    while let Ok(chunk) = screen.rx.recv_timeout(Duration::from_secs(2)) {
        screen.raw.extend(chunk);
    }
    let tail = String::from_utf8_lossy(&screen.raw);
    assert!(tail.contains("\u{1b}[?1049l"), "the alternate screen was left");
}

/// Runs the CLI on the same data directory as the app.
fn cli(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(args)
        .env("HUBTUI_DATA_DIR", dir.join("data"))
        .env("HUBTUI_CONFIG_DIR", dir.join("config"))
        .env_remove("HUBSPOT_ACCESS_TOKEN")
        .output()
        .unwrap()
}

/// On the first car's Properties tab: Price set to 12345, saved, and the app quit.
fn save_price_12345_and_quit(
    screen: &mut Screen,
    writer: &mut Box<dyn Write + Send>,
    child: &mut Box<dyn portable_pty::Child + Send + Sync>,
) {
    // Model, Make, Year (the display properties first), Dealership, Last service date (this car
    // has one), Maintenance Package, Owner, Pipeline, Pipeline stage, Price; the empty ones last.
    writer.write_all(b"jjjjjjjjje").unwrap();
    screen.wait_for("Edit Price");
    writer.write_all(&[0x7f; 12]).unwrap();
    writer.write_all(b"12345\r").unwrap();
    screen.wait_for("(staged)");
    writer.write_all(b"Cw").unwrap();
    screen.wait_for("Saved 1 record");
    // C closes the changeset (an escape followed at once by q would read as alt-q).
    writer.write_all(b"Cq").unwrap();
    assert!(wait_exit(child).success(), "the app quit by itself");
}

/// The number before " matches" in the table's title.
fn matches_on(screen: &str) -> u64 {
    let at = screen.find(" matches").expect("a match count");
    let digits: String = screen[..at].chars().rev().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.chars().rev().filter(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

#[test]
fn the_seeds_example_search_matches_what_the_cli_reports() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    writer.write_all(b"s\r").unwrap();
    screen.wait_for("Choose property");
    writer.write_all(b"year").unwrap();
    screen.wait_for("year · number");
    writer.write_all(b"\rEQ\r2026\ra\rprice").unwrap();
    screen.wait_for("price · number");
    writer.write_all(b"\rGT\r50000\rR").unwrap();
    screen.wait_for(" matches");
    let shown = matches_on(&screen.parser.screen().contents());
    writer.write_all(b"q").unwrap();
    assert!(wait_exit(&mut child).success(), "the app quit by itself");
    let out =
        cli(dir.path(), &["search", "cars", "--filter", "year EQ 2026", "--filter", "price GT 50000", "--limit", "1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(Some(shown), v["total"].as_u64(), "the TUI and the CLI agree");
    assert!(shown > 0, "the seed has new cars over 50,000");
}

#[test]
fn edit_a_cars_price_and_the_crm_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    writer.write_all(b"\r").unwrap();
    // The whole record (read with every property once the definitions are in): the rows are
    // in their order. The seeded first car costs 21,400.
    screen.wait_for("Price: 21,400");
    let contents = screen.parser.screen().contents();
    // The record view's title ends with the record's id: "Cars: Camry · Toyota #10000735".
    let at = contents.find(" #").unwrap() + " #".len();
    let id: String = contents[at..].chars().take_while(char::is_ascii_digit).collect();
    save_price_12345_and_quit(&mut screen, &mut writer, &mut child);
    let out = cli(dir.path(), &["get", "cars", &id, "--properties", "price"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["properties"]["price"], "12345");
    assert!(!dir.path().join("data/drafts.json").exists(), "nothing left staged");
}

#[test]
fn archive_a_car_and_find_it_in_the_recycle_bin() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    let contents = screen.parser.screen().contents();
    let row = contents.lines().nth(2).unwrap();
    let at = row.find("││").unwrap() + "││".len();
    let id: String = row[at..].chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    writer.write_all(b"X").unwrap();
    // Issue 12.10: the question names the record.
    screen.wait_for(&format!("Archive {id} ("));
    writer.write_all(b"y").unwrap();
    screen.wait_for("Archived 1 record");
    writer.write_all(b"B").unwrap();
    screen.wait_for("recycle bin");
    screen.wait_for(&id);
    writer.write_all(b"q").unwrap();
    assert!(wait_exit(&mut child).success());
    let out = cli(dir.path(), &["get", "cars", &id]);
    assert!(!out.status.success(), "an archived car is not found");
}

/// The CLI's JSON answer.
fn cli_json(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = cli(dir, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn create_a_car_associated_to_a_contact_then_upsert_a_csv_by_vin() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    // Column labels (not names) mean the definitions the form is built from are in.
    screen.wait_for("▸Model");
    writer.write_all(b"n\rRoadster\rj\rTesla\rj\r2026\rA").unwrap();
    screen.wait_for("Associate to which object type?");
    writer.write_all(b"contacts\r\r").unwrap();
    // The matches and then the labels arrive after their titles: wait for them.
    screen.wait_for("Lovelace");
    writer.write_all(b"\r").unwrap();
    screen.wait_for("DEFINED ");
    writer.write_all(b"\r").unwrap();
    screen.wait_for("Associated to Contacts: ");
    writer.write_all(b"R").unwrap();
    // The demo's create form requires a VIN: the refusal names it and the cursor is on it.
    screen.wait_for("A value for VIN must be provided");
    writer.write_all(b"\r5YJ3E1EA7KF000002\rR").unwrap();
    screen.wait_for("Created ");
    let contents = screen.parser.screen().contents();
    let at = contents.find("Created ").unwrap() + "Created ".len();
    let id: String = contents[at..].chars().take_while(char::is_ascii_digit).collect();
    // Upsert a CSV by VIN: a new car.
    let csv = dir.path().join("cars.csv");
    std::fs::write(&csv, "VIN,Model,Make,Year\nPTY00000000000001,Imported,Ford,2024\n").unwrap();
    writer.write_all(b"hI").unwrap();
    screen.wait_for("File to import");
    writer.write_all(csv.display().to_string().as_bytes()).unwrap();
    writer.write_all(b"\r").unwrap();
    screen.wait_for("matched on this");
    writer.write_all(b"R").unwrap();
    screen.wait_for("Done: 1 created, 0 updated, 0 failed");
    // An escape closes the import screen; wait until it has (the panes show again), since
    // an escape followed at once by q would read as alt-q.
    writer.write_all(b"\x1b").unwrap();
    screen.wait_for("┌ Objects");
    writer.write_all(b"q").unwrap();
    assert!(wait_exit(&mut child).success());
    let car = cli_json(dir.path(), &["get", "cars", &id, "--properties", "model,year", "--associations", "contacts"]);
    assert_eq!(car["properties"]["model"], "Roadster");
    assert_eq!(car["associations"]["contacts"]["results"].as_array().map(Vec::len), Some(1), "{car}");
    let imported =
        cli_json(dir.path(), &["get", "cars", "PTY00000000000001", "--id-property", "VIN", "--properties", "model"]);
    assert_eq!(imported["properties"]["model"], "Imported");
}

#[test]
fn bulk_update_250_cars_dealership_and_pin_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    // Mark the first row, move to the 250th (waiting for pages as a user would), mark the range.
    writer.write_all(b" ").unwrap();
    screen.wait_for("1 selected");
    // Reaching a row means the pages up to it loaded.
    for (rows, at) in [(88, "row 90 "), (100, "row 190 "), (60, "row 250 ")] {
        writer.write_all(&vec![b'j'; rows]).unwrap();
        screen.wait_for(at);
    }
    writer.write_all(b"V").unwrap();
    screen.wait_for("250 selected");
    writer.write_all(b"edealership").unwrap();
    // The picker's line (label, then the internal name): the record pane also says "Dealership".
    screen.wait_for("Dealership  dealership");
    writer.write_all(b"\r").unwrap();
    screen.wait_for("Edit Dealership");
    // A pick list in the demo: enter takes the highlighted option; text: type one.
    writer.write_all(b"Bulk Motors\r").unwrap();
    screen.wait_for("Staged Dealership");
    writer.write_all(b"Cw").unwrap();
    screen.wait_for("Saved 250 record");
    writer.write_all(b"C").unwrap();
    // Pin a note on the first car.
    writer.write_all(b"g\r").unwrap();
    screen.wait_for("Maintenance Package:");
    writer.write_all(b"]]]N").unwrap();
    screen.wait_for("New note");
    // A note is several lines: ctrl-s creates it.
    writer.write_all(b"Winter tyres fitted\x13").unwrap();
    // The activity line starts with the cursor marker; the pane cuts the rest.
    screen.wait_for("[pinned] Winter ty");
    let contents = screen.parser.screen().contents();
    // The record view's title ends with the record's id: "Cars: Camry · Toyota #10000735".
    let at = contents.find(" #").unwrap() + " #".len();
    let id: String = contents[at..].chars().take_while(char::is_ascii_digit).collect();
    writer.write_all(b"q").unwrap();
    assert!(wait_exit(&mut child).success());
    let car = cli_json(dir.path(), &["get", "cars", &id, "--properties", "dealership,hs_pinned_engagement_id"]);
    let dealer = car["properties"]["dealership"].as_str().unwrap().to_owned();
    let pinned = car["properties"]["hs_pinned_engagement_id"].as_str().unwrap();
    let note = cli_json(dir.path(), &["get", "notes", pinned, "--properties", "hs_note_body"]);
    assert_eq!(note["properties"]["hs_note_body"], "Winter tyres fitted");
    let found =
        cli_json(dir.path(), &["search", "cars", "--filter", &format!("dealership EQ {dealer}"), "--limit", "1"]);
    assert!(found["total"].as_u64().unwrap() >= 250, "{found}");
}

#[test]
fn sort_cars_by_price_descending_shows_the_dearest_car_first() {
    let dir = tempfile::tempdir().unwrap();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    screen.wait_for("▸Model");
    // Add the Price column, put the cell cursor on it, sort twice (ascending, descending).
    writer.write_all(b"cprice").unwrap();
    // The candidate's line: the picker opens before the definitions come, and fills in then.
    screen.wait_for("Price  price");
    writer.write_all(b"\r").unwrap();
    screen.wait_for("[4]  Price");
    writer.write_all(b"\x1b").unwrap();
    // Keys right after esc would read as alt-keys: wait for the picker to close.
    screen.wait_gone("Columns —");
    screen.wait_for(" Price ");
    writer.write_all(b">>>SS").unwrap();
    screen.wait_for("sorted by Price ↓");
    screen.wait_for("▸Price ↓");
    let contents = screen.parser.screen().contents();
    let first: String = contents
        .lines()
        .find_map(|l| l.split("││› ").nth(1))
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect())
        .unwrap_or_default();
    writer.write_all(b"q").unwrap();
    assert!(wait_exit(&mut child).success(), "the app quit by itself");
    let v = cli_json(dir.path(), &["search", "cars", "--sort", "-price", "--limit", "1", "--properties", "price"]);
    assert_eq!(v["results"][0]["id"].as_str(), Some(first.as_str()), "the TUI and the CLI agree:\n{contents}");
}

/// The deals board in the real binary: open it from the Objects pane, look at the first card's
/// record (esc comes back to the board), move the card one stage on, save, and the CLI reads
/// the new stage.
#[test]
fn move_a_deal_to_the_next_stage_on_the_board_and_the_cli_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    // The first card of the first stage: the column's search, first result.
    let found = cli_json(
        dir.path(),
        &[
            "search",
            "deals",
            "--filter",
            "dealstage EQ appointmentscheduled",
            "--properties",
            "dealname",
            "--limit",
            "1",
        ],
    );
    let id = found["results"][0]["id"].as_str().unwrap().to_owned();
    let name = found["results"][0]["properties"]["dealname"].as_str().unwrap().to_owned();
    let App { mut screen, mut writer, mut child } = spawn(dir.path());
    screen.wait_for("› 10000691");
    // shift-tab to the Objects pane; Deals is the fourth type.
    writer.write_all(b"\x1b[Zjjj\r").unwrap();
    screen.wait_for("Deals · 150");
    writer.write_all(b"b").unwrap();
    screen.wait_for("18 · Σ");
    writer.write_all(b"\r").unwrap();
    screen.wait_for("Deal Stage: Appointment Scheduled");
    screen.wait_for(&format!("Deal Name: {name}"));
    writer.write_all(b"\x1b").unwrap();
    screen.wait_for("Board · Deals");
    screen.wait_for("18 · Σ");
    writer.write_all(b"L").unwrap();
    screen.wait_for("Staged: 1 card → Qualified To Buy");
    writer.write_all(b"w").unwrap();
    screen.wait_for("Saved 1 record");
    screen.wait_for("17 · Σ");
    writer.write_all(b"q").unwrap();
    assert!(wait_exit(&mut child).success(), "the app quit by itself");
    let got = cli_json(dir.path(), &["get", "deals", &id, "--properties", "dealstage"]);
    assert_eq!(got["properties"]["dealstage"], "qualifiedtobuy");
}

/// `hubtui serve` playing a portal (in memory), and its base URL; killed when dropped.
struct Portal {
    child: std::process::Child,
    base: String,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_portal(records: &str) -> Portal {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["serve", "--memory", "--records", records, "--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().strip_prefix("hubtui emulator listening on ").unwrap().to_owned();
    Portal { child, base }
}

#[test]
fn an_edit_on_the_replica_reaches_the_portal_and_shows_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let portal = serve_portal("60");
    let at = ["--base-url", portal.base.as_str(), "--token", "t"];
    let synced = cli(dir.path(), &[&["sync", "-q", "--types", "cars,contacts"][..], &at].concat());
    assert!(synced.status.success(), "{}", String::from_utf8_lossy(&synced.stderr));
    let App { mut screen, mut writer, mut child } = spawn_with(dir.path(), &[&at[..], &["--replica"]].concat());
    screen.wait_for("replica of portal 48213567");
    screen.wait_for("› 10000691");
    writer.write_all(b"\r").unwrap();
    screen.wait_for("Price: 21,400");
    save_price_12345_and_quit(&mut screen, &mut writer, &mut child);
    for (what, args) in [("the portal", &at[..]), ("the replica", &[&at[..], &["--replica"]].concat()[..])] {
        let out = cli(dir.path(), &[&["get", "cars", "10000691", "--properties", "price"][..], args].concat());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["properties"]["price"], "12345", "{what} has the edit");
    }
}

#[test]
fn with_the_portal_down_the_replica_still_answers_reads_and_a_write_says_why_it_failed() {
    let dir = tempfile::tempdir().unwrap();
    let portal = serve_portal("60");
    let base = portal.base.clone();
    let at = ["--base-url", base.as_str(), "--token", "t"];
    let synced = cli(dir.path(), &[&["sync", "-q", "--types", "cars"][..], &at].concat());
    assert!(synced.status.success(), "{}", String::from_utf8_lossy(&synced.stderr));
    drop(portal);
    let on_replica = [&at[..], &["--replica"]].concat();
    let got =
        cli_json(dir.path(), &[&["get", "cars", "10000691", "--properties", "price,VIN"][..], &on_replica].concat());
    assert_eq!(got["properties"]["price"], "21400", "read from the replica, offline");
    let history = [&["get", "cars", "10000691", "--history", "price"][..], &on_replica].concat();
    // Offline the replica answers with the histories it kept (none were opened here).
    let versions = cli_json(dir.path(), &history);
    assert!(versions["propertiesWithHistory"].is_object(), "a history read answers offline: {versions}");
    let csv = dir.path().join("price.csv");
    std::fs::write(&csv, format!("VIN,price\n{},1\n", got["properties"]["VIN"].as_str().unwrap())).unwrap();
    let dry = ["import", "cars", csv.to_str().unwrap(), "--id-property", "VIN", "--dry-run"];
    let out = cli(dir.path(), &[&dry[..], &on_replica].concat());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success() && !said.contains("new"),
        "a dry run that cannot read the portal calls no row new: {said}"
    );
    let write = ["import", "cars", csv.to_str().unwrap(), "--id-property", "VIN", "--yes"];
    let out = cli(dir.path(), &[&write[..], &on_replica].concat());
    assert!(!out.status.success(), "a write with the portal down fails");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("portal") && err.contains("reach"), "and says why: {err}");
    let again =
        cli_json(dir.path(), &[&["get", "cars", "10000691", "--properties", "price"][..], &on_replica].concat());
    assert_eq!(again["properties"]["price"], "21400", "the replica did not take a write the portal never had");
}
