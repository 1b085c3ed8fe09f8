//! `hubtui props export`, `hubtui schema diff` and `hubtui schema apply`: definitions
//! between portals. The work is in `crate::defs`; here are the portals named on the line,
//! the output and the exit codes.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{CliError, Connection, connect, out, print_json};
use crate::cli::{ConnArgs, PropsExportArgs, SchemaAction, SchemaApplyArgs, SchemaArgs, SchemaDiffArgs};
use crate::defs::{self, Definitions};

/// `hubtui props export TYPE…`.
pub async fn export(conn: &Connection, a: PropsExportArgs) -> Result<(), CliError> {
    if let Some(path) = &a.output
        && path.exists()
    {
        return Err(CliError::Local(format!("{} exists; name another file or remove it", path.display())));
    }
    let doc = defs::read::read(&conn.client, &a.types, &conn.label).await.map_err(CliError::Local)?;
    let text = serde_json::to_string_pretty(&doc).map_err(|e| CliError::Local(e.to_string()))?;
    match &a.output {
        Some(path) => {
            std::fs::write(path, text + "\n").map_err(|e| CliError::Local(format!("{}: {e}", path.display())))?;
            let n: usize = doc.types.iter().map(|t| t.properties.len()).sum();
            eprintln!("wrote {} types, {n} properties to {}", doc.types.len(), path.display());
            Ok(())
        }
        None => out(&text),
    }
}

/// `hubtui schema diff` / `apply`.
pub async fn run(a: SchemaArgs) -> Result<(), CliError> {
    match a.action {
        SchemaAction::Diff(d) => diff(d).await,
        SchemaAction::Apply(d) => apply(d).await,
    }
}

/// The connection flags reaching `portal`: a base URL, `demo`, or a profile name.
fn portal(portal: &str, flags: &ConnArgs) -> ConnArgs {
    let mut c = ConnArgs { api_version: flags.api_version.clone(), ..ConnArgs::default() };
    if portal.starts_with("http://") || portal.starts_with("https://") {
        c.base_url = Some(portal.to_owned());
        c.token = flags.token.clone();
    } else if portal == "demo" {
        c.db = flags.db.clone();
    } else {
        c.profile = Some(portal.to_owned());
    }
    c
}

/// A file's definitions, the types chosen (all when none).
fn from_file(path: &Path, types: &[String]) -> Result<Definitions, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| CliError::Local(format!("{}: {e}", path.display())))?;
    let mut doc = Definitions::parse(&text).map_err(|e| CliError::Local(format!("{}: {e}", path.display())))?;
    if !types.is_empty() {
        for t in types {
            if doc.find(t).is_none() {
                let all: Vec<&str> = doc.types.iter().map(|t| t.name.as_str()).collect();
                return Err(CliError::Usage(format!(
                    "{} has no type {t:?}; it has {}",
                    path.display(),
                    all.join(", ")
                )));
            }
        }
        doc.types.retain(|t| types.iter().any(|w| t.is(w)));
    }
    Ok(doc)
}

async fn diff(a: SchemaDiffArgs) -> Result<(), CliError> {
    let source = if Path::new(&a.from).is_file() {
        from_file(Path::new(&a.from), &a.types)?
    } else {
        let conn = connect(&portal(&a.from, &a.conn)).await?;
        let doc = defs::read::read(&conn.client, &a.types, &a.from).await.map_err(CliError::Local);
        conn.close().await;
        doc?
    };
    let conn = connect(&portal(&a.to, &a.conn)).await?;
    let mut names: Vec<String> = source.types.iter().map(|t| t.name.clone()).collect();
    if a.types.is_empty() {
        // Custom objects only the target has are extra schemas.
        match defs::read::custom_names(&conn.client).await {
            Ok(custom) => names.extend(custom.into_iter().filter(|c| !source.types.iter().any(|t| t.is(c)))),
            Err(e) => {
                conn.close().await;
                return Err(CliError::Local(e));
            }
        }
    }
    let target = defs::read::read_present(&conn.client, &names, &a.to).await.map_err(CliError::Local);
    conn.close().await;
    let (target, _) = target?;
    let diffs = defs::diff::diff(&source, &target);
    if a.json { print_json(&diffs) } else { out(defs::diff::table(&diffs).trim_end()) }
}

async fn apply(a: SchemaApplyArgs) -> Result<(), CliError> {
    let source = from_file(&a.file, &a.types)?;
    let conn = connect(&portal(&a.to, &a.conn)).await?;
    let result = apply_on(&conn, &source, &a).await;
    conn.close().await;
    result
}

async fn apply_on(conn: &Connection, source: &Definitions, a: &SchemaApplyArgs) -> Result<(), CliError> {
    if conn.read_only && !a.dry_run {
        return Err(CliError::Usage(format!("profile {} is read-only: nothing was written", conn.label)));
    }
    let (_, steps) = defs::apply::planned(&conn.client, source, a.prune).await.map_err(CliError::Local)?;
    let writes = steps.iter().filter(|s| s.writes()).count();
    if a.dry_run {
        for s in &steps {
            out(&format!("{} {}", if s.writes() { "would" } else { "-" }, s.describe()))?;
        }
        return out(&format!("{writes} writes planned to {}; nothing written (--dry-run)", a.to));
    }
    if writes == 0 {
        return out(&format!("{} already has these definitions: nothing to write", a.to));
    }
    let deletes = steps.iter().filter(|s| s.deletes()).count();
    if deletes > 0 && !a.yes {
        confirm_deletes(&steps, &a.to)?;
    }
    eprintln!("writing to {}", conn.destination().await);
    let mut say = |line: &str| {
        let _ = out(line);
    };
    let report = defs::apply::apply(&conn.client, source, a.prune, &mut say).await.map_err(CliError::Local)?;
    let summary = format!("{} written, {} failed, {} skipped", report.written, report.failed, report.skipped);
    if report.failed > 0 {
        return Err(CliError::Partial(summary));
    }
    out(&summary)
}

/// Asks before deleting, on a terminal; without one, refuses (`--yes` confirms).
fn confirm_deletes(steps: &[defs::plan::Step], to: &str) -> Result<(), CliError> {
    let deletes: Vec<String> = steps.iter().filter(|s| s.deletes()).map(defs::plan::Step::describe).collect();
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(CliError::Usage(format!(
            "--prune would delete {} items from {to} ({}): add --yes to confirm; nothing was written",
            deletes.len(),
            deletes.join("; ")
        )));
    }
    let mut err = std::io::stderr().lock();
    for d in &deletes {
        let _ = writeln!(err, "  {d}");
    }
    let _ = write!(err, "Delete these {} items from {to}? Type yes: ", deletes.len());
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| CliError::Local(e.to_string()))?;
    if answer.trim() == "yes" { Ok(()) } else { Err(CliError::Usage("not confirmed: nothing was written".into())) }
}
